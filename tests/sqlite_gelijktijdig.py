"""Two consultants decide one application at once on the demo's SQLite settings.

Run by test_sqlite_gelijktijdig.py in a process of its own (DJANGO_SETTINGS_MODULE=
duaal.settings.dev, DATABASE_URL pointing at a temporary SQLite file): migrates, then decides
each of a few fresh applications from two threads at once, and prints one JSON line per round
with what each thread got (the decision, the colleague's message, or any other error)."""

import json

RONDES = 3


def _uitkomst(u: object) -> str:
    from erkenning.exceptions import AlBeslist
    from erkenning.models import Aanvraag

    if isinstance(u, Aanvraag):
        return "beslist"
    if isinstance(u, AlBeslist):
        return f"collega: {u}"
    return f"fout: {type(u).__name__}: {u}"


def main() -> None:
    # Imported here: Django is set up by then, on the settings of this process.
    from django.core.management import call_command

    from duaal.accounts.constants import Rol
    from tests.erkenning.conftest import maak_plaats
    from tests.erkenning.test_gelijktijdig_beslissen import (
        _een_beslissing,
        _tegelijk,
        _volledige_aanvraag,
    )
    from tests.support import als, lid

    call_command("migrate", verbosity=0)
    plaats = maak_plaats()
    tweede = lid(plaats.partnerschap, Rol.SECTORCONSULENT)
    for _ronde in range(RONDES):
        aanvraag = _volledige_aanvraag(plaats)
        uitkomsten = _tegelijk(aanvraag, [(als(plaats.consulent), True), (als(tweede), False)])
        uitkomst = {
            "uitkomsten": sorted(_uitkomst(u) for u in uitkomsten),
            "een_beslissing": _een_beslissing(aanvraag),
        }
        print("RONDE", json.dumps(uitkomst), flush=True)


if __name__ == "__main__":
    import django

    django.setup()
    main()
