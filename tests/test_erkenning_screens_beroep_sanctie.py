"""The recognition screens, appeals and sanctions: a refusal shows the appeal route and the
appeal coordinator decides it; the partnership admin imposes measures, appealable within the
term. Status codes, database state and error presence are asserted, not the wording."""

import datetime as dt

import pytest

from django.utils import timezone

from duaal.termijnen import BEROEP, einde
from erkenning.constants import AanvraagStatus, BeroepStatus, ErkenningStatus, SanctieSoort
from erkenning.models import Aanvraag, Beroep, Erkenning, Sanctie
from erkenning.services import aanvraag_aanmaken, aanvraag_afwijzen
from tests.support import als

from .erkenning_screens import BEHEER, CONS, MEDEW, PLATFORM, VERT, _vandaag, url
from .world import World

pytestmark = pytest.mark.django_db


def test_refusal_shows_the_appeal_route_and_the_employer_appeals(
    erkenning_world: World,
) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    # The world's refused application already has an appeal; refuse a second one.
    aanvraag = aanvraag_aanmaken(
        vestiging=side.vestiging, opleiding=side.opleiding, door=als(side.users[VERT])
    )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(status=AanvraagStatus.VOLLEDIG)
    aanvraag_afwijzen(aanvraag=aanvraag, motivering="Onvoldoende.", door=als(side.users[CONS]))
    aanvraag.refresh_from_db()
    assert aanvraag.beroep_uiterlijk_op == einde(BEROEP, _vandaag())
    werkgever = world.client_for("A", VERT)
    body = werkgever.get(aanvraag.get_absolute_url()).content.decode()
    assert 'data-testid="beroepsroute"' in body and url("beroep_indienen", aanvraag) in body
    # Read-only staff see the route but cannot lodge; only the enterprise itself (R28).
    medewerker = world.client_for("A", MEDEW)
    assert (
        url("beroep_indienen", aanvraag)
        not in medewerker.get(aanvraag.get_absolute_url()).content.decode()
    )
    assert medewerker.post(url("beroep_indienen", aanvraag), {"motivering": "x"}).status_code == 403

    beroep_url = url("beroep_indienen", aanvraag)
    leeg = werkgever.post(beroep_url, {"motivering": ""})
    assert leeg.status_code == 200 and leeg.context["form"].has_error("motivering")
    assert werkgever.post(beroep_url, {"motivering": "Het attest volgt."}).status_code == 302
    beroep = Beroep.objects.get(aanvraag=aanvraag)
    assert beroep.ingediend_door == side.users[VERT] and beroep.status == BeroepStatus.INGEDIEND
    assert werkgever.get(beroep_url).context["niet_mogelijk"]  # already lodged

    # The appeal coordinator: receipt with admissibility, then the outcome, applied.
    platform = world.client_for("B", PLATFORM)
    ontvankelijk = url("beroep_ontvankelijkheid", beroep)
    zonder = platform.post(ontvankelijk, {"beslissing": "nee", "motivering": ""})
    assert zonder.status_code == 200 and zonder.context["form"].has_error("motivering")
    assert platform.post(ontvankelijk, {"beslissing": "ja", "motivering": ""}).status_code == 302
    beroep.refresh_from_db()
    assert beroep.status == BeroepStatus.ONTVANKELIJK and beroep.ontvangst_bevestigd_op
    assert world.client_for("A", BEHEER).get(url("beroep_beslissen", beroep)).status_code == 403
    assert platform.get(url("beroep_beslissen", beroep)).context["niet_mogelijk"] is None


def test_the_appeal_outcome_is_recorded_and_applied(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    beroep = side.beroep
    platform = world.client_for("B", PLATFORM)
    ontvankelijk = {"beslissing": "ja", "motivering": ""}
    assert platform.post(url("beroep_ontvankelijkheid", beroep), ontvankelijk).status_code == 302
    Erkenning.objects.filter(pk=side.erkenning.pk).update(status=ErkenningStatus.VERLOPEN)
    gegrond = {"beslissing": "ja", "motivering": "De mentor voldoet."}
    assert platform.post(url("beroep_beslissen", beroep), gegrond).status_code == 302
    beroep.refresh_from_db()
    side.afgewezen.refresh_from_db()
    assert beroep.status == BeroepStatus.GEGROND
    assert side.afgewezen.status == AanvraagStatus.GOEDGEKEURD
    assert Erkenning.objects.filter(aanvraag=side.afgewezen, status=ErkenningStatus.ACTIEF).exists()


def test_an_appeal_after_the_term_is_refused(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    aanvraag = aanvraag_aanmaken(
        vestiging=side.vestiging, opleiding=side.opleiding, door=als(side.users[VERT])
    )
    Aanvraag.objects.filter(pk=aanvraag.pk).update(status=AanvraagStatus.VOLLEDIG)
    aanvraag_afwijzen(
        aanvraag=aanvraag,
        motivering="Onvoldoende.",
        door=als(side.users[CONS]),
        now=timezone.now() - dt.timedelta(days=20),
    )
    werkgever = erkenning_world.client_for("A", VERT)
    assert werkgever.get(url("beroep_indienen", aanvraag)).context["niet_mogelijk"]
    response = werkgever.post(url("beroep_indienen", aanvraag), {"motivering": "Te laat."})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Beroep.objects.filter(aanvraag=aanvraag).exists()


def test_the_partnership_admin_imposes_measures(erkenning_world: World) -> None:
    world, side = erkenning_world, erkenning_world.sides["A"]
    erkenning = side.erkenning
    beheerder = world.client_for("A", BEHEER)
    opleggen = url("sanctie_opleggen", erkenning)
    assert world.client_for("A", CONS).get(opleggen).status_code == 403
    assert world.client_for("B", BEHEER).get(opleggen).status_code == 404

    zonder_mentor = beheerder.post(
        opleggen, {"soort": SanctieSoort.MENTOR_GESCHORST, "motivering": "Klachten."}
    )
    assert list(zonder_mentor.context["form"].errors) == ["mentor"]
    zonder_motivering = beheerder.post(opleggen, {"soort": SanctieSoort.OPHEFFING})
    assert zonder_motivering.context["form"].has_error("motivering")

    response = beheerder.post(
        opleggen, {"soort": SanctieSoort.OPHEFFING, "motivering": "Geen begeleiding meer."}
    )
    sanctie = Sanctie.objects.get(soort=SanctieSoort.OPHEFFING)
    assert response.status_code == 302 and response["Location"] == sanctie.get_absolute_url()
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.OPGEHEVEN
    assert sanctie.beroep_uiterlijk_op == einde(BEROEP, _vandaag())
    assert beheerder.get(opleggen).context["niet_mogelijk"]  # the recognition has ended

    werkgever = world.client_for("A", VERT)
    body = werkgever.get(sanctie.get_absolute_url()).content.decode()
    assert url("sanctie_beroep_indienen", sanctie) in body
    assert (
        werkgever.post(
            url("sanctie_beroep_indienen", sanctie), {"motivering": "Onterecht."}
        ).status_code
        == 302
    )
    assert Beroep.objects.filter(sanctie=sanctie).exists()
    # A guidance action is not appealable.
    assert werkgever.get(url("sanctie_beroep_indienen", side.sanctie)).context["niet_mogelijk"]


def test_a_barred_mentor_is_chosen_among_those_designated_there(erkenning_world: World) -> None:
    side = erkenning_world.sides["A"]
    beheerder = erkenning_world.client_for("A", BEHEER)
    opleggen = url("sanctie_opleggen", side.erkenning)
    form = beheerder.get(opleggen).context["form"]
    assert list(form.fields["mentor"].queryset) == [side.mentor]
    response = beheerder.post(
        opleggen,
        {
            "soort": SanctieSoort.MENTOR_GESCHORST,
            "motivering": "Ongepast gedrag.",
            "mentor": side.mentor.public_id,
            "tot": (_vandaag() + dt.timedelta(days=90)).strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    side.toewijzing.refresh_from_db()
    assert not side.toewijzing.actief
