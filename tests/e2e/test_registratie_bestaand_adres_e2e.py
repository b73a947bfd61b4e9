"""Registering with an address that already has an account looks exactly like a new
registration ("check your mailbox"); the owner is mailed, confirms with the link and then
logs in with their own password."""

import re

import pytest

from django.conf import settings
from django.core import mail

from duaal.accounts.models import Membership
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+/registreren/bevestigen/\S+/")


def _registreren(page, url: str, kbo: str, email: str) -> str:
    page.goto(f"{url}/account/registreren/")
    page.get_by_label("Naam van de onderneming").fill(f"Garage {kbo[-3:]}")
    page.get_by_label("Ondernemingsnummer (KBO)").fill(kbo)
    page.get_by_label("Rechtsvorm").select_option("bv")
    page.get_by_label("Straat").fill("Nijverheidslaan")
    page.get_by_label("Huisnummer").fill("4")
    page.get_by_label("Postcode").fill("8500")
    page.get_by_label("Gemeente").fill("Kortrijk")
    page.get_by_label("Uw volledige naam").fill("Sofie Verstraete")
    page.get_by_label("Uw e-mailadres").fill(email)
    page.locator("#id_password1").fill("motoren-en-banden-2026")
    page.get_by_label("Herhaal het wachtwoord").fill("motoren-en-banden-2026")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url(f"{url}/account/registreren/verzonden/")
    return page.locator("main").inner_text()


def test_an_existing_address_sees_what_a_new_one_sees_and_confirms_by_mail(
    page, live_server, screenshot
):
    UserFactory(email="sofie@garage-verstraete.be", naam="Sofie Verstraete")
    nieuw = _registreren(page, live_server.url, "0202239951", "nieuw@garage-verstraete.be")
    bestaand = _registreren(page, live_server.url, "0555000148", "Sofie@Garage-Verstraete.be")
    assert bestaand == nieuw and "Kijk in uw mailbox" in bestaand
    screenshot("registratie-bestaand-adres")

    (bericht,) = [m for m in mail.outbox if m.to == ["sofie@garage-verstraete.be"]]
    assert "al een account" in bericht.body
    link = LINK.search(bericht.body).group(0).replace(settings.PORTAAL_URL, live_server.url)
    page.goto(link)
    page.get_by_role("button", name="Registratie bevestigen").click()
    page.wait_for_url(f"{live_server.url}/account/inloggen/")
    page.get_by_label("E-mailadres").fill("SOFIE@garage-verstraete.be")
    page.get_by_label("Wachtwoord").fill("geheim-wachtwoord-123")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/dashboard/")
    assert "Garage 148" in page.locator("body").inner_text()
    assert Membership.objects.get(user__email="sofie@garage-verstraete.be").actief
    screenshot("registratie-bestaand-adres-bevestigd")
