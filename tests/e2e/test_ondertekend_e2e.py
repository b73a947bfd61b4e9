"""The learner approves last, in their own dossier, and takes home the signed copy: the approved
PDF unchanged with the record of the approvals appended. The learner logs in through the login
form with an account that carries their national number (as the government login gives it).
And the agreement page while its PDF is still being made, as in the demo."""

# The agreements domain's `traject` fixture is imported below; the test takes it as an argument.
# ruff: noqa: F811

import hashlib
import io
import threading

import pytest
from pypdf import PdfReader

from django.urls import reverse

from devtools.demo.portaal import DEMO_WACHTWOORD
from duaal import achtergrond
from overeenkomsten.constants import OvereenkomstStatus, Partij
from overeenkomsten.models import OvereenkomstDocument, Uitnodiging
from overeenkomsten.services import goedkeuren_via_link, overeenkomst_goedkeuren
from tests.factories import UserFactory
from tests.overeenkomsten.conftest import NU, Traject, token, traject  # noqa: F401
from tests.support import als

from .test_overeenkomst_e2e import _ggmmi_seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_learner_approves_last_in_the_dossier_and_downloads_the_signed_copy(
    page, live_server, screenshot, traject: Traject, tmp_path
) -> None:
    _ggmmi_seed()
    o = traject.verstuurd(traject.leerling())
    for partij in (traject.werkgever, traject.coach):
        overeenkomst_goedkeuren(overeenkomst=o, versie=o.versie, door=als(partij), now=NU)
    ouder = Uitnodiging.objects.get(overeenkomst=o, partij=Partij.VERTEGENWOORDIGER)
    goedkeuren_via_link(token=token(ouder), now=NU)
    goedgekeurd = OvereenkomstDocument.objects.get(overeenkomst=o, versie=o.versie)
    sha256 = goedgekeurd.sha256
    user = UserFactory(insz=o.leerling.insz, email="lotte.e2e@leerling.example")
    user.set_password(DEMO_WACHTWOORD)
    user.save()

    base = live_server.url
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}{reverse('overeenkomsten:mijn_dossier')}")
    pagina = f"{base}{reverse('overeenkomsten:mijn_overeenkomst', args=[o.public_id])}"
    page.goto(pagina)
    screenshot("ondertekend-dossier-voor")
    page.locator("[data-testid=goedkeuren] button").click()
    page.wait_for_selector("[data-testid=kopie]")
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    kopie = page.locator("[data-testid=kopie]")
    kopie.wait_for()
    screenshot("ondertekend-dossier-kopie")
    with page.expect_download() as download:
        kopie.click()
    bestand = tmp_path / "kopie.pdf"
    download.value.save_as(bestand)
    inhoud = bestand.read_bytes()
    goedgekeurd.refresh_from_db()
    # The approved PDF, unchanged, then the record of the approvals.
    assert goedgekeurd.sha256 == sha256 and goedgekeurd.getekend_sha256
    assert hashlib.sha256(inhoud).hexdigest() == goedgekeurd.getekend_sha256
    with goedgekeurd.bestand.open("rb") as f:
        assert inhoud.startswith(f.read())
    laatste = PdfReader(io.BytesIO(inhoud)).pages[-1].extract_text()
    assert "Verslag van de goedkeuringen" in laatste


def test_the_agreement_page_updates_by_itself_once_the_pdf_is_ready(
    page, live_server, screenshot, traject: Traject, settings, monkeypatch
) -> None:
    """The demo's way: the PDF renders in the background after the send; the page says it is
    being prepared and reloads itself when it is there (the render is held back meanwhile)."""
    _ggmmi_seed()
    settings.EAGER_TASKS_IN_BACKGROUND = True
    los = threading.Event()
    echt = achtergrond.uitvoeren
    monkeypatch.setattr(
        achtergrond, "uitvoeren", lambda task, args: (los.wait(timeout=60), echt(task, args))
    )
    o = traject.verstuurd(traject.leerling())
    assert not OvereenkomstDocument.objects.filter(overeenkomst=o).exists()
    traject.coach.set_password(DEMO_WACHTWOORD)
    traject.coach.save()
    base = live_server.url
    page.goto(f"{base}/account/inloggen/")
    page.get_by_label("E-mailadres").fill(traject.coach.email)
    page.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/dashboard/")
    page.goto(f"{base}{reverse('overeenkomsten:overeenkomst_detail', args=[o.public_id])}")
    melding = page.locator("[data-testid=document-wordt-gemaakt]")
    assert "Het document wordt aangemaakt" in melding.inner_text()
    screenshot("ondertekend-document-wordt-gemaakt")
    los.set()
    page.locator("[data-testid=documenten]").wait_for(timeout=30_000)
    assert page.locator("[data-testid=document-wordt-gemaakt]").count() == 0
    screenshot("ondertekend-document-klaar")
    achtergrond.wachten(timeout=60)
