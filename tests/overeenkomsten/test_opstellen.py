"""Drafting an agreement: every guard with its message (R40, R44, R48, R54-R60, R62, R77).
The coach sees every refusal at once (Bezwaren.fouten); a warning informs without refusing."""

import datetime as dt
from decimal import Decimal

import pytest

from duaal.accounts.constants import Rol
from duaal.organisaties.constants import Overeenkomsttype
from duaal.workflow import Refused
from erkenning.constants import ErkenningStatus
from erkenning.models import Erkenning
from overeenkomsten.constants import BeeindigingReden, OvereenkomstStatus
from overeenkomsten.controles import Blok, controleren
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Overeenkomst
from overeenkomsten.services import (
    Bezwaren,
    leerling_goedkeuren,
    leerling_registreren,
    leerling_werkplek_goedkeuren,
    overeenkomst_annuleren,
    overeenkomst_beeindigen,
    overeenkomst_versturen,
)
from tests.erkenning.factories import ErkenningFactory
from tests.factories import ToewijzingFactory, VestigingFactory

from .conftest import EINDE, NU, ROOSTER, START, VANDAAG, als, gegevens, lid, verbs

pytestmark = pytest.mark.django_db

WERK, SCHOOL = "werkplek", "school"
VOLWASSEN = dt.date(2006, 5, 2)  # 20 on the start date


def _fouten(traject, leerling=None, **kwargs) -> list[str]:
    """The refusals of a draft that must fail; nothing is stored."""
    leerling = leerling or traject.leerling()
    with pytest.raises(Bezwaren) as fout:
        traject.ontwerp(leerling, **kwargs)
    assert not Overeenkomst.objects.filter(leerling=leerling, status="ontwerp").exists()
    return fout.value.fouten


def _opnieuw_gematcht(traject, leerling):
    """After an early end the learner looks again; the same company takes them back."""
    return leerling_werkplek_goedkeuren(
        leerling=leerling,
        vestiging=traject.vestiging,
        intake_op=VANDAAG,
        door=als(traject.coach),
        now=NU,
    )


def test_a_valid_draft_takes_type_and_allowance_from_the_programme(traject) -> None:
    overeenkomst = traject.ontwerp()
    assert (overeenkomst.status, overeenkomst.soort, overeenkomst.versie) == (
        OvereenkomstStatus.ONTWERP,
        Overeenkomsttype.OAO,
        1,
    )
    assert overeenkomst.leervergoeding == Decimal("600.50")
    assert overeenkomst.uurrooster.count() == len(ROOSTER)
    assert verbs(overeenkomst) == ["overeenkomst.opgesteld"]


def test_only_a_coach_of_the_school_drafts(traject) -> None:
    leerling = traject.leerling()
    with pytest.raises(Refused, match="Only a trajectory coach of the learner's school"):
        traject.ontwerp(leerling, door=als(traject.werkgever))


# The learner (R44, R48).


def _goedgekeurd_zonder_werkplek(traject):
    leerling = leerling_registreren(
        onderwijsinstelling=traject.school,
        gegevens=gegevens(traject.opleiding, volgnummer=55),
        door=als(traject.coach),
        now=NU,
    )
    return leerling_goedkeuren(leerling=leerling, door=als(traject.coach), now=NU)


def test_the_learner_must_be_approved_for_this_workplace(traject) -> None:
    # Not approved for any workplace: the guard refuses before the content is checked.
    leerling = _goedgekeurd_zonder_werkplek(traject)
    with pytest.raises(Refused) as fout:
        traject.ontwerp(leerling)
    assert fout.value.reasons == (
        "Approve the learner for a workplace after the company's intake first.",
    )
    assert not Overeenkomst.objects.filter(leerling=leerling).exists()


def test_a_learner_matched_with_another_establishment_is_refused_here(traject) -> None:
    leerling = _goedgekeurd_zonder_werkplek(traject)
    elders = VestigingFactory(onderneming=traject.onderneming)
    ErkenningFactory(vestiging=elders, opleiding=traject.opleiding)  # also recognised
    leerling = traject.kiest(leerling, elders)
    assert _fouten(traject, leerling) == [
        "Approve the learner for this workplace after the company's intake interview first."
    ]


def test_a_learner_is_only_approved_for_a_workplace_recognised_for_the_programme(
    traject,
) -> None:
    """R48: the school approves the learner for a recognised learning workplace."""
    leerling = _goedgekeurd_zonder_werkplek(traject)
    traject.machtigt()  # the employer consents: only the recognition is in the way
    elders = VestigingFactory(onderneming=traject.onderneming, naam="Elders")
    ErkenningFactory(vestiging=elders, opleiding=traject.opleiding, verlopen=True)
    with pytest.raises(OvereenkomstFout, match="Elders .* is not recognised as a learning"):
        leerling_werkplek_goedkeuren(
            leerling=leerling, vestiging=elders, intake_op=VANDAAG, door=als(traject.coach), now=NU
        )
    leerling.refresh_from_db()
    assert leerling.werkplek_id is None


def test_the_learner_must_have_the_programmes_minimum_age_on_the_start_date(traject) -> None:
    traject.opleiding.minimumleeftijd = 17
    traject.opleiding.save()
    assert _fouten(traject) == [
        f"On the start date the learner is 16; {traject.opleiding} is for ages 17 to 25."
    ]


def test_the_learner_may_not_exceed_the_programmes_maximum_age(traject) -> None:
    traject.opleiding.maximumleeftijd = 19
    traject.opleiding.save()
    leerling = traject.leerling(geboortedatum=VOLWASSEN)
    assert _fouten(traject, leerling) == [
        f"On the start date the learner is 20; {traject.opleiding} is for ages 15 to 19."
    ]


@pytest.mark.parametrize("stap", ["verstuurd", "ondertekend"])
def test_an_overlapping_agreement_of_the_learner_is_refused(traject, stap) -> None:
    eerste = getattr(traject, stap)()
    fouten = _fouten(
        traject, eerste.leerling, start=dt.date(2028, 6, 30), einde=dt.date(2029, 6, 30)
    )
    assert fouten == [
        f"The learner already has an agreement from 01/10/2026 to 30/06/2028 at "
        f"{traject.onderneming}."
    ]


def test_a_draft_or_a_cancelled_agreement_does_not_occupy_the_learner(traject) -> None:
    ontwerp = traject.ontwerp()
    tweede = traject.ontwerp(ontwerp.leerling)
    overeenkomst_annuleren(overeenkomst=tweede, door=als(traject.coach), now=NU)
    geannuleerd = traject.verstuurd(ontwerp.leerling)
    overeenkomst_annuleren(overeenkomst=geannuleerd, door=als(traject.coach), now=NU)
    assert traject.verstuurd(ontwerp.leerling).status == OvereenkomstStatus.TER_GOEDKEURING


def test_an_agreement_ended_early_occupies_the_learner_only_up_to_its_last_day(traject) -> None:
    overeenkomst = traject.ondertekend()
    laatste_dag = dt.date(2027, 1, 29)
    overeenkomst_beeindigen(
        overeenkomst=overeenkomst,
        reden=BeeindigingReden.MATCH,
        laatste_dag=laatste_dag,
        toelichting="",
        door=als(traject.coach),
        now=NU,
    )
    leerling = _opnieuw_gematcht(traject, overeenkomst.leerling)
    assert _fouten(traject, leerling, start=laatste_dag) == [
        f"The learner already has an agreement from 01/10/2026 to 29/01/2027 at "
        f"{traject.onderneming}."
    ]
    volgende = traject.ontwerp(leerling, start=laatste_dag + dt.timedelta(days=1))
    assert volgende.start == dt.date(2027, 1, 30)


# The recognition and the mentor (R17, R24, R40, R43).


def test_there_must_be_a_running_recognition_on_the_start_date(traject) -> None:
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(geldig_van=dt.date(2026, 11, 1))
    assert _fouten(traject) == [
        "There is no running recognition for this programme at this establishment on 01/10/2026."
    ]


@pytest.mark.parametrize("status", [ErkenningStatus.OPGEHEVEN, ErkenningStatus.VERLOPEN])
def test_an_ended_recognition_does_not_run(traject, status) -> None:
    leerling = traject.leerling()  # matched while the recognition still ran
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(status=status)
    assert _fouten(traject, leerling) == [
        "There is no running recognition for this programme at this establishment on 01/10/2026."
    ]


def test_a_recognition_without_a_valid_mentor_is_refused(traject) -> None:
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(
        status=ErkenningStatus.ZONDER_GELDIGE_MENTOR
    )
    assert _fouten(traject) == ["The recognition has no valid mentor at the moment."]


def test_a_recognition_ending_before_the_agreement_only_warns(traject) -> None:
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(geldig_tot=dt.date(2027, 12, 31))
    leerling = traject.leerling()
    controle = controleren(
        leerling=leerling,
        vestiging=traject.vestiging,
        toewijzing=traject.toewijzing,
        start=START,
        einde=EINDE,
        werkplekuren=Decimal(24),
        blokken=ROOSTER,
    )
    assert controle.fouten == []
    assert controle.waarschuwingen == [
        "The recognition ends on 31/12/2027, before the agreement does; renew it in time."
    ]
    assert traject.verstuurd(leerling).status == OvereenkomstStatus.TER_GOEDKEURING


def test_the_mentor_must_be_designated_for_this_establishment_and_programme(traject) -> None:
    elders = ToewijzingFactory(
        mentor=traject.toewijzing.mentor,
        vestiging=VestigingFactory(onderneming=traject.onderneming),
        opleiding=traject.opleiding,
        aanvaard=True,
    )
    assert _fouten(traject, toewijzing=elders) == [
        "This mentor is not designated for this programme at this establishment."
    ]


def test_a_mentor_whose_designation_is_not_accepted_is_not_valid(traject) -> None:
    voorgesteld = ToewijzingFactory(
        mentor__onderneming=traject.onderneming,
        vestiging=traject.vestiging,
        opleiding=traject.opleiding,
    )
    assert _fouten(traject, toewijzing=voorgesteld) == [
        f"{voorgesteld.mentor} is not a valid mentor for this programme here."
    ]


def test_the_partnerships_cap_of_learners_per_mentor_holds(traject) -> None:
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1
    partnerschap.save()
    traject.verstuurd()
    tweede = traject.leerling(volgnummer=42)
    assert _fouten(traject, tweede) == [
        f"{traject.toewijzing.mentor} already guides 1 learner(s); {partnerschap} allows 1."
    ]


def test_a_learner_whose_agreement_ends_frees_the_mentor_for_later_periods(traject) -> None:
    partnerschap = traject.opleiding.partnerschap
    partnerschap.max_leerlingen_per_mentor = 1
    partnerschap.save()
    traject.verstuurd()
    tweede = traject.leerling(volgnummer=42)
    na = traject.ontwerp(tweede, start=dt.date(2028, 7, 1), einde=dt.date(2029, 6, 30))
    assert na.status == OvereenkomstStatus.ONTWERP


# Type, duration and hours (R54-R60).


def test_an_oao_needs_at_least_20_workplace_hours(traject) -> None:
    rooster = [Blok(1, WERK, dt.time(8), dt.time(16)), Blok(2, WERK, dt.time(8), dt.time(19, 30))]
    # Every check in one round: the hours, and the minor's day of 11.5 hours in the timetable.
    assert _fouten(traject, werkplekuren_per_week=Decimal("19.5"), blokken=rooster) == [
        "An OAO averages at least 20 workplace hours a week; this programme's type is fixed.",
        "A minor works at most 8 hours a day, lessons included.",
    ]


def test_an_sao_has_less_than_20_workplace_hours(traject) -> None:
    traject = traject.met_opleiding(overeenkomsttype=Overeenkomsttype.SAO)
    assert _fouten(traject) == ["An SAO averages less than 20 workplace hours a week."]


def test_an_agreement_runs_at_most_3_years(traject) -> None:
    assert traject.ontwerp(einde=dt.date(2029, 10, 1)).einde == dt.date(2029, 10, 1)
    tweede = traject.leerling(volgnummer=42)
    assert _fouten(traject, tweede, einde=dt.date(2029, 10, 2)) == [
        "An agreement runs for at most 3 years."
    ]


@pytest.mark.parametrize("einde", [START, START - dt.timedelta(days=1)], ids=["same", "before"])
def test_the_end_date_comes_after_the_start_date(traject, einde) -> None:
    assert _fouten(traject, einde=einde) == ["The end date must come after the start date."]


@pytest.mark.parametrize("uren", [Decimal(39), Decimal(0)])
def test_workplace_hours_outside_a_full_time_week_are_refused_with_a_message(traject, uren) -> None:
    # Without the guard the column's check constraint raised an IntegrityError (a crash).
    assert _fouten(traject, werkplekuren_per_week=uren, blokken=[]) == [
        "The average workplace hours per week lie between 0 and 38."
    ]


def test_every_refusal_is_listed_at_once(traject) -> None:
    traject.opleiding.minimumleeftijd = 17
    traject.opleiding.save()
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(
        status=ErkenningStatus.ZONDER_GELDIGE_MENTOR
    )
    assert _fouten(traject, blokken=ROOSTER[:2]) == [
        f"On the start date the learner is 16; {traject.opleiding} is for ages 17 to 25.",
        "The recognition has no valid mentor at the moment.",
        "The timetable has 16,0 workplace hours a week; the agreement says 24,0.",
    ]


# The timetable annex (R62, R77).


def test_the_timetable_must_match_the_declared_workplace_hours(traject) -> None:
    assert _fouten(traject, blokken=ROOSTER[1:]) == [
        "The timetable has 16,0 workplace hours a week; the agreement says 24,0."
    ]


def _met(*extra: Blok, zonder: int | None = None) -> list[Blok]:
    rooster = [b for i, b in enumerate(ROOSTER) if i != zonder]
    return rooster + list(extra)


MINDERJARIG = {
    "nacht": (
        # On Friday: an evening followed by Tuesday 08:00 would also break the 12 hours' rest.
        [
            *ROOSTER[:4],
            Blok(5, SCHOOL, dt.time(13, 30), dt.time(20, 30)),
        ],
        "A minor may not work or learn between 20:00 and 06:00.",
    ),
    "8 uur per dag": (
        _met(Blok(1, SCHOOL, dt.time(16), dt.time(17))),
        "A minor works at most 8 hours a day, lessons included.",
    ),
    "40 uur per week": (
        [
            *ROOSTER[:3],
            Blok(4, SCHOOL, dt.time(8), dt.time(16)),
            Blok(5, SCHOOL, dt.time(8), dt.time(16)),
            Blok(6, SCHOOL, dt.time(9), dt.time(10)),
        ],
        "A minor works at most 40 hours a week, lessons included.",
    ),
}


@pytest.mark.parametrize("geval", MINDERJARIG)
def test_a_minors_timetable_is_protected(traject, geval) -> None:
    rooster, melding = MINDERJARIG[geval]
    assert _fouten(traject, blokken=rooster) == [melding]


@pytest.mark.parametrize("geval", MINDERJARIG)
def test_an_adults_timetable_is_not_held_to_the_minors_limits(traject, geval) -> None:
    rooster, _melding = MINDERJARIG[geval]
    leerling = traject.leerling(
        geboortedatum=VOLWASSEN, vertegenwoordiger_naam="", vertegenwoordiger_e_mail=""
    )
    assert traject.ontwerp(leerling, blokken=rooster).uurrooster.count() == len(rooster)


def test_a_draft_may_wait_for_its_timetable_but_cannot_be_sent_without_it(traject) -> None:
    overeenkomst = traject.ontwerp(blokken=[])
    with pytest.raises(Refused) as fout:
        overeenkomst_versturen(overeenkomst=overeenkomst, door=als(traject.coach), now=NU)
    assert fout.value.reasons == ("Fill in the timetable: it is a mandatory annex.",)
    overeenkomst.refresh_from_db()
    assert overeenkomst.status == OvereenkomstStatus.ONTWERP


def test_sending_checks_every_guard_again(traject) -> None:
    overeenkomst = traject.ontwerp()
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(status=ErkenningStatus.OPGEHEVEN)
    with pytest.raises(Refused, match="There is no running recognition"):
        overeenkomst_versturen(overeenkomst=overeenkomst, door=als(traject.coach), now=NU)


def test_only_a_coach_of_the_school_sends(traject) -> None:
    overeenkomst = traject.ontwerp()
    with pytest.raises(Refused, match="Only a trajectory coach"):
        overeenkomst_versturen(overeenkomst=overeenkomst, door=als(traject.werkgever), now=NU)


def test_an_employer_staff_member_cannot_send_either(traject) -> None:
    medewerker = lid(traject.onderneming, Rol.ONDERNEMING_MEDEWERKER)
    with pytest.raises(Refused, match="Only a trajectory coach"):
        overeenkomst_versturen(overeenkomst=traject.ontwerp(), door=als(medewerker), now=NU)
