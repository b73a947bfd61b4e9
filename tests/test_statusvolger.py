"""The status tracker on the four dossier pages: in Dutch, an ordered list with the current
step marked for assistive technology, overdue in words and colour, and at most one query
more than the page without it (P1: none from the template)."""

import datetime as dt
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from duaal.accounts.constants import Rol
from duaal.statusvolger import Statusvolger
from overeenkomsten.models import Leerling

from .query_budget import count_queries
from .world import World
from .world_dossiers import add_overeenkomst

pytestmark = pytest.mark.django_db

VIEWS = {
    "aanvraag": "erkenning.views.aanvraag.aanvraag_volger",
    "erkenning": "erkenning.views.erkenning.erkenning_volger",
    "leerling": "overeenkomsten.views.leerling.leerling_volger",
    "overeenkomst": "overeenkomsten.views.overeenkomst.overeenkomst_volger",
}


@pytest.fixture
def dossiers(erkenning_world: World) -> World:
    add_overeenkomst(erkenning_world.sides["A"])
    return erkenning_world


def _pagina(world: World, wat: str) -> tuple[str, str]:
    side = world.sides["A"]
    return {
        "aanvraag": (Rol.VERTEGENWOORDIGER, side.aanvraag.get_absolute_url()),
        "erkenning": (Rol.VERTEGENWOORDIGER, side.erkenning.get_absolute_url()),
        "leerling": (Rol.TRAJECTBEGELEIDER, side.leerling.get_absolute_url()),
        "overeenkomst": (Rol.TRAJECTBEGELEIDER, side.overeenkomst.get_absolute_url()),
    }[wat]


def _volger_html(body: str) -> str:
    return re.search(r'<section[^>]*data-testid="statusvolger".*?</section>', body, re.S)[0]


@pytest.mark.parametrize("wat", VIEWS)
def test_every_dossier_page_shows_its_tracker_in_dutch(dossiers: World, wat: str) -> None:
    rol, url = _pagina(dossiers, wat)
    volger = _volger_html(dossiers.client_for("A", rol).get(url).content.decode())
    assert "Stand van het dossier" in volger
    assert "<ol" in volger and volger.count('aria-current="step"') == 1
    assert "huidige stap" in volger
    assert "afgerond" in volger or "volgende stap" in volger


def test_the_learners_tracker_says_since_when_the_agreement_is_overdue(dossiers: World) -> None:
    side = dossiers.sides["A"]
    uiterlijk = dt.date(2026, 9, 1)
    Leerling.objects.filter(pk=side.leerling.pk).update(overeenkomst_uiterlijk=uiterlijk)
    for url in (side.leerling.get_absolute_url(), side.overeenkomst.get_absolute_url()):
        body = dossiers.client_for("A", Rol.TRAJECTBEGELEIDER).get(url).content.decode()
        volger = _volger_html(body)
        assert "overeenkomst uiterlijk op 01/09/2026" in volger
        assert "te laat sinds 02/09/2026" in volger
        assert 'data-termijn="te_laat"' in volger and "text-bg-danger" in volger


def test_due_soon_and_overdue_look_different(dossiers: World) -> None:
    side = dossiers.sides["A"]  # the fixture's learner is due in three days: due soon
    url = side.leerling.get_absolute_url()
    volger = _volger_html(dossiers.client_for("A", Rol.TRAJECTBEGELEIDER).get(url).content.decode())
    assert 'data-termijn="nadert"' in volger and "text-bg-warning" in volger
    assert "te laat" not in volger and "text-bg-danger" not in volger


@pytest.mark.parametrize("wat", VIEWS)
def test_the_tracker_costs_a_page_at_most_one_query(
    dossiers: World, wat: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rol, url = _pagina(dossiers, wat)
    client = dossiers.client_for("A", rol)
    count_queries(client, url)  # warm the per-process caches
    met = count_queries(client, url, template_free=True)
    monkeypatch.setattr(VIEWS[wat], lambda *args, **kwargs: Statusvolger([]))
    with CaptureQueriesContext(connection) as zonder:
        assert client.get(url).status_code == 200
    assert met - len(zonder.captured_queries) <= 1
