"""From application to decision in the browser, as an employer and a consultant go through it.

(1) The employer applies for De Linde Gent x ZORG-VZ-D: answers the criteria, names the valid
mentor, uploads the documents, signs and submits. The consultant asks for a recent RSZ
certificate; the employer adds it and resubmits; the consultant marks the file complete (the
clock shows 14 days) and approves; the employer sees the recognition valid until the decision
date + 5 years.
(2) A refusal with motivation, and the appeal the employer lodges within the term.

Elements are found by id, data-testid and href until the Dutch catalogue has these screens.
"""

import datetime as dt
import re

import pytest
from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.demo.portaal import demo_data_laden
from duaal.accounts.models import User
from duaal.organisaties.models import CriteriumDocument, Onderneming, Opleiding, Vestiging
from duaal.termijnen import BEROEP, einde, vandaag
from erkenning.constants import AanvraagStatus, BeroepStatus
from erkenning.models import Aanvraag, Beroep, Erkenning
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_antwoorden_opslaan,
    aanvraag_document_opladen,
    aanvraag_indienen,
    aanvraag_mentoren_kiezen,
    aanvraag_volledig_verklaren,
)
from mentors.models import Mentor
from mentors.services import mentor_registreren, uittreksel_opladen
from tests.support import als

from .test_dashboards import login
from .test_mentors import PDF, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AANVRAAG_DETAIL = re.compile(r".*/aanvragen/[0-9a-f-]{36}/(#documenten)?$")


def _geldige_mentor() -> Mentor:
    """The valid mentor of De Linde: 41 years old, 12 years of experience, a recent extract."""
    onderneming = Onderneming.objects.get(naam="Woonzorgcentrum De Linde")
    werkgever = User.objects.get(email="werkgever@demo.duaal.be")
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
    return mentor


def _wissel(page, base_url: str, email: str) -> None:
    page.context.clear_cookies()
    login(page, base_url, email)


def _document(page, tmp_path, vereist: CriteriumDocument, mentor: Mentor | None = None) -> None:
    bestand = tmp_path / f"document-{vereist.pk}.pdf"
    bestand.write_bytes(PDF)
    page.locator("[data-testid=document]").click()
    page.locator("#id_vereist").select_option(str(vereist.pk))
    if mentor is not None:
        page.locator("#id_mentor").select_option(str(mentor.public_id))
    page.locator("#id_bestand").set_input_files(str(bestand))
    submit(page)
    page.wait_for_url(AANVRAAG_DETAIL)


def _ontvangstbewijs(page, aanvraag: Aanvraag) -> None:
    """After submitting: the receipt with the reference, then on to the application."""
    page.wait_for_url(re.compile(r".*/aanvragen/[0-9a-f-]{36}/ontvangen/$"))
    assert page.locator("[data-testid=referentie]").inner_text() == aanvraag.referentie
    page.locator("[data-testid=naar-dossier]").click()


def test_employer_applies_consultant_asks_more_and_approves(
    page, live_server, screenshot, tmp_path
) -> None:
    demo_data_laden()
    mentor = _geldige_mentor()
    vestiging = Vestiging.objects.get(naam="De Linde Gent")
    opleiding = Opleiding.objects.get(code="ZORG-VZ-D")
    rsz = CriteriumDocument.objects.get(
        criterium__partnerschap=opleiding.partnerschap, per_mentor=False
    )
    uittreksel = CriteriumDocument.objects.get(
        criterium__partnerschap=opleiding.partnerschap, per_mentor=True
    )
    base = live_server.url

    # The employer starts a draft for the establishment x programme.
    login(page, base, "werkgever@demo.duaal.be")
    page.locator("header nav a[href='/aanvragen/']").click()
    page.wait_for_url(f"{base}/aanvragen/")
    page.locator("[data-testid=aanvraag-nieuw]").click()
    page.locator("#id_vestiging").select_option(str(vestiging.public_id))
    page.locator("#id_opleiding").select_option(str(opleiding.public_id))
    submit(page)
    page.wait_for_url(re.compile(r".*/aanvragen/[0-9a-f-]{36}/bewerken/$"))
    aanvraag = Aanvraag.objects.get(vestiging=vestiging, opleiding=opleiding)
    assert aanvraag.partnerschap == opleiding.partnerschap

    # Each criterion ticked with an explanation; the valid mentor named.
    criteria = page.locator("fieldset[data-criterium]")
    assert criteria.count() == aanvraag.antwoorden.count() == 4
    for antwoord in aanvraag.antwoorden.all():
        page.locator(f"#id_voldaan_{antwoord.criterium_id}").check()
        page.locator(f"#id_toel_{antwoord.criterium_id}").fill("In orde, zie bijlage.")
    page.locator(f"input[name=mentoren][value='{mentor.public_id}']").check()
    screenshot("aanvraag-criteria")
    submit(page)
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    assert page.locator("[data-testid=criteria] tbody tr[data-voldaan=ja]").count() == 4
    assert page.locator("[data-testid=tekorten] li").count() == 2  # the two documents

    # The documents the partnership asks: the RSZ certificate, the extract per mentor.
    _document(page, tmp_path, rsz)
    _document(page, tmp_path, uittreksel, mentor)
    assert page.locator("[data-testid=tekorten]").count() == 0
    assert page.locator("[data-testid=documenten] a[href*='/bestand/']").count() == 2

    # Sign the declaration on honour and submit.
    page.locator("[data-testid=indienen]").click()
    submit(page)  # without the declaration: refused on its field
    assert page.locator("#id_verklaring_op_eer.is-invalid").count() == 1
    page.locator("#id_verklaring_op_eer").check()
    submit(page)
    _ontvangstbewijs(page, aanvraag)
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert page.locator("[data-testid=klok]").get_attribute("data-loopt") == "nee"
    screenshot("aanvraag-ingediend")

    # The consultant finds it in the queue and asks for a recent RSZ certificate.
    _wissel(page, base, "consulent@demo.duaal.be")
    page.locator("header nav a[href='/wachtrij/']").click()
    page.wait_for_url(f"{base}/wachtrij/")
    page.locator(f"[data-testid=wachtrij] a[href='{aanvraag.get_absolute_url()}']").click()
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    page.locator("[data-testid=onvolledig]").click()
    page.locator("#id_ontbrekend").fill("Het RSZ-attest is ouder dan drie maanden.")
    submit(page)
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.ONVOLLEDIG

    # The employer sees the request on the dashboard, adds the certificate and resubmits.
    _wissel(page, base, "werkgever@demo.duaal.be")
    page.locator(f"main a[href='{aanvraag.get_absolute_url()}']").first.click()
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    assert "ouder dan drie maanden" in page.locator("[data-testid=ontbrekend]").inner_text()
    screenshot("aanvraag-onvolledig")
    _document(page, tmp_path, rsz)
    page.locator("[data-testid=indienen]").click()
    page.locator("#id_verklaring_op_eer").check()
    submit(page)
    _ontvangstbewijs(page, aanvraag)
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND

    # The consultant marks it complete: the clock shows 14 days; then approves.
    _wissel(page, base, "consulent@demo.duaal.be")
    page.goto(f"{base}{aanvraag.get_absolute_url()}")
    page.locator("[data-testid=volledig]").click()
    submit(page)
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    klok = page.locator("[data-testid=klok]")
    assert klok.get_attribute("data-loopt") == "ja" and klok.get_attribute("data-dagen") == "14"
    screenshot("aanvraag-klok")
    page.locator("[data-testid=beslissen]").click()
    assert page.locator("main [data-voorwaarde][data-status=niet_voldaan]").count() == 0
    page.locator("#id_beslissing_0").check()
    page.locator("#id_motivering").fill("Voldoet aan alle criteria; geldige mentor.")
    submit(page)
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.GOEDGEKEURD

    # The employer sees the recognition, valid until the decision date + 5 years (R19).
    _wissel(page, base, "werkgever@demo.duaal.be")
    page.locator("header nav a[href='/erkenningen/']").click()
    page.wait_for_url(f"{base}/erkenningen/")
    erkenning = Erkenning.objects.get(aanvraag=aanvraag)
    page.locator(f"[data-testid=erkenningen] a[href='{erkenning.get_absolute_url()}']").click()
    page.wait_for_url(f"{base}{erkenning.get_absolute_url()}")
    verwacht = vandaag(aanvraag.beslist_op) + relativedelta(years=5)
    tot = page.locator("[data-testid=geldig-tot]")
    assert tot.get_attribute("data-datum") == verwacht.isoformat()
    assert tot.inner_text().strip() == verwacht.strftime("%d/%m/%Y")
    screenshot("erkenning-geldig-tot")


def test_refusal_with_motivation_and_an_appeal_within_the_term(
    page, live_server, screenshot
) -> None:
    demo_data_laden()
    mentor = _geldige_mentor()
    werkgever = User.objects.get(email="werkgever@demo.duaal.be")
    consulent = User.objects.get(email="consulent@demo.duaal.be")
    opleiding = Opleiding.objects.get(code="ZORG-ZK-D")
    aanvraag = aanvraag_aanmaken(
        vestiging=Vestiging.objects.get(naam="De Linde Lokeren"),
        opleiding=opleiding,
        door=als(werkgever),
    )
    aanvraag_antwoorden_opslaan(
        aanvraag=aanvraag,
        antwoorden={a.criterium_id: (True, "") for a in aanvraag.antwoorden.all()},
        door=als(werkgever),
    )
    aanvraag_mentoren_kiezen(aanvraag=aanvraag, mentoren=[mentor], door=als(werkgever))
    for vereist in CriteriumDocument.objects.filter(criterium__partnerschap=aanvraag.partnerschap):
        aanvraag_document_opladen(
            aanvraag=aanvraag,
            vereist=vereist,
            bestand=SimpleUploadedFile("document.pdf", PDF),
            mentor=mentor if vereist.per_mentor else None,
            door=als(werkgever),
        )
    aanvraag_indienen(aanvraag=aanvraag, door=als(werkgever), verklaring_op_eer=True)
    aanvraag_volledig_verklaren(aanvraag=aanvraag, door=als(consulent))
    base = live_server.url

    # The consultant refuses, with a motivation (required).
    login(page, base, "consulent@demo.duaal.be")
    page.goto(f"{base}{aanvraag.get_absolute_url()}")
    page.locator("[data-testid=beslissen]").click()
    page.locator("#id_beslissing_1").check()
    submit(page)  # no motivation: refused on its field
    assert page.locator("#id_motivering.is-invalid").count() == 1
    page.locator("#id_motivering").fill("De werkplek biedt de activiteiten van de opleiding niet.")
    screenshot("aanvraag-weigeren")
    submit(page)
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.AFGEWEZEN
    assert aanvraag.beroep_uiterlijk_op == einde(BEROEP, vandaag(timezone.now()))

    # The employer sees the motivation, the appeal route with its deadline, and appeals.
    _wissel(page, base, "werkgever@demo.duaal.be")
    page.locator(f"main a[href='{aanvraag.get_absolute_url()}']").first.click()
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
    beslissing = page.locator("[data-testid=beslissing]").inner_text()
    assert "activiteiten van de opleiding niet" in beslissing
    assert aanvraag.beroep_uiterlijk_op.strftime("%d/%m/%Y") in beslissing
    page.locator("[data-testid=beroep-indienen]").click()
    page.locator("#id_motivering").fill(
        "De werkplek biedt alle activiteiten aan; zie het bijgevoegde activiteitenplan."
    )
    submit(page)
    page.wait_for_url(re.compile(r".*/beroepen/[0-9a-f-]{36}/$"))
    beroep = Beroep.objects.get(aanvraag=aanvraag)
    assert beroep.status == BeroepStatus.INGEDIEND and beroep.ingediend_door == werkgever
    assert "activiteitenplan" in page.locator("[data-testid=beroep-motivering]").inner_text()
    screenshot("beroep-ingediend")

    # The refusal no longer offers a second appeal.
    page.goto(f"{base}{aanvraag.get_absolute_url()}")
    assert page.locator("[data-testid=beroep-indienen]").count() == 0
    assert page.locator("[data-testid=beroep]").count() == 1
