"""The life of a signed agreement (R73-R76): suspensions, early termination that restarts the
20-training-day window (R48), and withdrawing an agreement nobody signed yet."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.termijnen import na_opleidingsdagen
from duaal.workflow import Refused
from overeenkomsten.constants import (
    BeeindigingReden,
    LeerlingStatus,
    OvereenkomstStatus,
    SchorsingReden,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Schorsing
from overeenkomsten.services import (
    overeenkomst_annuleren,
    overeenkomst_beeindigen,
    schorsing_registreren,
)
from tests.mail_teksten import tekst

from .conftest import NU, aan, actor, als, lid, meldingen, verbs

pytestmark = pytest.mark.django_db

LAATSTE_DAG = dt.date(2027, 1, 29)  # a Friday


def _schorsen(traject, overeenkomst, van, tot, reden=SchorsingReden.ZIEKTE, door=None):
    return schorsing_registreren(
        overeenkomst=overeenkomst,
        reden=reden,
        van=van,
        tot=tot,
        toelichting="Doktersattest.",
        door=actor(door or traject.werkgever),
        now=NU,
    )


def _beeindigen(traject, overeenkomst, reden=BeeindigingReden.MATCH, **kwargs):
    door = actor(kwargs.pop("door", traject.werkgever))
    kwargs = {"laatste_dag": LAATSTE_DAG, "toelichting": ""} | kwargs
    return overeenkomst_beeindigen(
        overeenkomst=overeenkomst, reden=reden, door=door, now=NU, **kwargs
    )


@pytest.fixture
def ondertekend(traject):
    return traject.ondertekend()


# Suspension (R73).


def test_the_employer_records_a_suspension(traject, ondertekend) -> None:
    schorsing = _schorsen(traject, ondertekend, dt.date(2026, 11, 16), dt.date(2026, 11, 20))
    assert (schorsing.dagen, schorsing.door) == (5, traject.werkgever)
    assert verbs(ondertekend)[-1] == "overeenkomst.geschorst"


@pytest.mark.parametrize(
    ("van", "tot"),
    [
        (dt.date(2026, 9, 30), dt.date(2026, 10, 2)),  # starts before the agreement
        (dt.date(2028, 6, 28), dt.date(2028, 7, 2)),  # ends after it
    ],
)
def test_a_suspension_lies_within_the_agreement(traject, ondertekend, van, tot) -> None:
    with pytest.raises(OvereenkomstFout) as fout:
        _schorsen(traject, ondertekend, van, tot)
    assert str(fout.value) == "A suspension falls within the agreement's start and end date."


def test_a_suspension_may_not_overlap_another(traject, ondertekend) -> None:
    _schorsen(traject, ondertekend, dt.date(2026, 11, 16), dt.date(2026, 11, 20))
    with pytest.raises(OvereenkomstFout, match="This period overlaps a suspension already"):
        _schorsen(traject, ondertekend, dt.date(2026, 11, 20), dt.date(2026, 11, 24))
    _schorsen(traject, ondertekend, dt.date(2026, 11, 21), dt.date(2026, 11, 24))
    assert Schorsing.objects.count() == 2


def test_the_last_day_of_a_suspension_cannot_come_before_the_first(traject, ondertekend) -> None:
    with pytest.raises(OvereenkomstFout, match="The last day comes before the first day."):
        _schorsen(traject, ondertekend, dt.date(2026, 11, 20), dt.date(2026, 11, 16))


def test_a_suspension_of_more_than_14_days_is_told_to_the_coach(traject, ondertekend) -> None:
    schorsing = _schorsen(traject, ondertekend, dt.date(2026, 11, 2), dt.date(2026, 11, 16))
    assert schorsing.dagen == 15
    assert aan(f"schorsing:{schorsing.pk}:coach") == [traject.coach.email]
    assert (
        f"{ondertekend} is suspended from 02/11/2026 to 16/11/2026 (Illness or accident)."
    ) in tekst(meldingen(f"schorsing:{schorsing.pk}")[0])


def test_a_suspension_of_14_days_is_not_told(traject, ondertekend) -> None:
    schorsing = _schorsen(traject, ondertekend, dt.date(2026, 11, 2), dt.date(2026, 11, 15))
    assert schorsing.dagen == 14
    assert meldingen(f"schorsing:{schorsing.pk}") == []


def test_compelling_reasons_are_capped_at_10_days_a_calendar_year(traject, ondertekend) -> None:
    dwingend = SchorsingReden.DWINGENDE_REDEN
    _schorsen(traject, ondertekend, dt.date(2027, 2, 1), dt.date(2027, 2, 6), dwingend)
    with pytest.raises(OvereenkomstFout) as fout:
        _schorsen(traject, ondertekend, dt.date(2027, 3, 1), dt.date(2027, 3, 5), dwingend)
    assert str(fout.value) == (
        "Compelling reasons allow at most 10 days a year; 6 are already used."
    )
    _schorsen(traject, ondertekend, dt.date(2027, 3, 1), dt.date(2027, 3, 4), dwingend)
    _schorsen(traject, ondertekend, dt.date(2028, 1, 3), dt.date(2028, 1, 12), dwingend)
    # Other grounds do not count towards the cap.
    _schorsen(traject, ondertekend, dt.date(2027, 4, 5), dt.date(2027, 4, 9))


def test_compelling_reasons_over_new_year_count_in_each_year(traject, ondertekend) -> None:
    dwingend = SchorsingReden.DWINGENDE_REDEN
    # 24 Dec 2026 to 2 Jan 2027: 8 days in 2026, 2 days in 2027.
    _schorsen(traject, ondertekend, dt.date(2026, 12, 24), dt.date(2027, 1, 2), dwingend)
    with pytest.raises(OvereenkomstFout, match="2 are already used"):
        _schorsen(traject, ondertekend, dt.date(2027, 1, 11), dt.date(2027, 1, 19), dwingend)
    _schorsen(traject, ondertekend, dt.date(2027, 1, 11), dt.date(2027, 1, 18), dwingend)
    _schorsen(traject, ondertekend, dt.date(2026, 12, 1), dt.date(2026, 12, 2), dwingend)
    with pytest.raises(OvereenkomstFout, match="10 are already used"):
        _schorsen(traject, ondertekend, dt.date(2026, 12, 3), dt.date(2026, 12, 3), dwingend)


def test_only_a_signed_agreement_can_be_suspended(traject) -> None:
    overeenkomst = traject.verstuurd()
    with pytest.raises(Refused, match="Only a signed agreement can be suspended."):
        _schorsen(traject, overeenkomst, dt.date(2026, 11, 2), dt.date(2026, 11, 3))


def test_an_employer_staff_member_cannot_suspend(traject, ondertekend) -> None:
    medewerker = lid(traject.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    with pytest.raises(Refused) as fout:
        _schorsen(
            traject, ondertekend, dt.date(2026, 11, 2), dt.date(2026, 11, 3), door=als(medewerker)
        )
    assert str(fout.value) == (
        "Only the employer's representative or the school's coach can do this."
    )


# Early termination (R74, R76, R48).


@pytest.mark.parametrize("wie", ["werkgever", "coach"])
def test_an_early_end_restarts_the_window_and_the_search(traject, ondertekend, wie) -> None:
    overeenkomst = _beeindigen(traject, ondertekend, door=als(getattr(traject, wie)))
    assert (overeenkomst.status, overeenkomst.beeindigd_op, overeenkomst.beeindiging_reden) == (
        OvereenkomstStatus.BEEINDIGD,
        LAATSTE_DAG,
        BeeindigingReden.MATCH,
    )
    leerling = overeenkomst.leerling
    leerling.refresh_from_db()
    assert leerling.overeenkomst_uiterlijk == na_opleidingsdagen(dt.date(2027, 1, 30), 20)
    assert leerling.overeenkomst_uiterlijk == dt.date(2027, 2, 26)
    assert (leerling.status, leerling.werkplek) == (LeerlingStatus.GOEDGEKEURD, None)
    assert verbs(leerling)[-1] == "leerling.werkplek_losgelaten"


def test_an_early_end_is_told_to_the_coach_and_the_employer(traject, ondertekend) -> None:
    _beeindigen(traject, ondertekend)
    assert aan(f"overeenkomst:{ondertekend.pk}:beeindigd") == sorted(
        [traject.coach.email, traject.werkgever.email]
    )
    assert (
        f"{ondertekend} ends early on 29/01/2027: "
        "Poor match or cooperation between company and learner."
    ) in tekst(meldingen(f"overeenkomst:{ondertekend.pk}:beeindigd")[0])
    assert verbs(ondertekend)[-1] == "overeenkomst.beeindigd"


def test_a_learner_who_completed_the_training_gets_no_new_window(traject, ondertekend) -> None:
    _beeindigen(traject, ondertekend, reden=BeeindigingReden.GESLAAGD)
    leerling = ondertekend.leerling
    leerling.refresh_from_db()
    assert leerling.overeenkomst_uiterlijk is None
    assert leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD


def test_another_reason_needs_an_explanation(traject, ondertekend) -> None:
    with pytest.raises(OvereenkomstFout, match="Explain the reason for ending the agreement."):
        _beeindigen(traject, ondertekend, reden=BeeindigingReden.ANDERE, toelichting="  ")
    overeenkomst = _beeindigen(
        traject, ondertekend, reden=BeeindigingReden.ANDERE, toelichting="Verhuist naar Luik."
    )
    assert overeenkomst.beeindiging_toelichting == "Verhuist naar Luik."


def test_an_unknown_reason_is_refused(traject, ondertekend) -> None:
    with pytest.raises(OvereenkomstFout, match="Choose the reason for ending the agreement."):
        _beeindigen(traject, ondertekend, reden="zomaar")


@pytest.mark.parametrize(
    "laatste_dag", [dt.date(2026, 9, 30), dt.date(2028, 6, 30)], ids=["before", "end date"]
)
def test_the_last_day_lies_before_the_end_date_and_not_before_the_start(
    traject, ondertekend, laatste_dag
) -> None:
    with pytest.raises(OvereenkomstFout) as fout:
        _beeindigen(traject, ondertekend, laatste_dag=laatste_dag)
    assert str(fout.value) == (
        "The last day falls between the start date and the day before the end date."
    )


def test_an_early_end_needs_a_signed_agreement(traject) -> None:
    with pytest.raises(Refused) as fout:
        _beeindigen(traject, traject.verstuurd())
    assert str(fout.value) == (
        "This step is not possible while the status is “Awaiting approval of the parties”."
    )


def test_an_agreement_ends_early_once(traject, ondertekend) -> None:
    _beeindigen(traject, ondertekend)
    with pytest.raises(Refused, match="“Ended early”"):
        _beeindigen(traject, ondertekend, door=als(traject.coach))


def test_an_employer_staff_member_cannot_end_an_agreement(traject, ondertekend) -> None:
    medewerker = lid(traject.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    with pytest.raises(Refused, match="Only the employer's representative"):
        _beeindigen(traject, ondertekend, door=als(medewerker))
    ondertekend.refresh_from_db()
    assert ondertekend.status == OvereenkomstStatus.ONDERTEKEND


# Withdrawing an agreement nobody signed yet.


def test_the_coach_cancels_a_draft_quietly(traject) -> None:
    overeenkomst = overeenkomst_annuleren(
        overeenkomst=traject.ontwerp(), door=als(traject.coach), now=NU
    )
    assert overeenkomst.status == OvereenkomstStatus.GEANNULEERD
    assert verbs(overeenkomst)[-1] == "overeenkomst.geannuleerd"
    assert meldingen(f"overeenkomst:{overeenkomst.pk}:geannuleerd") == []


def test_withdrawing_a_sent_agreement_tells_the_employer(traject) -> None:
    overeenkomst = overeenkomst_annuleren(
        overeenkomst=traject.verstuurd(), door=als(traject.coach), now=NU
    )
    assert aan(f"overeenkomst:{overeenkomst.pk}:geannuleerd") == [traject.werkgever.email]


def test_a_signed_agreement_cannot_be_cancelled(traject, ondertekend) -> None:
    with pytest.raises(Refused, match="“Signed”"):
        overeenkomst_annuleren(overeenkomst=ondertekend, door=als(traject.coach), now=NU)


def test_only_the_coach_cancels(traject) -> None:
    with pytest.raises(Refused, match="Only a trajectory coach"):
        overeenkomst_annuleren(overeenkomst=traject.ontwerp(), door=als(traject.werkgever), now=NU)
