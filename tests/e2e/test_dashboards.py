"""Each demo role logs in through the real login form and reaches its own dashboard."""

import io

import pytest

from django.core.management import call_command

from devtools.demo.portaal import DEMO_WACHTWOORD, demo_data_laden

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What each role's dashboard must show: its organisation and its own "needs action" content.
# The recognition demo adds: the employer's incomplete file and the recognition to renew
# (Lokeren), the draft the coach files under De Linde's mandate (Aalst), the file awaiting the
# completeness check (Eeklo), the escalated file (Deinze) and the appeal of De Linde.
VERWACHT = {
    "werkgever@demo.duaal.be": [
        "Woonzorgcentrum De Linde",
        "De Linde Gent",
        "Uw vestigingen",
        "Het RSZ-schuldenattest is ouder dan drie maanden",
        "Verzorgende/zorgkundige duaal – De Linde Lokeren",
    ],
    "trajectbegeleider@demo.duaal.be": [
        "Campus Sint-Jozef",
        "Zorgkundige duaal (Se-n-Se) – De Linde Aalst",
    ],
    "consulent@demo.duaal.be": [
        "Sectoraal partnerschap Zorg",
        "Koen Peeters",
        "Lotte Vermeersch",
        "De Linde Eeklo",
    ],
    "beheerder@demo.duaal.be": ["Sectoraal partnerschap Zorg", "Hilde Maes", "De Linde Deinze"],
    "platform@demo.duaal.be": [
        "Departement Onderwijs en Vorming",
        "Vlaams Partnerschap Duaal",
        "Woonzorgcentrum De Linde",
    ],
}


def login(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base_url}/dashboard/")


@pytest.mark.parametrize("email", list(VERWACHT))
def test_each_demo_role_reaches_its_dashboard(page, live_server, screenshot, email) -> None:
    call_command("demo_data", stdout=io.StringIO())
    login(page, live_server.url, email)
    main = page.locator("main")
    for tekst in VERWACHT[email]:
        assert tekst in main.inner_text() or tekst in page.content(), f"{email}: {tekst}"
    screenshot(f"dashboard-{email.split('@')[0]}")


def test_wrong_password_gets_a_dutch_message(page, live_server, screenshot) -> None:
    demo_data_laden()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill("werkgever@demo.duaal.be")
    page.get_by_label("Wachtwoord").fill("verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    assert "Voer een juiste e-mailadres en wachtwoord in" in page.locator("main").inner_text()
    screenshot("login-fout")
