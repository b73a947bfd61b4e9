"""Submitting an application in the browser, in Dutch: a chosen file survives a validation
error ("Bewaard: ..."), the check-your-answers page lists every answer with "Wijzigen" links
that open the field to change, a failed submit links the error summary to the field, and the
receipt shows the reference, the date, what happens next and the term."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.demo.portaal import demo_data_laden
from duaal.accounts.models import User
from duaal.meldingen.models import Melding
from duaal.organisaties.models import CriteriumDocument, Opleiding, Vestiging
from erkenning.constants import AanvraagStatus
from erkenning.models import Aanvraag, AanvraagDocument
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_antwoorden_opslaan,
    aanvraag_document_opladen,
    aanvraag_mentoren_kiezen,
)
from tests.support import als

from .test_dashboards import login
from .test_erkenning import _geldige_mentor
from .test_mentors import PDF, submit

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _concept() -> tuple[Aanvraag, CriteriumDocument]:
    """A draft of De Linde Gent with every criterion met and the mentor named; the extract per
    mentor is uploaded, the RSZ certificate is left for the browser."""
    mentor = _geldige_mentor()
    werkgever = als(User.objects.get(email="werkgever@demo.duaal.be"))
    aanvraag = aanvraag_aanmaken(
        vestiging=Vestiging.objects.get(naam="De Linde Gent"),
        opleiding=Opleiding.objects.get(code="ZORG-VZ-D"),
        door=werkgever,
    )
    aanvraag_antwoorden_opslaan(
        aanvraag=aanvraag,
        antwoorden={a.criterium_id: (True, "In orde.") for a in aanvraag.antwoorden.all()},
        door=werkgever,
    )
    aanvraag_mentoren_kiezen(aanvraag=aanvraag, mentoren=[mentor], door=werkgever)
    vereisten = CriteriumDocument.objects.filter(criterium__partnerschap=aanvraag.partnerschap)
    aanvraag_document_opladen(
        aanvraag=aanvraag,
        vereist=vereisten.get(per_mentor=True),
        bestand=SimpleUploadedFile("596-2.pdf", PDF),
        mentor=mentor,
        door=werkgever,
    )
    return aanvraag, vereisten.get(per_mentor=False)


def test_employer_checks_the_answers_submits_and_gets_a_receipt(
    page, live_server, screenshot, tmp_path
) -> None:
    demo_data_laden()
    aanvraag, rsz = _concept()
    base = live_server.url
    login(page, base, "werkgever@demo.duaal.be")

    # The RSZ certificate, but the document is not chosen: the file is kept, not lost.
    bestand = tmp_path / "rsz-attest-2026.pdf"
    bestand.write_bytes(PDF)
    page.goto(f"{base}{aanvraag.get_absolute_url()}")
    page.locator("[data-testid=document]").click()
    page.locator("#id_bestand").set_input_files(str(bestand))
    submit(page)
    assert page.locator("#foutenoverzicht a[href='#id_vereist']").count() == 1
    assert page.locator("[data-testid=bewaard]").inner_text() == "Bewaard: rsz-attest-2026.pdf"
    screenshot("bevestiging-bestand-bewaard")
    page.locator("#id_vereist").select_option(str(rsz.pk))
    submit(page)  # no new file chosen: the kept one is used
    page.wait_for_url(re.compile(r".*/aanvragen/[0-9a-f-]{36}/(#documenten)?$"))
    assert AanvraagDocument.objects.filter(aanvraag=aanvraag, vereist=rsz).count() == 1

    # Check your answers: every criterion, the mentor and the documents, each with "Wijzigen".
    page.locator("[data-testid=indienen]").click()
    page.wait_for_url(re.compile(r".*/indienen/$"))
    criteria = aanvraag.antwoorden.count()
    wijzigen = page.locator("[data-testid=samenvatting] a[data-testid=wijzigen]")
    assert wijzigen.count() == criteria + 1 + 2
    assert page.get_by_role("heading", name="Criteria").count() == 1
    screenshot("bevestiging-controleer")

    # "Wijzigen" opens the criterion's field; the changed explanation is in the summary.
    criterium = (wijzigen.first.get_attribute("href") or "").rsplit("#id_voldaan_", 1)[1]
    wijzigen.first.click()
    page.wait_for_url(re.compile(rf".*/bewerken/#id_voldaan_{criterium}$"))
    page.locator(f"#id_toel_{criterium}").fill("Nieuwe toelichting na controle.")
    submit(page)
    page.goto(f"{base}/aanvragen/{aanvraag.public_id}/indienen/")
    assert "Nieuwe toelichting na controle." in page.locator("main").inner_text()

    # Without the declaration on honour: the error summary links to its field.
    submit(page)
    link = page.locator("#foutenoverzicht a[href='#id_verklaring_op_eer']")
    assert link.count() == 1
    screenshot("bevestiging-fout")
    link.click()
    page.locator("#id_verklaring_op_eer").check()
    submit(page)

    # The receipt: reference, date, what happens next, the term; and the same by mail.
    # (The browser keeps the fragment of the error link across the redirect.)
    page.wait_for_url(re.compile(r".*/aanvragen/[0-9a-f-]{36}/ontvangen/(#.*)?$"))
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.INGEDIEND
    assert page.locator("[data-testid=referentie]").inner_text() == aanvraag.referentie
    ingediend = timezone.localtime(aanvraag.ingediend_op)
    assert page.locator("[data-testid=datum]").inner_text().startswith(f"{ingediend:%d/%m/%Y}")
    assert "binnen 14 dagen" in page.locator("[data-testid=termijn]").inner_text()
    screenshot("bevestiging-ontvangstbewijs")
    assert Melding.objects.filter(
        sjabloon="erkenning/application_receipt", ontvanger__email="werkgever@demo.duaal.be"
    ).exists()
    page.locator("[data-testid=naar-dossier]").click()
    page.wait_for_url(f"{base}{aanvraag.get_absolute_url()}")
