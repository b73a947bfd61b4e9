"""An employer registers the enterprise: a wrong KBO number gets a clear Dutch message on the
field and loses nothing typed; after correcting it, the employer confirms with the link in the
mail and lands on the dashboard."""

import re

import pytest

from django.conf import settings
from django.core import mail

from duaal.organisaties.models import Onderneming

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://\S+/registreren/bevestigen/\S+/")


def test_employer_corrects_a_wrong_kbo_number_and_registers(page, live_server, screenshot):
    page.goto(f"{live_server.url}/account/registreren/")
    page.get_by_label("Naam van de onderneming").fill("Garage Verstraete")
    page.get_by_label("Ondernemingsnummer (KBO)").fill("0555.000.149")
    page.get_by_label("Rechtsvorm").select_option("bv")
    page.get_by_label("Straat").fill("Nijverheidslaan")
    page.get_by_label("Huisnummer").fill("4")
    page.get_by_label("Postcode").fill("8500")
    page.get_by_label("Gemeente").fill("Kortrijk")
    page.get_by_label("Uw volledige naam").fill("Sofie Verstraete")
    page.get_by_label("Uw e-mailadres").fill("sofie@garage-verstraete.be")
    page.locator("#id_password1").fill("motoren-en-banden-2026")
    page.get_by_label("Herhaal het wachtwoord").fill("motoren-en-banden-2026")
    page.get_by_role("button", name="Registreren").click()

    fout = page.locator("#error_1_id_kbo_nummer, .invalid-feedback").first
    assert "geen geldig ondernemingsnummer" in fout.inner_text()
    assert page.get_by_label("Naam van de onderneming").input_value() == "Garage Verstraete"
    assert not Onderneming.objects.exists()
    screenshot("registratie-fout-kbo")

    page.get_by_label("Ondernemingsnummer (KBO)").fill("0555.000.148")
    page.locator("#id_password1").fill("motoren-en-banden-2026")
    page.get_by_label("Herhaal het wachtwoord").fill("motoren-en-banden-2026")
    page.get_by_role("button", name="Registreren").click()
    # The same answer for every address (a new one or one with an account): check the mail.
    page.wait_for_url(f"{live_server.url}/account/registreren/verzonden/")
    assert "Kijk in uw mailbox" in page.locator("main").inner_text()
    screenshot("registratie-mail-verstuurd")

    (bericht,) = [m for m in mail.outbox if m.to == ["sofie@garage-verstraete.be"]]
    link = LINK.search(bericht.body).group(0).replace(settings.PORTAAL_URL, live_server.url)
    page.goto(link)
    page.wait_for_url(f"{live_server.url}/account/registreren/bevestigen/")
    assert "Garage Verstraete" in page.locator("main").inner_text()
    page.get_by_role("button", name="Registratie bevestigen").click()
    page.wait_for_url(f"{live_server.url}/dashboard/")
    assert "Garage Verstraete" in page.locator("main").inner_text()
    assert Onderneming.objects.get().kbo_nummer == "0555000148"
    screenshot("registratie-gelukt")
