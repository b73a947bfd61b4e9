"""The daily sweeps (G11, G12): the coach is reminded when five training days or fewer remain
(R48), a lapsed window is flagged, signed agreements past their end date end (R74), and PDFs
whose after-commit render was lost are found. Each is idempotent: a second run does nothing."""

import datetime as dt

import pytest
import time_machine

from duaal.audit.models import Event
from duaal.kalender.models import Schoolvakantie
from duaal.meldingen.models import Melding
from overeenkomsten.constants import BeeindigingReden, OvereenkomstStatus
from overeenkomsten.models import Leerling, OvereenkomstDocument
from overeenkomsten.selectors import ontbrekende_pdfs
from overeenkomsten.services import (
    leerling_termijnen_herinneren,
    leerling_termijnen_markeren,
    leerling_werkplek_goedkeuren,
    leerling_werkplek_loslaten,
    overeenkomst_beeindigen,
    overeenkomst_pdf_maken,
    overeenkomsten_afsluiten,
)
from overeenkomsten.tasks import overeenkomsten_termijnen_task
from tests.mail_teksten import tekst
from tests.support import moment

from .conftest import NU, VANDAAG, aan, als, meldingen

pytestmark = pytest.mark.django_db

# The default learner starts lessons on Tuesday 1 September 2026: due Monday 28 September.
UITERLIJK = dt.date(2026, 9, 28)


def op(maand: int, dag: int, uur: int = 7) -> dt.datetime:
    return moment(dt.date(2026, maand, dag), uur)


def _verbs(verb: str) -> int:
    return Event.objects.filter(verb=verb).count()


# The reminder (R48).


def test_the_coach_is_reminded_once_when_five_training_days_remain(traject) -> None:
    leerling = traject.leerling()
    assert leerling.overeenkomst_uiterlijk == UITERLIJK
    assert leerling_termijnen_herinneren(now=op(9, 21)) == 0  # 6 training days left
    assert leerling_termijnen_herinneren(now=op(9, 22)) == 1  # 22, 23, 24, 25, 28
    assert leerling_termijnen_herinneren(now=op(9, 22)) == 0
    assert leerling_termijnen_herinneren(now=op(9, 25)) == 0
    assert aan(f"leerling:{leerling.pk}:termijn") == [traject.coach.email]
    assert (
        "Lotte Peeters must have a signed agreement by 28/09/2026 (20 training days)."
    ) in tekst(meldingen(f"leerling:{leerling.pk}:termijn")[0])


def test_over_a_weekend_the_five_days_are_training_days(traject) -> None:
    traject.leerling()
    # Saturday 19 September: the next five training days end on Friday the 25th.
    assert leerling_termijnen_herinneren(now=op(9, 19)) == 0
    assert leerling_termijnen_herinneren(now=op(9, 20)) == 0  # Sunday: 21..25 again


def test_a_learner_with_a_signed_agreement_is_not_reminded(traject) -> None:
    traject.ondertekend()
    assert leerling_termijnen_herinneren(now=op(9, 24)) == 0
    assert leerling_termijnen_markeren(now=op(9, 29)) == 0


# The lapsed window.


def test_a_window_is_flagged_the_day_after_the_due_date_once_and_audited(traject) -> None:
    leerling = traject.leerling()
    assert leerling_termijnen_markeren(now=op(9, 28, 23)) == 0
    assert leerling_termijnen_markeren(now=op(9, 29)) == 1
    assert leerling_termijnen_markeren(now=op(9, 30)) == 0
    leerling.refresh_from_db()
    assert leerling.termijn_verstreken_op == op(9, 29)
    assert _verbs("leerling.termijn_verstreken") == 1
    assert aan(f"leerling:{leerling.pk}:termijn:2026-09-28:verstreken") == [traject.coach.email]


def test_a_new_window_after_an_early_end_is_watched_again(traject) -> None:
    overeenkomst = traject.ondertekend()
    leerling_termijnen_markeren(now=op(9, 29))
    overeenkomst_beeindigen(
        overeenkomst=overeenkomst,
        reden=BeeindigingReden.MATCH,
        laatste_dag=dt.date(2026, 10, 30),
        toelichting="",
        door=als(traject.coach),
        now=op(10, 30),
    )
    leerling = Leerling.objects.get(pk=overeenkomst.leerling_id)
    assert leerling.overeenkomst_uiterlijk == dt.date(2026, 11, 30)  # 11 November excluded
    assert leerling_termijnen_herinneren(now=op(11, 24)) == 1
    assert leerling_termijnen_markeren(now=op(12, 1)) == 1


# The normal end (R74).


def _getekend_tot(traject, einde: dt.date, volgnummer: int):
    leerling = traject.leerling(volgnummer=volgnummer)
    return traject.ondertekend(leerling, start=dt.date(2026, 9, 15), einde=einde)


def test_signed_agreements_end_the_day_after_their_end_date_in_one_bulk_audit(traject) -> None:
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 3  # one mentor guides the three learners
    partnerschap.save()
    eerste = _getekend_tot(traject, dt.date(2026, 10, 30), 41)
    tweede = _getekend_tot(traject, dt.date(2026, 10, 30), 42)
    later = _getekend_tot(traject, dt.date(2026, 12, 18), 43)
    assert overeenkomsten_afsluiten(now=op(10, 30, 23)) == 0
    assert overeenkomsten_afsluiten(now=op(10, 31)) == 2
    assert overeenkomsten_afsluiten(now=op(11, 2)) == 0
    for overeenkomst in (eerste, tweede, later):
        overeenkomst.refresh_from_db()
    assert [eerste.status, tweede.status, later.status] == [
        OvereenkomstStatus.AFGELOPEN,
        OvereenkomstStatus.AFGELOPEN,
        OvereenkomstStatus.ONDERTEKEND,
    ]
    afgelopen = Event.objects.filter(verb="overeenkomst.afgelopen")
    assert sorted(afgelopen.values_list("object_id", flat=True)) == sorted([eerste.pk, tweede.pk])
    assert {e.actor for e in afgelopen} == {None}


def test_an_agreement_ended_early_does_not_end_again(traject) -> None:
    overeenkomst = _getekend_tot(traject, dt.date(2026, 10, 30), 41)
    overeenkomst_beeindigen(
        overeenkomst=overeenkomst,
        reden=BeeindigingReden.GESLAAGD,
        laatste_dag=dt.date(2026, 10, 16),
        toelichting="",
        door=als(traject.coach),
        now=op(10, 16),
    )
    assert overeenkomsten_afsluiten(now=op(11, 2)) == 0


# PDFs whose render was lost.


def test_a_sent_agreement_without_a_pdf_for_its_current_version_is_listed(traject) -> None:
    verstuurd = traject.verstuurd()
    traject.ontwerp(traject.leerling(volgnummer=42))
    assert ontbrekende_pdfs() == [(verstuurd.pk, 1)]
    overeenkomst_pdf_maken(overeenkomst_id=verstuurd.pk, versie=1)
    assert ontbrekende_pdfs() == []


# The beat task.


def test_the_daily_task_returns_what_it_did_and_does_nothing_the_second_time(traject) -> None:
    traject.leerling(volgnummer=41)  # due 28 September: lapsed
    traject.leerling(volgnummer=42, start_lessen=dt.date(2026, 9, 7))  # due 2 October
    getekend = _getekend_tot(traject, dt.date(2026, 9, 25), 43)
    with time_machine.travel(op(9, 29), tick=False):
        eerste = overeenkomsten_termijnen_task()
        meldingen_na_eerste = Melding.objects.count()
        tweede = overeenkomsten_termijnen_task()
    assert eerste == {
        "herinnerd": 1,
        "verstreken": 1,
        "voorstellen_vervallen": 0,
        "afgelopen": 1,
        "pdf_opnieuw": 1,
        "pdf_verweesd": 0,
        "bevestiging_gevraagd": 0,
    }
    assert tweede == {
        "herinnerd": 0,
        "verstreken": 0,
        "voorstellen_vervallen": 0,
        "afgelopen": 0,
        "pdf_opnieuw": 0,
        "pdf_verweesd": 0,
        "bevestiging_gevraagd": 0,
    }
    assert Melding.objects.count() == meldingen_na_eerste
    assert OvereenkomstDocument.objects.filter(overeenkomst=getekend, versie=1).exists()


def test_a_learner_matched_again_keeps_the_window_already_running(traject) -> None:
    # The window runs from the start of lessons; a new intake does not extend it (R48).
    leerling = traject.leerling()
    leerling = leerling_werkplek_loslaten(leerling=leerling, door=als(traject.coach), now=NU)
    leerling = leerling_werkplek_goedkeuren(
        leerling=leerling,
        vestiging=traject.vestiging,
        intake_op=VANDAAG,
        door=als(traject.coach),
        now=NU,
    )
    assert leerling.overeenkomst_uiterlijk == UITERLIJK


def test_the_window_and_its_reminder_skip_the_christmas_holiday(traject) -> None:
    Schoolvakantie.objects.create(
        naam="Kerstvakantie", van=dt.date(2026, 12, 21), tot=dt.date(2027, 1, 3)
    )
    leerling = traject.leerling(start_lessen=dt.date(2026, 12, 14))
    # 14-18 December are days 1-5; the holiday does not count; 18-22 January are days 16-20.
    assert leerling.overeenkomst_uiterlijk == dt.date(2027, 1, 22)
    assert leerling_termijnen_herinneren(now=moment(dt.date(2026, 12, 18), 7)) == 0
    assert leerling_termijnen_herinneren(now=moment(dt.date(2027, 1, 15), 7)) == 0
    assert leerling_termijnen_herinneren(now=moment(dt.date(2027, 1, 18), 7)) == 1
