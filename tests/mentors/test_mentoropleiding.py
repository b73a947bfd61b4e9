"""Mentor training (R37-R39): completing or exempting it, and the reminder and overdue sweeps."""

import datetime as dt

import pytest
import time_machine

from django.core.exceptions import ValidationError

from duaal.meldingen.models import Melding
from mentors.constants import OpleidingStatus, ToewijzingStatus
from mentors.exceptions import MentorFout
from mentors.services import (
    mentor_toewijzen,
    mentoropleiding_plannen,
    mentoropleiding_voltooien,
    mentoropleiding_vrijstellen,
    mentoropleidingen_achterstallig_melden,
    mentoropleidingen_herinneren,
    toewijzing_beslissen,
)
from mentors.tasks import mentoropleiding_termijnen_task, uittreksels_opruimen_task
from tests.factories import MentorFactory, ToewijzingFactory, UittrekselFactory
from tests.support import als, exe_als_pdf, moment, pdf

from .factories import MentoropleidingFactory

pytestmark = pytest.mark.django_db

TERMIJN = dt.date(2027, 9, 1)


def _opleiding(plaats, **kwargs):
    """A mentor's training under the partnership, with the designation that makes it due."""
    kwargs.setdefault("voltooien_uiterlijk_op", TERMIJN)
    opleiding = MentoropleidingFactory(
        mentor__onderneming=plaats.onderneming, partnerschap=plaats.partnerschap, **kwargs
    )
    ToewijzingFactory(
        mentor=opleiding.mentor, vestiging=plaats.vestiging, opleiding=plaats.opleiding
    )
    return opleiding


def _dag(dagen: int) -> dt.datetime:
    """`dagen` days after the completion deadline (negative: before it)."""
    return moment(TERMIJN + dt.timedelta(days=dagen))


# Reminders: once, N days (per partnership) before the deadline.


def test_it_does_not_remind_before_the_partnerships_window(plaats) -> None:
    plaats.partnerschap.mentoropleiding_herinnering_dagen = 30
    plaats.partnerschap.save()
    _opleiding(plaats)
    assert mentoropleidingen_herinneren(now=_dag(-31)) == 0


def test_it_reminds_the_employer_once_within_the_window_twice(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    plaats.partnerschap.mentoropleiding_herinnering_dagen = 30
    plaats.partnerschap.save()
    opleiding = _opleiding(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        assert mentoropleidingen_herinneren(now=_dag(-30)) == 1
        assert mentoropleidingen_herinneren(now=_dag(-29)) == 0
    assert [m.to for m in mailoutbox] == [[plaats.werkgever.email]]
    opleiding.refresh_from_db()
    assert opleiding.herinnering_verstuurd_op == _dag(-30)


def test_it_does_not_remind_after_the_deadline_or_for_a_finished_training(plaats) -> None:
    _opleiding(plaats)
    _opleiding(plaats, gevolgd=True, voltooien_uiterlijk_op=TERMIJN + dt.timedelta(days=5))
    assert mentoropleidingen_herinneren(now=_dag(1)) == 0


# Overdue: the day after the deadline, once, to employer and partnership.


def test_it_does_not_flag_a_training_on_its_deadline_day(plaats) -> None:
    opleiding = _opleiding(plaats)
    assert mentoropleidingen_achterstallig_melden(now=moment(TERMIJN, uur=23)) == 0
    opleiding.refresh_from_db()
    assert opleiding.achterstallig_sinds is None


def test_it_flags_a_training_the_day_after_its_deadline(plaats) -> None:
    opleiding = _opleiding(plaats)
    assert mentoropleidingen_achterstallig_melden(now=_dag(1)) == 1
    opleiding.refresh_from_db()
    assert opleiding.achterstallig_sinds == TERMIJN + dt.timedelta(days=1)
    meldingen = Melding.objects.filter(
        event_key=f"mentoropleiding:{opleiding.pk}:achterstallig:voltooien"
    )
    assert set(meldingen.values_list("e_mail", flat=True)) == {
        plaats.werkgever.email,
        plaats.consulent.email,
        plaats.beheerder.email,
    }


def test_it_flags_an_overdue_training_once_twice(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    opleiding = _opleiding(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        assert mentoropleidingen_achterstallig_melden(now=_dag(1)) == 1
        assert mentoropleidingen_achterstallig_melden(now=_dag(2)) == 0
    assert len(mailoutbox) == 3
    opleiding.refresh_from_db()
    assert opleiding.achterstallig_sinds == TERMIJN + dt.timedelta(days=1)


def test_it_flags_a_training_not_planned_by_the_planning_deadline(plaats) -> None:
    """R38, construction: plan within 3 months."""
    plannen = dt.date(2026, 12, 1)
    niet_gepland = _opleiding(plaats, plannen_uiterlijk_op=plannen)
    _opleiding(plaats, gepland=True, plannen_uiterlijk_op=plannen)
    na_planning = moment(plannen + dt.timedelta(days=1))
    assert mentoropleidingen_achterstallig_melden(now=moment(plannen)) == 0
    assert mentoropleidingen_achterstallig_melden(now=na_planning) == 1
    niet_gepland.refresh_from_db()
    assert niet_gepland.achterstallig_sinds == plannen + dt.timedelta(days=1)


@pytest.mark.parametrize("staat", ["gevolgd", "vrijgesteld"])
def test_it_never_flags_a_completed_or_exempted_training(plaats, staat) -> None:
    _opleiding(plaats, plannen_uiterlijk_op=dt.date(2026, 12, 1), **{staat: True})
    assert mentoropleidingen_achterstallig_melden(now=_dag(400)) == 0
    assert not Melding.objects.exists()


def test_a_training_planned_late_is_still_flagged_when_not_completed_in_time(plaats) -> None:
    plannen = dt.date(2026, 12, 1)
    opleiding = _opleiding(plaats, plannen_uiterlijk_op=plannen)
    mentoropleidingen_achterstallig_melden(now=moment(plannen + dt.timedelta(days=1)))
    mentoropleiding_plannen(
        opleiding=opleiding, gepland_op=dt.date(2027, 8, 30), door=als(plaats.werkgever)
    )
    assert mentoropleidingen_achterstallig_melden(now=_dag(1)) == 1


def test_it_does_not_chase_the_training_of_a_refused_mentor(plaats) -> None:
    mentor = MentorFactory(onderneming=plaats.onderneming)
    plek = {"vestiging": plaats.vestiging, "opleiding": plaats.opleiding}
    toewijzing = mentor_toewijzen(
        mentor=mentor, **plek, door=als(plaats.werkgever), now=moment(dt.date(2026, 9, 1))
    )
    toewijzing = toewijzing_beslissen(
        toewijzing=toewijzing, aanvaarden=False, motivatie="Nee.", door=als(plaats.consulent)
    )
    assert toewijzing.status == ToewijzingStatus.GEWEIGERD
    assert mentoropleidingen_achterstallig_melden(now=moment(dt.date(2028, 1, 3))) == 0


# Completing and exempting (R39).


def test_it_refuses_a_certificate_that_is_no_pdf_or_image(plaats) -> None:
    opleiding = _opleiding(plaats)
    with pytest.raises(ValidationError):
        mentoropleiding_voltooien(
            opleiding=opleiding,
            gevolgd_op=dt.date(2027, 5, 3),
            certificaat=exe_als_pdf(),
            door=als(plaats.werkgever),
            now=moment(dt.date(2027, 5, 10)),
        )
    opleiding.refresh_from_db()
    assert opleiding.status == OpleidingStatus.TE_VOLGEN and not opleiding.certificaat


def test_it_refuses_a_completion_date_in_the_future(plaats) -> None:
    opleiding = _opleiding(plaats)
    with pytest.raises(MentorFout):
        mentoropleiding_voltooien(
            opleiding=opleiding,
            gevolgd_op=dt.date(2027, 5, 4),
            certificaat=pdf(),
            door=als(plaats.werkgever),
            now=moment(dt.date(2027, 5, 3)),
        )


def test_completing_an_overdue_training_clears_the_flag(plaats) -> None:
    opleiding = _opleiding(plaats, achterstallig_sinds=TERMIJN + dt.timedelta(days=1))
    mentoropleiding_voltooien(
        opleiding=opleiding,
        gevolgd_op=dt.date(2027, 9, 10),
        certificaat=pdf(),
        door=als(plaats.werkgever),
        now=_dag(10),
    )
    opleiding.refresh_from_db()
    assert opleiding.status == OpleidingStatus.GEVOLGD and opleiding.achterstallig_sinds is None
    assert opleiding.gevolgd_op == dt.date(2027, 9, 10) and opleiding.certificaat


def test_an_exemption_requires_a_reason(plaats) -> None:
    opleiding = _opleiding(plaats)
    with pytest.raises(MentorFout):
        mentoropleiding_vrijstellen(opleiding=opleiding, reden=" ", door=als(plaats.consulent))
    opleiding.refresh_from_db()
    assert opleiding.status == OpleidingStatus.TE_VOLGEN


def test_an_exemption_records_its_reason_and_clears_the_flag(plaats) -> None:
    opleiding = _opleiding(plaats, achterstallig_sinds=TERMIJN + dt.timedelta(days=1))
    mentoropleiding_vrijstellen(
        opleiding=opleiding, reden="Pedagogisch attest.", door=als(plaats.consulent)
    )
    opleiding.refresh_from_db()
    assert opleiding.status == OpleidingStatus.VRIJGESTELD and opleiding.achterstallig_sinds is None
    assert opleiding.vrijstelling_reden == "Pedagogisch attest."


# The beat tasks (G11: safe to run twice).


def test_the_training_deadline_task_sends_nothing_twice(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    _opleiding(plaats)  # due on TERMIJN: reminded 10 days before
    _opleiding(plaats, voltooien_uiterlijk_op=TERMIJN - dt.timedelta(days=30))  # overdue
    with (
        time_machine.travel(_dag(-10), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert mentoropleiding_termijnen_task() == {"herinnerd": 1, "achterstallig": 1}
        assert mentoropleiding_termijnen_task() == {"herinnerd": 0, "achterstallig": 0}
    assert len(mailoutbox) == 1 + 3  # the reminder; overdue to employer and partnership team


def test_the_purge_task_purges_once_twice(plaats) -> None:
    uittreksel = UittrekselFactory(
        mentor=MentorFactory(onderneming=plaats.onderneming),
        gecontroleerd_op=moment(dt.date(2026, 9, 1)),
        verwijderen_na=dt.date(2026, 10, 1),
    )
    with time_machine.travel(moment(dt.date(2026, 10, 1), uur=3), tick=False):
        assert uittreksels_opruimen_task() == 1
        assert uittreksels_opruimen_task() == 0
    uittreksel.refresh_from_db()
    assert uittreksel.verwijderd_op is not None and not uittreksel.bestand


def test_it_refuses_to_plan_a_training_in_the_past(plaats) -> None:
    opleiding = _opleiding(plaats)
    with pytest.raises(MentorFout):
        mentoropleiding_plannen(
            opleiding=opleiding,
            gepland_op=dt.date(2027, 1, 4),
            door=als(plaats.werkgever),
            now=moment(dt.date(2027, 1, 5)),
        )
    opleiding.refresh_from_db()
    assert opleiding.status == OpleidingStatus.TE_VOLGEN
