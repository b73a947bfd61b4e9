import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from devtools.demo import DEMO_WACHTWOORD, DemoLogin, alles_laden
from duaal.achtergrond import wachten

# The loader sends the mails its scenarios cause (some carry the personal approval links the
# README points to); on a first start they are ~80 mails, so those the demo would print to the
# console go to files instead (a test's or a real mail backend is left alone).
MAIL_DIR = Path(settings.BASE_DIR) / "var" / "demo-mails"
# Eager Celery logs every task at INFO and delivery logs each mail: progress, not news.
CONSOLE = "django.core.mail.backends.console.EmailBackend"
FILES = "django.core.mail.backends.filebased.EmailBackend"
STILLE_LOGGERS = ("", "celery", "celery.app.trace", "celery.worker", "duaal.meldingen")


@contextmanager
def _stil() -> Iterator[None]:
    """Mails to MAIL_DIR and INFO logging off while loading; warnings and errors still show."""
    loggers = [logging.getLogger(name) for name in STILLE_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    mail: dict[str, str] = {}
    if settings.EMAIL_BACKEND == CONSOLE:
        MAIL_DIR.mkdir(parents=True, exist_ok=True)
        mail = {"EMAIL_BACKEND": FILES, "EMAIL_FILE_PATH": str(MAIL_DIR)}
    try:
        with override_settings(**mail):
            yield
            # The agreements' PDFs render in a background thread in the demo: their log lines
            # and mails belong to the loading too.
            wachten()
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print a table of the demo logins."

    def handle(self, *args, **options) -> None:
        with _stil():
            logins = alles_laden()
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {settings.PORTAAL_URL}/"))
        self.stdout.write("The start page logs you in as any of these with one click.\n")
        for line in _tabel(logins):
            self.stdout.write(line)
        self.stdout.write(f"\nPassword for every demo login: {DEMO_WACHTWOORD}")
        if MAIL_DIR.is_dir() and any(MAIL_DIR.iterdir()):
            shown = (
                MAIL_DIR.relative_to(settings.BASE_DIR)
                if MAIL_DIR.is_relative_to(settings.BASE_DIR)
                else MAIL_DIR
            )
            self.stdout.write(f"Mails of the demo scenarios (personal links too): {shown}/")


def _tabel(logins: list[DemoLogin]) -> list[str]:
    rijen = [("role", "login", "organisation")] + [(x.rol, x.email, x.organisatie) for x in logins]
    breedtes = [max(len(rij[k]) for rij in rijen) for k in range(3)]
    lines = ["  ".join(cel.ljust(b) for cel, b in zip(rij, breedtes, strict=True)) for rij in rijen]
    lines.insert(1, "  ".join("-" * b for b in breedtes))
    return [line.rstrip() for line in lines]
