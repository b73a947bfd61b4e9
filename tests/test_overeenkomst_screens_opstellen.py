"""The agreement screens, drafting and sending: the draft form fits the agreement type, every
guard objection is listed and the input kept. Status codes, database state and markers are
asserted, not the wording (the Dutch catalogue comes later)."""

import re

import pytest

from overeenkomsten.constants import Partij
from overeenkomsten.models import Overeenkomst

from . import overeenkomst_screens
from .overeenkomst_screens import TRAJ, Plek, _gekoppeld, _inhoud, _verstuurd, url
from .world import World

pytestmark = pytest.mark.django_db

# The screens' fixtures: side A's establishment, recognised, with a mentor who qualifies; and
# on-commit callbacks run on request (the PDF task).
plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture


def test_coach_drafts_with_a_timetable_and_sends(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    assert o.uurrooster.count() == 4 and o.leervergoeding is not None
    assert o.met_vertegenwoordiger  # a minor: the legal representative signs too
    assert {u.partij for u in o.uitnodigingen.all()} == {Partij.LEERLING, Partij.VERTEGENWOORDIGER}
    body = world.client_for("A", TRAJ).get(o.get_absolute_url()).content.decode()
    assert o.documenten.filter(versie=1).exists()
    assert url("document_pdf", o.documenten.get()) in body
    assert body.count('data-goedgekeurd="nee"') == 4


def test_the_draft_form_shows_the_type_and_the_allowance(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    body = world.client_for("A", TRAJ).get(url("overeenkomst_opstellen", leerling)).content
    assert b'data-testid="leervergoeding"' in body and b"\xe2\x82\xac" in body
    assert b'name="loon_sectorschaal"' not in body  # an OAO has no wage (R68)
    assert b'name="blok-9-dag"' in body  # ten timetable rows, no script needed


def test_a_da_asks_the_wage_and_shows_no_allowance(world: World, plek: Plek) -> None:
    opleiding = world.sides["A"].opleiding
    opleiding.overeenkomsttype = "da"
    opleiding.save()
    leerling = _gekoppeld(world)
    body = world.client_for("A", TRAJ).get(url("overeenkomst_opstellen", leerling)).content
    assert b'name="loon_sectorschaal"' in body and b'data-testid="leervergoeding"' not in body


def test_every_guard_objection_is_listed_and_the_input_kept(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    # A minor 10 hours on Monday (R77) and 10 workplace hours against 24 declared.
    rooster = [(1, "werkplek", "07:00", "17:00")]
    data = _inhoud(plek, rooster, opleidingsplan="Mijn plan met details")
    response = world.client_for("A", TRAJ).post(url("overeenkomst_opstellen", leerling), data)
    body = response.content.decode()
    assert response.status_code == 200 and not Overeenkomst.objects.exists()
    fouten = re.search(r'id="foutenoverzicht".*?</ul>', body, re.S).group(0)
    assert fouten.count("<li>") >= 2
    assert "Mijn plan met details" in body and 'value="07:00"' in body
    assert 'value="1" selected' in body


def test_drafting_for_an_unmatched_learner_says_why(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    world.client_for("A", TRAJ).post(url("werkplek_loslaten", leerling))
    response = world.client_for("A", TRAJ).post(
        url("overeenkomst_opstellen", leerling), _inhoud(plek)
    )
    assert response.status_code == 200 and b'id="foutenoverzicht"' in response.content
    assert not Overeenkomst.objects.exists()


def test_a_half_filled_timetable_row_is_refused_on_the_row(world: World, plek: Plek) -> None:
    leerling = _gekoppeld(world)
    data = _inhoud(plek, [(1, "werkplek", "08:00", "")])
    response = world.client_for("A", TRAJ).post(url("overeenkomst_opstellen", leerling), data)
    assert response.status_code == 200 and b'data-testid="rijfout"' in response.content
    assert not Overeenkomst.objects.exists()
