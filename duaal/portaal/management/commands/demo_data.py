from django.apps import apps
from django.core.management.base import BaseCommand

from duaal.portaal.demo import DEMO_WACHTWOORD, demo_data_laden


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print one login per role."

    def handle(self, *args, **options) -> None:
        logins = demo_data_laden()
        # Domain apps add their own demo data through AppConfig.demo_data(); the kernel
        # imports none of them.
        for config in apps.get_app_configs():
            if callable(laden := getattr(config, "demo_data", None)):
                laden()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Log in on http://127.0.0.1:8000/"))
        for login in logins:
            self.stdout.write(f"  {login.rol:<32} {login.email:<34} ({login.organisatie})")
        self.stdout.write(f"  Password for every demo login: {DEMO_WACHTWOORD}")
