"""The status trackers of an application (R12-R16, R27) and of a recognition (R19-R20, R43),
read from the transitions maps, with the day each step was done and the running term."""

import datetime as dt

import pytest

from duaal.audit.selectors import timeline_for
from duaal.statusvolger import TermijnStand, Toestand, procedure
from erkenning.constants import AANVRAAG_OVERGANGEN, AanvraagStatus, ErkenningStatus
from erkenning.models import Aanvraag, Erkenning
from erkenning.services import aanvraag_onvolledig_verklaren
from erkenning.statusvolger import aanvraag_volger, erkenning_volger

from .helpers import NU, afgewezen, als, goedgekeurd, ingevuld, volledig

pytestmark = pytest.mark.django_db

VANDAAG = NU.date()


def _volger(aanvraag: Aanvraag, op: dt.date = VANDAAG):
    aanvraag = Aanvraag.objects.select_related("partnerschap").get(pk=aanvraag.pk)
    return aanvraag_volger(aanvraag, timeline=timeline_for(aanvraag), op=op)


def _stappen(volger) -> list[tuple[str, str]]:
    return [(s.status, s.toestand) for s in volger.stappen]


def test_the_procedure_is_the_shortest_way_the_transitions_map_allows() -> None:
    assert procedure(AANVRAAG_OVERGANGEN, AanvraagStatus.ONTWERP, AanvraagStatus.GOEDGEKEURD) == [
        AanvraagStatus.ONTWERP,
        AanvraagStatus.INGEDIEND,
        AanvraagStatus.VOLLEDIG,
        AanvraagStatus.GOEDGEKEURD,
    ]


def test_a_draft_stands_at_the_first_step_with_no_clock(plaats) -> None:
    volger = _volger(ingevuld(plaats))
    assert _stappen(volger) == [
        (AanvraagStatus.ONTWERP, Toestand.HUIDIG),
        (AanvraagStatus.INGEDIEND, Toestand.VOLGEND),
        (AanvraagStatus.VOLLEDIG, Toestand.VOLGEND),
        (AanvraagStatus.GOEDGEKEURD, Toestand.VOLGEND),
    ]
    assert volger.huidig.op == VANDAAG and volger.huidig.termijn is None


def test_missing_information_is_a_detour_after_submission(plaats) -> None:
    from .helpers import ingediend

    aanvraag = aanvraag_onvolledig_verklaren(
        aanvraag=ingediend(plaats), ontbrekend="Foto's", door=als(plaats.consulent), now=NU
    )
    assert _stappen(_volger(aanvraag)) == [
        (AanvraagStatus.ONTWERP, Toestand.GEDAAN),
        (AanvraagStatus.INGEDIEND, Toestand.GEDAAN),
        (AanvraagStatus.ONVOLLEDIG, Toestand.HUIDIG),
        (AanvraagStatus.VOLLEDIG, Toestand.VOLGEND),
        (AanvraagStatus.GOEDGEKEURD, Toestand.VOLGEND),
    ]


def test_a_complete_file_runs_the_decision_term_then_is_overdue(plaats) -> None:
    aanvraag = volledig(plaats)
    uiterlijk = aanvraag.beslissing_uiterlijk_op
    termijn = _volger(aanvraag).huidig.termijn
    assert termijn.uiterlijk == uiterlijk and termijn.stand == TermijnStand.LOOPT
    assert _volger(aanvraag, op=uiterlijk).huidig.termijn.stand == TermijnStand.NADERT
    laat = _volger(aanvraag, op=uiterlijk + dt.timedelta(days=2)).huidig.termijn
    assert laat.stand == TermijnStand.TE_LAAT
    assert laat.te_laat_sinds == uiterlijk + dt.timedelta(days=1)


def test_a_refusal_ends_the_procedure_and_runs_the_appeal_term(plaats) -> None:
    aanvraag = afgewezen(plaats)
    volger = _volger(aanvraag)
    assert _stappen(volger) == [
        (AanvraagStatus.ONTWERP, Toestand.GEDAAN),
        (AanvraagStatus.INGEDIEND, Toestand.GEDAAN),
        (AanvraagStatus.VOLLEDIG, Toestand.GEDAAN),
        (AanvraagStatus.AFGEWEZEN, Toestand.HUIDIG),
    ]
    assert volger.huidig.termijn.uiterlijk == aanvraag.beroep_uiterlijk_op
    after = aanvraag.beroep_uiterlijk_op + dt.timedelta(days=1)
    assert _volger(aanvraag, op=after).huidig.termijn is None  # nobody is late for an appeal


def _erkenning_volger(erkenning: Erkenning, op: dt.date = VANDAAG):
    return erkenning_volger(erkenning, timeline=timeline_for(erkenning), op=op)


def test_a_recognition_is_active_until_it_expires_and_due_soon_for_renewal(plaats) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    volger = _erkenning_volger(erkenning)
    assert _stappen(volger) == [
        (ErkenningStatus.ACTIEF, Toestand.HUIDIG),
        (ErkenningStatus.VERLOPEN, Toestand.VOLGEND),
    ]
    assert volger.huidig.op == erkenning.geldig_van
    assert volger.huidig.termijn.stand == TermijnStand.LOOPT
    bijna = erkenning.geldig_tot - dt.timedelta(days=100)
    assert _erkenning_volger(erkenning, op=bijna).huidig.termijn.stand == TermijnStand.NADERT


def test_a_recognition_without_a_valid_mentor_is_a_detour(plaats) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    Erkenning.objects.filter(pk=erkenning.pk).update(status=ErkenningStatus.ZONDER_GELDIGE_MENTOR)
    erkenning.refresh_from_db()
    assert _stappen(_erkenning_volger(erkenning)) == [
        (ErkenningStatus.ACTIEF, Toestand.GEDAAN),
        (ErkenningStatus.ZONDER_GELDIGE_MENTOR, Toestand.HUIDIG),
        (ErkenningStatus.VERLOPEN, Toestand.VOLGEND),
    ]
