"""An employer registers a mentor: a wrong INSZ is marked on its field and nothing typed is
lost; after correcting it, the employer designates the mentor, uploads the 596.2 extract and
sees which legal conditions the mentor meets.

Fields are found by id until the Dutch catalogue has the mentor screens' labels.
"""

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.demo.portaal import demo_data_laden
from duaal.accounts.models import User
from duaal.organisaties.models import Onderneming, Opleiding, Vestiging
from duaal.termijnen import vandaag
from mentors.constants import ToewijzingStatus
from mentors.models import Mentor
from mentors.services import mentor_registreren, mentor_toewijzen, uittreksel_opladen
from tests.support import als

from .test_dashboards import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
MENTOR_DETAIL = re.compile(r".*/mentoren/[0-9a-f-]{36}/$")


def submit(page) -> None:
    page.locator("main form[method=post] button[type=submit]").click()


def status(page, scope: str, voorwaarde: str) -> str:
    return page.locator(f'{scope} [data-voorwaarde="{voorwaarde}"]').first.get_attribute(
        "data-status"
    )


def test_employer_registers_designates_and_sees_the_conditions(
    page, live_server, screenshot, tmp_path
) -> None:
    demo_data_laden()
    login(page, live_server.url, "werkgever@demo.duaal.be")

    page.locator("header nav a[href='/mentoren/']").click()
    page.wait_for_url(f"{live_server.url}/mentoren/")
    assert page.locator("main h1").count() == 1
    screenshot("mentoren-register-leeg")

    page.locator("[data-testid=mentor-toevoegen]").click()
    page.wait_for_url(f"{live_server.url}/mentoren/nieuw/")
    page.locator("#id_voornaam").fill("Sara")
    page.locator("#id_achternaam").fill("Wouters")
    page.locator("#id_insz").fill("85.07.30-033.29")
    page.locator("#id_geboortedatum").fill("30/07/1985")
    page.locator("#id_functie").fill("Hoofdverpleegkundige")
    page.locator("#id_jaren_ervaring").fill("12")
    page.locator("#id_e_mail").fill("sara.wouters@delinde.be")
    submit(page)

    # The error is on the INSZ field, listed in the summary, and nothing typed is lost.
    assert page.locator("#id_insz").get_attribute("class").count("is-invalid") == 1
    assert page.locator("#id_insz_error.invalid-feedback").is_visible()
    assert page.locator("#id_insz_error #error_1_id_insz").inner_text().strip()
    assert page.locator("#foutenoverzicht a[href='#id_insz']").count() == 1
    assert page.locator(".invalid-feedback").count() == 1
    assert page.locator("#id_voornaam").input_value() == "Sara"
    assert page.locator("#id_achternaam").input_value() == "Wouters"
    assert page.locator("#id_geboortedatum").input_value() == "30/07/1985"
    assert page.locator("#id_jaren_ervaring").input_value() == "12"
    assert page.locator("#id_e_mail").input_value() == "sara.wouters@delinde.be"
    assert not Mentor.objects.exists()
    screenshot("mentor-fout-insz")

    page.locator("#id_insz").fill("85.07.30-033.28")
    submit(page)
    page.wait_for_url(MENTOR_DETAIL)
    mentor = Mentor.objects.get()
    assert mentor.insz == "85073003328"
    assert page.url.endswith(mentor.get_absolute_url())
    assert "85073003328" not in page.content() and "033.28" not in page.content()
    assert mentor.insz_gemaskeerd in page.locator("main").inner_text()
    screenshot("mentor-geregistreerd")

    # Designate: De Linde Gent x the care programme of the care partnership.
    page.locator("[data-testid=toewijzen]").click()
    vestiging = Vestiging.objects.get(naam="De Linde Gent")
    opleiding = Opleiding.objects.get(code="ZORG-VZ-D")
    page.locator("#id_vestiging").select_option(str(vestiging.public_id))
    page.locator("#id_opleiding").select_option(str(opleiding.public_id))
    submit(page)
    page.wait_for_url(MENTOR_DETAIL)
    toewijzing = mentor.toewijzingen.get()
    assert (toewijzing.vestiging, toewijzing.opleiding) == (vestiging, opleiding)
    assert toewijzing.status == ToewijzingStatus.VOORGESTELD
    assert page.locator("[data-testid=toewijzingen] tbody tr").count() == 1
    # No extract yet: that condition is not met.
    assert status(page, "[data-testid=voorwaarden-algemeen]", "uittreksel") == "niet_voldaan"

    # Upload the extract, issued a month ago.
    bestand = tmp_path / "uittreksel-596-2.pdf"
    bestand.write_bytes(PDF)
    uitgereikt = vandaag(timezone.now()) - relativedelta(months=1)
    page.locator("[data-testid=uittreksel-opladen]").click()
    assert page.locator("main form[enctype='multipart/form-data']").count() == 1
    page.locator("#id_uitgereikt_op").fill(uitgereikt.strftime("%d/%m/%Y"))
    page.locator("#id_bestand").set_input_files(str(bestand))
    submit(page)
    page.wait_for_url(MENTOR_DETAIL)
    assert mentor.uittreksels.get().uitgereikt_op == uitgereikt

    # 41 years old, 12 years of experience, an extract of a month ago: all met, in general and
    # for the designation.
    for scope in ("[data-testid=voorwaarden-algemeen]", "[data-testid=toewijzingen]"):
        assert status(page, scope, "leeftijd") == "voldaan"
        assert status(page, scope, "ervaring") == "voldaan"
        assert status(page, scope, "uittreksel") == "voldaan"
    assert page.locator("[data-testid=uittreksels] tbody tr").count() == 1
    assert page.locator("[data-testid=uittreksels] a[href*='/bestand/']").count() == 1
    screenshot("mentor-voorwaarden")

    # The register shows the mentor with the conditions at a glance.
    page.locator("header nav a[href='/mentoren/']").click()
    page.wait_for_url(f"{live_server.url}/mentoren/")
    rij = page.locator("[data-testid=mentorregister] tbody tr")
    assert rij.count() == 1
    assert rij.locator("[data-status=voldaan]").count() == 3
    assert mentor.insz_gemaskeerd in rij.inner_text()
    screenshot("mentoren-register")


def test_an_experience_below_five_years_is_shown_as_not_met(page, live_server) -> None:
    demo_data_laden()
    login(page, live_server.url, "werkgever@demo.duaal.be")
    page.goto(f"{live_server.url}/mentoren/nieuw/")
    page.locator("#id_voornaam").fill("Tom")
    page.locator("#id_achternaam").fill("Claes")
    page.locator("#id_insz").fill("85073003328")
    page.locator("#id_geboortedatum").fill("30-07-1985")
    page.locator("#id_functie").fill("Kok")
    page.locator("#id_jaren_ervaring").fill("3")
    submit(page)
    page.wait_for_url(MENTOR_DETAIL)
    scope = "[data-testid=voorwaarden-algemeen]"
    assert status(page, scope, "leeftijd") == "voldaan"
    assert status(page, scope, "ervaring") == "niet_voldaan"


def test_consultant_reviews_a_designation_from_the_dashboard(page, live_server, screenshot) -> None:
    demo_data_laden()
    werkgever = User.objects.get(email="werkgever@demo.duaal.be")
    onderneming = Onderneming.objects.get(naam="Woonzorgcentrum De Linde")
    mentor = mentor_registreren(
        onderneming=onderneming,
        door=als(werkgever, onderneming),
        gegevens={
            "voornaam": "Sara",
            "achternaam": "Wouters",
            "insz": "85073003328",
            "geboortedatum": dt.date(1985, 7, 30),
            "functie": "Hoofdverpleegkundige",
            "jaren_ervaring": 12,
            "e_mail": "",
            "telefoon": "",
        },
    )
    uittreksel_opladen(
        mentor=mentor,
        bestand=SimpleUploadedFile("596-2.pdf", PDF),
        uitgereikt_op=vandaag(timezone.now()) - relativedelta(months=1),
        door=als(werkgever, onderneming),
    )
    toewijzing = mentor_toewijzen(
        mentor=mentor,
        vestiging=Vestiging.objects.get(naam="De Linde Gent"),
        opleiding=Opleiding.objects.get(code="ZORG-VZ-D"),
        door=als(werkgever, onderneming),
    )

    login(page, live_server.url, "consulent@demo.duaal.be")
    page.locator(f"main a[href='{toewijzing.get_absolute_url()}']").click()
    page.wait_for_url(f"{live_server.url}{toewijzing.get_absolute_url()}")
    for voorwaarde in ("leeftijd", "ervaring", "uittreksel"):
        assert status(page, "main", voorwaarde) == "voldaan"
    page.locator("[data-testid=beslissen]").click()

    submit(page)  # no decision, no motivation: both fields say so
    assert page.locator(".invalid-feedback").count() == 2
    page.locator("#id_beslissing_0").check()
    page.locator("#id_motivatie").fill("Voldoet aan de voorwaarden.")
    screenshot("toewijzing-beslissen")
    submit(page)
    page.wait_for_url(f"{live_server.url}{toewijzing.get_absolute_url()}")
    toewijzing.refresh_from_db()
    assert toewijzing.status == ToewijzingStatus.AANVAARD
    assert page.locator("[data-testid=geldig]").get_attribute("data-geldig") == "ja"
    assert "Voldoet aan de voorwaarden." in page.locator("main").inner_text()

    # The extract is checked from the same page; then the portal keeps who checked it.
    page.locator("main a[href*='/controleren/']").click()
    submit(page)
    page.wait_for_url(MENTOR_DETAIL)
    assert mentor.uittreksels.get().gecontroleerd_door == "Chloé Janssens"
    assert "Chloé Janssens" in page.locator("[data-testid=uittreksels]").inner_text()
    screenshot("mentor-consulent")
