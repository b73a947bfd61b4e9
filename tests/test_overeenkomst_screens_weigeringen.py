"""Refusals on the agreement screens (style.md G26): a page that cannot offer its action lists
every reason of the action's guard at once; a POST made stale by a change in between is refused
with the guard's reasons and changes nothing; a person acts only for the organisation they
chose, whatever other memberships they hold."""

import datetime as dt

import pytest

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from duaal.accounts.actor import Actor, actor_for
from duaal.accounts.models import User
from duaal.audit.models import Event
from duaal.meldingen.models import Melding
from duaal.workflow import Refusals, Refused
from erkenning.constants import ErkenningStatus
from erkenning.models import Erkenning
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus
from overeenkomsten.models import Goedkeuring, Leerling, Overeenkomst, Uitnodiging
from overeenkomsten.services import (
    LeerlingGegevens,
    kan_goedkeuren,
    kan_versturen,
    leerling_goedkeuren,
    leerling_registreren,
    overeenkomst_annuleren,
    overeenkomst_versturen,
)

from . import overeenkomst_screens
from .factories import MembershipFactory
from .overeenkomst_screens import (
    GEBOORTE,
    GEGEVENS,
    TRAJ,
    VERT,
    Plek,
    _opgesteld,
    _verstuurd,
    url,
)
from .support import als
from .world import World

pytestmark = pytest.mark.django_db

plek = overeenkomst_screens.plek
capture = overeenkomst_screens.capture


def _zoals_getoond(refusals: Refusals) -> list[str]:
    """The guard's reasons as the page prints them: in Dutch, HTML-escaped."""
    return [escape(reden) for reden in refusals.reasons]


def _redenen(overeenkomst: Overeenkomst, guard, user: User) -> Refusals:
    with translation.override("nl"):
        return guard(overeenkomst, door=actor_for(user), now=timezone.now())


def _sporen(overeenkomst: Overeenkomst) -> tuple:
    """What an action leaves behind: the agreement's row, its audit trail, its links, mails."""
    overeenkomst.refresh_from_db()
    return (
        overeenkomst.status,
        overeenkomst.versie,
        overeenkomst.verstuurd_op,
        Event.objects.filter(object_id=overeenkomst.pk).count(),
        Uitnodiging.objects.filter(overeenkomst=overeenkomst).count(),
        Melding.objects.count(),
    )


def test_a_refused_action_shows_every_reason_at_once_and_no_form(world: World, plek: Plek) -> None:
    o = _opgesteld(world, plek)
    side = world.sides["A"]
    # Three problems at once: the learner too young for the programme, the recognition without
    # a valid mentor, and no timetable.
    side.opleiding.minimumleeftijd = 17
    side.opleiding.save()
    Erkenning.objects.filter(pk=plek.erkenning.pk).update(
        status=ErkenningStatus.ZONDER_GELDIGE_MENTOR
    )
    o.uurrooster.all().delete()
    redenen = _redenen(o, kan_versturen, side.users[TRAJ])
    assert len(redenen.reasons) == 3, redenen

    response = world.client_for("A", TRAJ).get(url("overeenkomst_versturen", o))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="niet-mogelijk"' in body and 'data-testid="verzenden"' not in body
    for reden in _zoals_getoond(redenen):
        assert reden in body
    # The agreement's page offers no "Send" while a check fails.
    detail = world.client_for("A", TRAJ).get(o.get_absolute_url()).content.decode()
    assert url("overeenkomst_versturen", o) not in detail


def test_a_stale_send_is_refused_with_the_guards_reasons_and_changes_nothing(
    world: World, plek: Plek, capture
) -> None:
    o = _opgesteld(world, plek)
    side = world.sides["A"]
    coach = world.client_for("A", TRAJ)
    assert 'data-testid="verzenden"' in coach.get(url("overeenkomst_versturen", o)).content.decode()
    # Meanwhile a colleague at the school sends it.
    collega = MembershipFactory(organisatie=side.onderwijsinstelling, rol=TRAJ).user
    with capture(execute=True):
        overeenkomst_versturen(overeenkomst=o, door=als(collega))
    voor = _sporen(o)
    redenen = _redenen(o, kan_versturen, side.users[TRAJ])
    assert not redenen.allowed

    response = coach.post(url("overeenkomst_versturen", o))
    body = response.content.decode()
    assert response.status_code == 200
    for reden in _zoals_getoond(redenen):
        assert reden in body
    assert _sporen(o) == voor
    assert o.status == OvereenkomstStatus.TER_GOEDKEURING


def test_a_stale_approval_is_refused_with_the_guards_reasons_and_records_nothing(
    world: World, plek: Plek, capture
) -> None:
    o = _verstuurd(world, plek, capture)
    side = world.sides["A"]
    werkgever = world.client_for("A", VERT)
    assert 'name="versie"' in werkgever.get(url("overeenkomst_goedkeuren", o)).content.decode()
    # Meanwhile the coach withdraws the agreement.
    overeenkomst_annuleren(overeenkomst=o, door=als(side.users[TRAJ]))
    voor = _sporen(o)
    redenen = _redenen(o, kan_goedkeuren, side.users[VERT])
    assert not redenen.allowed

    response = werkgever.post(url("overeenkomst_goedkeuren", o), {"versie": 1}, follow=True)
    body = response.content.decode()
    for reden in _zoals_getoond(redenen):
        assert reden in body
    assert not Goedkeuring.objects.filter(overeenkomst=o).exists()
    assert _sporen(o) == voor
    assert o.status == OvereenkomstStatus.GEANNULEERD


def _leerling_van_school_b(world: World) -> Leerling:
    side = world.sides["B"]
    gegevens = {**GEGEVENS, "geboortedatum": GEBOORTE, "start_lessen": dt.date(2026, 9, 1)}
    return leerling_registreren(
        onderwijsinstelling=side.onderwijsinstelling,
        gegevens=LeerlingGegevens(opleiding=side.opleiding, **gegevens),
        door=als(side.users[TRAJ]),
    )


def test_a_coach_of_two_schools_acts_only_for_the_school_chosen(world: World) -> None:
    """A coach at school A who is also a coach at school B: acting for A they cannot act on
    B's learner (not found, and the guard refuses); having chosen B, they can."""
    persoon = world.sides["A"].users[TRAJ]
    school_b = world.sides["B"].onderwijsinstelling
    bij_b = MembershipFactory(user=persoon, organisatie=school_b, rol=TRAJ)
    leerling = _leerling_van_school_b(world)
    voor_a = actor_for(persoon)
    assert voor_a.organisatie_id == world.sides["A"].onderwijsinstelling.pk

    # Acting for school A: B's learner is not there, and the service refuses too.
    client = world.client_for("A", TRAJ)
    assert client.get(url("leerling_detail", leerling)).status_code in (403, 404)
    response = client.post(url("leerling_goedkeuren", leerling), {"arbeidsrijp": "1"})
    assert response.status_code in (403, 404)
    with translation.override("en"), pytest.raises(Refused) as fout:
        leerling_goedkeuren(leerling=leerling, door=voor_a)
    assert fout.value.reasons == ("Only a trajectory coach of the learner's school can do this.",)
    leerling.refresh_from_db()
    assert leerling.status == LeerlingStatus.AANGEMELD

    # Acting for school B (the organisation switcher): the same person may.
    client.post(reverse("accounts:organisatie_wisselen"), {"membership": bij_b.public_id})
    assert client.get(url("leerling_detail", leerling)).status_code == 200
    response = client.post(url("leerling_goedkeuren", leerling), {"arbeidsrijp": "1"})
    assert response.status_code == 302
    leerling.refresh_from_db()
    assert leerling.status == LeerlingStatus.GOEDGEKEURD
    [event] = Event.objects.filter(object_id=leerling.pk, verb="leerling.goedgekeurd")
    assert event.actor == persoon and event.organisatie_id == school_b.pk


def test_the_service_follows_the_acting_membership(world: World) -> None:
    """`Actor(membership=...)` chooses the organisation, as the switcher does in a request."""
    persoon = world.sides["A"].users[TRAJ]
    school_b = world.sides["B"].onderwijsinstelling
    bij_b = MembershipFactory(user=persoon, organisatie=school_b, rol=TRAJ)
    leerling = _leerling_van_school_b(world)
    memberships = list(persoon.memberships.filter(actief=True))
    voor_a = Actor(user=persoon, membership=memberships[0], memberships=memberships)
    voor_b = Actor(user=persoon, membership=bij_b, memberships=memberships)
    with pytest.raises(Refused):
        leerling_goedkeuren(leerling=leerling, door=voor_a)
    assert leerling_goedkeuren(leerling=leerling, door=voor_b).status == LeerlingStatus.GOEDGEKEURD
