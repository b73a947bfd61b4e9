"""Sending without waiting, also in the demo: with eager tasks and EAGER_TASKS_IN_BACKGROUND
(the demo's settings) the send POST returns before the PDF exists; the agreement page says the
document is being prepared, its status URL says so too, and both change once the background
render is done. The render is held back until the test lets it go, so nothing depends on
timing."""

import datetime as dt
import threading
from decimal import Decimal
from typing import Any

import pytest

from django.test import Client
from django.urls import reverse

from duaal import achtergrond
from overeenkomsten.models import Ggmmi, OvereenkomstDocument
from tests.overeenkomsten.conftest import Traject
from tests.support import via_samenvatting

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def ggmmi(transactional_db) -> None:
    # A transactional test starts from an empty database: the seeded index is gone too.
    Ggmmi.objects.get_or_create(geldig_vanaf=dt.date(2024, 5, 1), bedrag=Decimal("2070.48"))


@pytest.fixture
def vastgehouden(monkeypatch: pytest.MonkeyPatch, settings) -> threading.Event:
    """The demo's settings, with the background render waiting for the returned event."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EAGER_TASKS_IN_BACKGROUND = True
    los = threading.Event()
    echt = achtergrond.uitvoeren

    def wacht_dan(task: Any, args: tuple[Any, ...]) -> None:
        assert los.wait(timeout=60), "the test never let the render go"
        echt(task, args)

    monkeypatch.setattr(achtergrond, "uitvoeren", wacht_dan)
    yield los
    los.set()
    achtergrond.wachten(timeout=60)


def test_the_send_post_returns_before_the_pdf_is_rendered(
    transactional_db, traject: Traject, vastgehouden: threading.Event
) -> None:
    o = traject.ontwerp(traject.leerling())
    client = Client()
    client.force_login(traject.coach)
    pagina = reverse("overeenkomsten:overeenkomst_detail", args=[o.public_id])
    status = reverse("overeenkomsten:document_status", args=[o.public_id])
    versturen = reverse("overeenkomsten:overeenkomst_versturen", args=[o.public_id])
    assert via_samenvatting(client, versturen).status_code == 302
    o.refresh_from_db()
    assert o.verstuurd_op is not None
    assert not OvereenkomstDocument.objects.filter(overeenkomst=o).exists()
    body = client.get(pagina).content.decode()
    assert 'data-testid="document-wordt-gemaakt"' in body and "js/document-status.js" in body
    assert client.get(status).json() == {"wordt_gemaakt": True}
    vastgehouden.set()
    achtergrond.wachten(timeout=60)
    assert OvereenkomstDocument.objects.filter(overeenkomst=o, versie=o.versie).exists()
    assert client.get(status).json() == {"wordt_gemaakt": False}
    body = client.get(pagina).content.decode()
    assert 'data-testid="document-wordt-gemaakt"' not in body and 'data-testid="sha256"' in body


def test_without_the_background_setting_the_task_runs_after_commit_as_before(
    transactional_db, traject: Traject, settings
) -> None:
    settings.EAGER_TASKS_IN_BACKGROUND = False
    o = traject.ontwerp(traject.leerling())
    client = Client()
    client.force_login(traject.coach)
    via_samenvatting(client, reverse("overeenkomsten:overeenkomst_versturen", args=[o.public_id]))
    assert OvereenkomstDocument.objects.filter(overeenkomst=o).exists()
