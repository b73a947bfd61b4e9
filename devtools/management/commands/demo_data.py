from django.core.management.base import BaseCommand

from devtools.demo import DEMO_WACHTWOORD, alles_laden


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print one login per role."

    def handle(self, *args, **options) -> None:
        logins = alles_laden()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in on http://127.0.0.1:8000/"))
        for login in logins:
            self.stdout.write(f"  {login.rol:<32} {login.email:<34} ({login.organisatie})")
        self.stdout.write(f"  Password for every demo login: {DEMO_WACHTWOORD}")
