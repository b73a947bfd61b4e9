"""The agreement screens after sending: a signed agreement is suspended and ended early;
dashboards show what waits for each party. Status codes, database state and markers are
asserted, not the wording (the Dutch catalogue comes later)."""

import pytest

from django.test import Client
from django.urls import reverse

from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.models import Overeenkomst
from overeenkomsten.services import overeenkomst_goedkeuren

from . import overeenkomst_screens
from .overeenkomst_screens import TRAJ, VERT, Plek, _verstuurd, link_goedkeuren, url
from .support import als
from .world import World

pytestmark = pytest.mark.django_db

# The screens' fixtures: side A's establishment, recognised, with a mentor who qualifies; and
# on-commit callbacks run on request (the PDF task).
plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture


# --- Follow-up of a signed agreement ----------------------------------------------------------


def _getekend(world: World, plek: Plek, capture) -> Overeenkomst:
    o = _verstuurd(world, plek, capture)
    for rol in (VERT, TRAJ):
        overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=als(world.sides["A"].users[rol]))
    for uitnodiging in o.uitnodigingen.all():
        link_goedkeuren(Client(), uitnodiging)
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.ONDERTEKEND
    return o


def test_the_employer_suspends_and_ends_early(world: World, plek: Plek, capture) -> None:
    o = _getekend(world, plek, capture)
    werkgever = world.client_for("A", VERT)
    schorsing = {"reden": "ziekte", "van": "11/01/2027", "tot": "15/01/2027", "toelichting": ""}
    assert werkgever.post(url("schorsing_registreren", o), schorsing).status_code == 302
    einde = {"reden": "andere", "laatste_dag": "26/02/2027", "toelichting": ""}
    response = werkgever.post(url("overeenkomst_beeindigen", o), einde)
    assert response.status_code == 200 and b"foutenoverzicht" in response.content  # "other"
    einde["toelichting"] = "Verhuis naar het buitenland."
    assert werkgever.post(url("overeenkomst_beeindigen", o), einde).status_code == 302
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.BEEINDIGD and o.schorsingen.count() == 1


# --- Dashboards -------------------------------------------------------------------------------


def test_dashboards_show_what_waits_for_each_party(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    dashboard = reverse("portaal:dashboard")
    coach = world.client_for("A", TRAJ).get(dashboard).content.decode()
    assert o.leerling.get_absolute_url() in coach  # overdue learner
    assert o.get_absolute_url() in coach  # awaiting the school's approval
    werkgever = world.client_for("A", VERT).get(dashboard).content.decode()
    assert o.get_absolute_url() in werkgever
    overeenkomst_goedkeuren(overeenkomst=o, versie=1, door=als(world.sides["A"].users[VERT]))
    werkgever = world.client_for("A", VERT).get(dashboard).content.decode()
    assert o.get_absolute_url() not in werkgever
    assert o.get_absolute_url() not in world.client_for("B", VERT).get(dashboard).content.decode()
