"""The status tracker in the browser, on the demo data: the consultant's overdue application
and an agreement of the coach, at 1280 and at 320 px (screenshots in tests/e2e/artifacts/)."""

import io

import pytest

from django.core.management import call_command
from django.utils import timezone

from duaal.termijnen import vandaag
from erkenning.constants import AanvraagStatus
from erkenning.models import Aanvraag
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.models import Overeenkomst

from .test_dashboards import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BREEDTES = (1280, 320)


def _volger_bekijken(page, screenshot, naam: str) -> None:
    volger = page.get_by_test_id("statusvolger")
    assert volger.get_by_role("heading", name="Stand van het dossier").is_visible()
    huidig = volger.locator('li[aria-current="step"]')
    assert huidig.count() == 1 and "huidige stap" in huidig.inner_text()
    for breedte in BREEDTES:
        page.set_viewport_size({"width": breedte, "height": 900})
        # Nothing of the tracker sticks out of a phone's screen, and no step out of it.
        vak = volger.bounding_box()
        assert vak is not None and vak["x"] + vak["width"] <= breedte
        assert volger.evaluate("e => e.scrollWidth <= e.clientWidth")
        screenshot(f"statusvolger-{naam}-{breedte}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_tracker_of_an_overdue_application_and_of_an_agreement(
    page, live_server, screenshot
) -> None:
    call_command("demo_data", stdout=io.StringIO())
    base = live_server.url
    # The demo's escalated file: its decision term has passed.
    te_laat = Aanvraag.objects.filter(
        status=AanvraagStatus.VOLLEDIG, beslissing_uiterlijk_op__lt=vandaag(timezone.now())
    ).first()
    assert te_laat is not None
    login(page, base, "consulent@demo.duaal.be")
    page.goto(base + te_laat.get_absolute_url())
    huidig = page.get_by_test_id("statusvolger").locator('li[aria-current="step"]')
    assert "te laat sinds" in huidig.inner_text()
    _volger_bekijken(page, screenshot, "aanvraag")

    overeenkomst = (
        Overeenkomst.objects.filter(trajectbegeleider__email="trajectbegeleider@demo.duaal.be")
        .order_by("status")
        .exclude(status=OvereenkomstStatus.ONTWERP)
        .first()
    )
    assert overeenkomst is not None
    page.context.clear_cookies()
    login(page, base, "trajectbegeleider@demo.duaal.be")
    page.goto(base + overeenkomst.get_absolute_url())
    _volger_bekijken(page, screenshot, "overeenkomst")
