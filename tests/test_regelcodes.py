"""No user-facing string carries an internal rule id, in either language: every msgid (the
English UI) and every Dutch translation of the catalogue. The crawl checks the rendered Dutch
pages (tests/e2e/test_toegankelijkheid.py) and the mail catalogue test the mails."""

from pathlib import Path

from django.conf import settings

from tests.regelcodes import REGELCODE, regelcodes_in

CATALOGUE = Path(settings.BASE_DIR) / "duaal" / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _string_lines() -> list[str]:
    """The lines of the catalogue that hold msgid or msgstr text (gettext wraps at spaces, so
    no rule id is split over two lines); comments, obsolete entries included, are skipped."""
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith(("msgid", "msgstr", '"'))]


def test_no_string_of_the_catalogue_shows_a_rule_id() -> None:
    found = [line for line in _string_lines() if REGELCODE.search(line)]
    assert found == []


def test_the_pattern_finds_rule_ids_and_nothing_else() -> None:
    assert regelcodes_in("binnen 20 opleidingsdagen (R48)") == ["R48"]
    assert regelcodes_in("(R44-R45) en R54.") == ["R44", "R45", "R54"]
    assert regelcodes_in("BR123, RSZ-attest, R&D, R2D2, 3R5") == []
