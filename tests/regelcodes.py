"""The pattern of an internal rule id (R1..R87 of the domain rules), which users must never see:
not in a page (the accessibility crawl, tests/e2e/test_toegankelijkheid.py) nor in a mail
(tests/test_mail_catalogue.py). Rule ids belong in code comments and tests only."""

import re

# "(R12)", "(R44-R45)", "R54" as a word; not "BR123" nor an "R" inside a word.
REGELCODE = re.compile(r"\bR\d{1,2}\b")


def regelcodes_in(tekst: str) -> list[str]:
    """Every rule id in `tekst`, in order of appearance."""
    return REGELCODE.findall(tekst)
