"""Every mail is a template (templates/mail/), in the catalogue, and reads as a mail should:
it greets the recipient by name, links with an absolute URL to the page where they act, has a
one-line subject, and never shows an internal rule id. Rendered in Dutch, the recipients'
language; the checks hold in either language."""

import re
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import translation

from duaal.meldingen.catalogue import CATALOGUE
from duaal.meldingen.rendering import render_template
from duaal.meldingen.services import send_mail
from tests.regelcodes import REGELCODE

MAILS = Path(settings.BASE_DIR) / "templates" / "mail"
SERVICES = [
    Path(settings.BASE_DIR) / app for app in ("duaal", "mentors", "erkenning", "overeenkomsten")
]
NAAM = "Griet Van den Broeck"
LINK = "https://portaal.example/persoonlijke-link/abc/"
URL = re.compile(r"https?://\S+")


def _templates() -> list[str]:
    """Every mail under templates/mail/<app>/, by its name ("<app>/<name>")."""
    return sorted(
        str(p.relative_to(MAILS).with_suffix(""))
        for p in MAILS.glob("*/*.txt")
        if not p.stem.endswith("_subject")
    )


def test_every_template_is_in_the_catalogue_and_every_entry_has_its_template() -> None:
    assert _templates() == sorted(CATALOGUE)
    for naam in _templates():
        assert (MAILS / f"{naam}_subject.txt").exists(), naam


@pytest.mark.parametrize("naam", _templates())
def test_a_mail_greets_by_name_links_absolutely_and_shows_no_rule_ids(naam: str) -> None:
    entry = CATALOGUE[naam]
    with translation.override("nl"):
        mail = render_template(
            naam, entry.demo, recipient_name=NAAM, link=LINK if entry.has_link else None
        )
    assert mail.subject and "\n" not in mail.subject
    eerste = mail.body.splitlines()[0]
    assert NAAM in eerste and eerste.endswith(",")
    links = URL.findall(mail.body)
    assert any(u != f"{settings.PORTAAL_URL}/" for u in links), "no link to the page to act on"
    if entry.has_link:
        assert LINK in mail.body
    assert not REGELCODE.search(mail.subject + mail.body), mail.body
    # Every fact the demo gives is used: a stored fact no template shows is dead weight.
    assert "{{" not in mail.body and "{%" not in mail.body


def _namen_in_services() -> set[str]:
    """The template names the code sends: the first argument of each send_mail(...) call."""
    gevonden: set[str] = set()
    aanroep = re.compile(r"send_mail\(\s*(?:\"([a-z_]+/[a-z_]+)\"|\n\s*\"([a-z_]+/[a-z_]+)\")")
    keuze = re.compile(r"\"([a-z_]+/[a-z_]+)\" if .+ else \"([a-z_]+/[a-z_]+)\"")
    for map_ in SERVICES:
        for bron in map_.rglob("*.py"):
            if "migrations" in bron.parts:
                continue
            tekst = bron.read_text()
            for m in aanroep.finditer(tekst):
                gevonden.add(m.group(1) or m.group(2))
            for m in keuze.finditer(tekst):
                gevonden.update(m.groups())
    return gevonden


def test_every_template_the_code_sends_exists_and_every_template_is_sent() -> None:
    gesjablonen = _namen_in_services()
    assert gesjablonen == set(_templates())


@pytest.mark.django_db
def test_an_unknown_template_is_refused_when_queued() -> None:
    with pytest.raises(ValueError, match="unknown mail template"):
        send_mail("erkenning/bestaat_niet", recipients=[], event_key="x:1", context={})


@pytest.mark.django_db
def test_a_context_holds_primitives_only() -> None:
    with pytest.raises(TypeError):
        send_mail(
            "erkenning/appeal_lodged",
            recipients=[],
            event_key="x:2",
            context={"onderneming": object(), "url": "https://portaal.example/"},
            e_mails={"a@example.org": "A"},
        )
