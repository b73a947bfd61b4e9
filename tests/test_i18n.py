"""Dutch first: the nl catalogue is complete and compiled, English stays available."""

from pathlib import Path

import pytest

from django.urls import reverse

CATALOGUE = Path(__file__).resolve().parent.parent / "duaal" / "locale" / "nl" / "LC_MESSAGES"


def _entries(po: str) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr joined, fuzzy) per entry; enough of the .po grammar for this check."""
    entries = []
    for block in po.split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        msgid, msgstr, current = [], [], None
        for line in lines:
            if line.startswith("msgid "):
                current = msgid
            elif line.startswith("msgstr"):
                current = msgstr
            elif line.startswith("msgid_plural"):
                current = None
            if current is not None and '"' in line:
                current.append(line[line.index('"') + 1 : line.rindex('"')])
        if msgid or msgstr:
            entries.append(("".join(msgid), "".join(msgstr), fuzzy))
    return entries


def test_every_message_has_a_dutch_translation() -> None:
    entries = _entries((CATALOGUE / "django.po").read_text())
    missing = [msgid for msgid, msgstr, fuzzy in entries if msgid and (not msgstr or fuzzy)]
    assert len(entries) > 100 and missing == []


def test_the_catalogue_is_compiled() -> None:
    assert (CATALOGUE / "django.mo").stat().st_mtime >= (CATALOGUE / "django.po").stat().st_mtime


@pytest.mark.django_db
def test_pages_are_dutch_by_default_and_english_on_request(client) -> None:
    assert "Inloggen" in client.get(reverse("accounts:login")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Log in" in client.get(reverse("accounts:login")).content.decode()
