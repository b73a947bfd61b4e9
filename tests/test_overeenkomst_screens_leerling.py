"""The learner screens: forms keep what was typed and list why a service refused; the INSZ is
masked and never in a URL; the learner dossier is the school's. Status codes, database state and
markers are asserted, not the wording (the Dutch catalogue comes later)."""

import re

import pytest
from stdnum.be import ssn

from django.urls import reverse

from overeenkomsten.constants import LeerlingStatus
from overeenkomsten.models import Leerling

from . import overeenkomst_screens
from .overeenkomst_screens import (
    GEGEVENS,
    INSZ,
    MEDEW,
    TRAJ,
    VERT,
    Plek,
    _gekoppeld,
    _vandaag,
    _verstuurd,
    url,
)
from .world import World

pytestmark = pytest.mark.django_db

# The screens' fixtures: side A's establishment, recognised, with a mentor who qualifies; and
# on-commit callbacks run on request (the PDF task).
plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture


def _urls_in(html: str) -> list[str]:
    return re.findall(r'(?:href|action|src)="([^"]*)"', html)


def test_coach_registers_a_learner_and_the_list_masks_the_insz(world: World) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    data = {**GEGEVENS, "opleiding": str(side.opleiding.public_id)}
    response = coach.post(reverse("overeenkomsten:leerling_nieuw"), data)
    leerling = Leerling.objects.get()
    assert response.status_code == 302 and response["Location"] == leerling.get_absolute_url()
    assert leerling.insz == INSZ and leerling.overeenkomst_uiterlijk is not None
    lijst = coach.get(reverse("overeenkomsten:leerling_list")).content.decode()
    assert leerling.insz_gemaskeerd in lijst and INSZ not in lijst
    detail = coach.get(leerling.get_absolute_url()).content.decode()
    assert INSZ not in detail and ssn.format(INSZ) not in detail
    assert all(INSZ not in u for u in [response["Location"], *_urls_in(lijst + detail)])


def test_a_refused_registration_keeps_every_input(world: World) -> None:
    """A minor without a legal representative: the service refuses, nothing is lost."""
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    data = {**GEGEVENS, "opleiding": str(side.opleiding.public_id)}
    data |= {"vertegenwoordiger_naam": "", "vertegenwoordiger_e_mail": ""}
    response = coach.post(reverse("overeenkomsten:leerling_nieuw"), data)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="foutenoverzicht"' in body
    for veld in ("voornaam", "achternaam", "e_mail", "straat", "gemeente"):
        assert f'value="{GEGEVENS[veld]}"' in body, veld
    assert 'value="15/03/2010"' in body
    assert not Leerling.objects.exists()


def test_a_wrong_insz_is_marked_on_its_field(world: World) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    data = {**GEGEVENS, "opleiding": str(side.opleiding.public_id), "insz": INSZ[:-2] + "00"}
    body = coach.post(reverse("overeenkomsten:leerling_nieuw"), data).content.decode()
    assert 'href="#id_insz"' in body and not Leerling.objects.exists()


def test_coach_screens_approves_and_matches_a_learner(world: World, plek: Plek) -> None:
    side, coach = world.sides["A"], world.client_for("A", TRAJ)
    coach.post(
        reverse("overeenkomsten:leerling_nieuw"),
        {**GEGEVENS, "opleiding": str(side.opleiding.public_id)},
    )
    leerling = Leerling.objects.get()
    advies = {"advies": "positief", "advies_door": "klassenraad", "toelichting": "Gemotiveerd"}
    assert coach.post(url("leerling_screenen", leerling), advies).status_code == 302
    assert coach.post(url("leerling_goedkeuren", leerling), {"arbeidsrijp": "1"}).status_code == 302
    werkplek = coach.get(url("werkplek_goedkeuren", leerling)).content.decode()
    # Only establishments with a running recognition for the programme are offered.
    assert str(side.vestiging.public_id) in werkplek
    assert str(world.sides["B"].vestiging.public_id) not in werkplek
    keuze = {"vestiging": str(side.vestiging.public_id), "intake_op": f"{_vandaag():%d/%m/%Y}"}
    assert coach.post(url("werkplek_goedkeuren", leerling), keuze).status_code == 302
    leerling.refresh_from_db()
    assert (leerling.advies, leerling.status) == ("positief", LeerlingStatus.WERKPLEK_GOEDGEKEURD)
    assert leerling.werkplek == side.vestiging


def test_an_edit_keeps_the_insz_unless_retyped(world: World) -> None:
    leerling, coach = _gekoppeld(world), world.client_for("A", TRAJ)
    pagina = coach.get(url("leerling_bewerken", leerling)).content.decode()
    assert INSZ not in pagina and ssn.format(INSZ) not in pagina
    data = {**GEGEVENS, "insz": "", "opleiding": str(leerling.opleiding.public_id)}
    data["e_mail"] = "nieuw@leerling.example"
    assert coach.post(url("leerling_bewerken", leerling), data).status_code == 302
    leerling.refresh_from_db()
    assert (leerling.e_mail, leerling.insz) == ("nieuw@leerling.example", INSZ)


def test_the_learner_list_marks_an_overdue_agreement(world: World) -> None:
    leerling = _gekoppeld(world)  # lessons started on 1/9: 20 training days have passed
    body = world.client_for("A", TRAJ).get(reverse("overeenkomsten:leerling_list")).content
    assert leerling.overeenkomst_uiterlijk < _vandaag()
    assert b'data-termijn="verstreken"' in body


def test_employers_get_no_learner_dossier(world: World, plek: Plek, capture) -> None:
    o = _verstuurd(world, plek, capture)
    for rol in (VERT, MEDEW):
        assert world.client_for("A", rol).get(o.leerling.get_absolute_url()).status_code == 403
    assert world.client_for("B", TRAJ).get(o.leerling.get_absolute_url()).status_code == 404
