"""Learners: registration (R44, R59), screening (R46-R47) and the match with a workplace (R48).
Only a trajectory coach of the learner's school registers and acts."""

import datetime as dt

import pytest

from django.utils import translation

from duaal.accounts.constants import Rol
from duaal.workflow import Refused
from overeenkomsten.constants import Advies, AdviesDoor, LeerlingStatus
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling
from overeenkomsten.services import (
    LeerlingGegevens,
    leerling_goedkeuren,
    leerling_naar_aanloopfase,
    leerling_registreren,
    leerling_screenen,
    leerling_stoppen,
    leerling_werkplek_goedkeuren,
    leerling_werkplek_loslaten,
    leerling_wijzigen,
)
from tests.factories import OnderwijsinstellingFactory, insz

from .conftest import NU, VANDAAG, als, gegevens, lid, verbs

pytestmark = pytest.mark.django_db

NIET_COACH = "Only a trajectory coach of the learner's school can do this."


def _registreren(traject, door=None, school=None, **kwargs) -> Leerling:
    return leerling_registreren(
        onderwijsinstelling=school or traject.school,
        gegevens=gegevens(traject.opleiding, **kwargs),
        door=als(door or traject.coach),
        now=NU,
    )


def _aangemeld(traject, **kwargs) -> Leerling:
    return _registreren(traject, **kwargs)


def _geweigerd(traject, verwacht: type[Exception] = OvereenkomstFout, **kwargs) -> str:
    """The message of a refused registration: the data (OvereenkomstFout) or the guard
    (Refused: who may register)."""
    with pytest.raises(verwacht) as fout:
        _registreren(traject, **kwargs)
    assert not Leerling.objects.exists()
    return str(fout.value)


# Registration (R44, R59).


def test_a_coach_registers_a_learner_whose_window_starts_with_the_lessons(traject) -> None:
    leerling = _registreren(traject)
    assert (leerling.status, leerling.trajectbegeleider) == (
        LeerlingStatus.AANGEMELD,
        traject.coach,
    )
    assert leerling.overeenkomst_uiterlijk == dt.date(2026, 9, 28)
    assert verbs(leerling) == ["leerling.geregistreerd"]


def test_an_invalid_insz_is_refused_in_english(traject) -> None:
    assert _geweigerd(traject, insz="10031504199") == (
        "This is not a valid national register or BIS number (INSZ). Use the 11 digits on the "
        "identity card, e.g. 85.07.30-033.28."
    )


def test_an_invalid_insz_is_refused_in_dutch(traject) -> None:
    with translation.override("nl"):
        melding = _geweigerd(traject, insz="10031504199")
    assert melding.startswith("Dit is geen geldig rijksregisternummer of BIS-nummer (INSZ).")


def test_a_formatted_insz_is_stored_as_its_11_digits(traject) -> None:
    nummer = insz(dt.date(2010, 3, 15), 41)
    leerling = _registreren(
        traject, insz=f"{nummer[:2]}.{nummer[2:4]}.{nummer[4:6]}-{nummer[6:9]}.{nummer[9:]}"
    )
    assert leerling.insz == nummer


def test_the_date_of_birth_must_match_the_insz(traject) -> None:
    melding = _geweigerd(
        traject, insz=insz(dt.date(2010, 3, 15), 41), geboortedatum=dt.date(2010, 3, 16)
    )
    assert melding == "The date of birth does not match the INSZ."


@pytest.mark.parametrize(
    "geboortedatum",
    # Registered on 14 September, after lessons started: 14 and 26 on that day.
    [dt.date(2011, 9, 15), dt.date(2000, 9, 14)],
    ids=["14", "26"],
)
def test_learners_are_15_to_25(traject, geboortedatum) -> None:
    melding = _geweigerd(traject, geboortedatum=geboortedatum)
    assert melding == "Dual learning is for learners aged 15 to 25."


@pytest.mark.parametrize(
    "geboortedatum",
    [dt.date(2011, 9, 14), dt.date(2000, 9, 15)],  # 15 today; 25, 26 tomorrow
    ids=["15", "25"],
)
def test_the_age_limits_themselves_are_allowed(traject, geboortedatum) -> None:
    assert _registreren(traject, geboortedatum=geboortedatum).geboortedatum == geboortedatum


def test_a_learner_turning_15_before_lessons_start_may_register_now(traject) -> None:
    leerling = _registreren(
        traject, geboortedatum=dt.date(2011, 9, 20), start_lessen=dt.date(2026, 10, 1)
    )
    assert leerling.start_lessen == dt.date(2026, 10, 1)


@pytest.mark.parametrize("veld", ["vertegenwoordiger_naam", "vertegenwoordiger_e_mail"])
def test_a_minor_needs_the_legal_representative(traject, veld) -> None:
    melding = _geweigerd(traject, **{veld: ""})
    assert melding == (
        "The learner is a minor: give the name and e-mail address of the legal representative, "
        "who approves the agreement too."
    )


def test_an_adult_needs_no_legal_representative(traject) -> None:
    leerling = _registreren(
        traject,
        geboortedatum=dt.date(2006, 5, 2),
        vertegenwoordiger_naam="",
        vertegenwoordiger_e_mail="",
    )
    assert leerling.vertegenwoordiger_e_mail == ""


def test_the_same_insz_twice_at_one_school_is_refused(traject) -> None:
    _registreren(traject)
    with pytest.raises(OvereenkomstFout) as fout:
        _registreren(traject, e_mail="ander@leerling.example")
    assert str(fout.value) == "This learner is already registered at your school."
    assert Leerling.objects.count() == 1


def test_the_same_learner_may_be_registered_at_another_school(traject) -> None:
    _registreren(traject)
    andere = OnderwijsinstellingFactory()
    _registreren(traject, school=andere, door=lid(andere, Rol.TRAJECTBEGELEIDER))
    assert Leerling.objects.count() == 2


def test_a_coach_of_another_school_cannot_register_here(traject) -> None:
    ander = lid(OnderwijsinstellingFactory(), Rol.TRAJECTBEGELEIDER)
    assert _geweigerd(traject, verwacht=Refused, door=ander) == NIET_COACH


def test_an_employer_cannot_register_a_learner(traject) -> None:
    assert _geweigerd(traject, verwacht=Refused, door=traject.werkgever) == NIET_COACH


@pytest.mark.parametrize("wie", ["ander", "werkgever"])
def test_only_a_coach_of_the_school_acts_on_its_learner(traject, wie) -> None:
    leerling = _aangemeld(traject)
    door = (
        traject.werkgever
        if wie == "werkgever"
        else lid(OnderwijsinstellingFactory(), Rol.TRAJECTBEGELEIDER)
    )
    with pytest.raises(Refused, match=NIET_COACH):
        leerling_goedkeuren(leerling=leerling, door=als(door), now=NU)
    with pytest.raises(Refused, match=NIET_COACH):
        leerling_wijzigen(
            leerling=leerling,
            gegevens=LeerlingGegevens.van(leerling).met(voornaam="X"),
            door=als(door),
            now=NU,
        )
    leerling.refresh_from_db()
    assert (leerling.status, leerling.voornaam) == (LeerlingStatus.AANGEMELD, "Lotte")


def test_a_second_coach_of_the_same_school_may_act(traject) -> None:
    leerling = _aangemeld(traject)
    collega = lid(traject.school, Rol.TRAJECTBEGELEIDER)
    leerling = leerling_goedkeuren(leerling=leerling, door=als(collega), now=NU)
    assert leerling.status == LeerlingStatus.GOEDGEKEURD


def test_a_later_start_of_lessons_moves_the_window_and_the_audit_names_only_fields(
    traject,
) -> None:
    leerling = _aangemeld(traject)
    leerling = leerling_wijzigen(
        leerling=leerling,
        gegevens=LeerlingGegevens.van(leerling).met(start_lessen=dt.date(2026, 9, 7)),
        door=als(traject.coach),
        now=NU,
    )
    assert leerling.overeenkomst_uiterlijk == dt.date(2026, 10, 2)
    gewijzigd = leerling_wijzigen(
        leerling=leerling,
        gegevens=LeerlingGegevens.van(leerling).met(voornaam="Lot"),
        door=als(traject.coach),
        now=NU,
    )
    assert gewijzigd.overeenkomst_uiterlijk == dt.date(2026, 10, 2)
    from duaal.audit.models import Event

    laatste = Event.objects.filter(verb="leerling.gewijzigd").order_by("id").last()
    assert laatste.after == {"velden": ["voornaam"]}


# Screening (R46-R47).


def test_a_negative_advice_does_not_block_approval(traject) -> None:
    leerling = _aangemeld(traject)
    leerling = leerling_screenen(
        leerling=leerling,
        advies=Advies.NEGATIEF,
        advies_door=AdviesDoor.KLASSENRAAD,
        toelichting="Nog weinig motivatie getoond.",
        door=als(traject.coach),
        now=NU,
    )
    leerling = leerling_goedkeuren(leerling=leerling, door=als(traject.coach), now=NU)
    assert (leerling.advies, leerling.status) == (Advies.NEGATIEF, LeerlingStatus.GOEDGEKEURD)
    assert verbs(leerling) == [
        "leerling.geregistreerd",
        "leerling.advies",
        "leerling.goedgekeurd",
    ]


def test_an_advice_must_say_who_gave_it(traject) -> None:
    leerling = _aangemeld(traject)
    with pytest.raises(OvereenkomstFout, match="Say what the advice is and who gave it."):
        leerling_screenen(
            leerling=leerling,
            advies=Advies.POSITIEF,
            advies_door="",
            toelichting="",
            door=als(traject.coach),
            now=NU,
        )


def test_a_willing_learner_not_yet_ready_goes_to_the_preparatory_phase_first(traject) -> None:
    leerling = _aangemeld(traject)
    leerling = leerling_naar_aanloopfase(leerling=leerling, door=als(traject.coach), now=NU)
    assert leerling.status == LeerlingStatus.AANLOOPFASE
    leerling = leerling_goedkeuren(leerling=leerling, door=als(traject.coach), now=NU)
    assert leerling.status == LeerlingStatus.GOEDGEKEURD
    assert verbs(leerling)[-2:] == ["leerling.aanloopfase", "leerling.goedgekeurd"]


def test_approving_an_approved_learner_again_names_the_status(traject) -> None:
    leerling = leerling_goedkeuren(leerling=_aangemeld(traject), door=als(traject.coach), now=NU)
    with pytest.raises(Refused) as fout:
        leerling_goedkeuren(leerling=leerling, door=als(traject.coach), now=NU)
    assert str(fout.value) == (
        "Not possible while the status is “Approved for dual learning: looking for a workplace”."
    )


def test_a_workplace_needs_an_approved_learner(traject) -> None:
    with pytest.raises(Refused, match="First approve the learner for dual learning."):
        leerling_werkplek_goedkeuren(
            leerling=_aangemeld(traject),
            vestiging=traject.vestiging,
            intake_op=VANDAAG,
            door=als(traject.coach),
            now=NU,
        )


def test_the_intake_interview_cannot_lie_in_the_future(traject) -> None:
    traject.machtigt()  # the employer consents: the guard passes, the date is refused
    leerling = leerling_goedkeuren(leerling=_aangemeld(traject), door=als(traject.coach), now=NU)
    with pytest.raises(OvereenkomstFout, match="The intake interview cannot be in the future."):
        leerling_werkplek_goedkeuren(
            leerling=leerling,
            vestiging=traject.vestiging,
            intake_op=VANDAAG + dt.timedelta(days=1),
            door=als(traject.coach),
            now=NU,
        )


def test_a_match_that_falls_through_puts_the_learner_back_to_looking(traject) -> None:
    leerling = leerling_werkplek_loslaten(
        leerling=traject.leerling(), door=als(traject.coach), now=NU
    )
    assert (leerling.status, leerling.werkplek, leerling.intake_op) == (
        LeerlingStatus.GOEDGEKEURD,
        None,
        None,
    )


def test_a_stopped_learner_has_no_window_and_cannot_come_back(traject) -> None:
    leerling = leerling_stoppen(
        leerling=_aangemeld(traject),
        reden="Kiest voltijds onderwijs.",
        door=als(traject.coach),
        now=NU,
    )
    assert (leerling.status, leerling.overeenkomst_uiterlijk) == (LeerlingStatus.GESTOPT, None)
    with pytest.raises(Refused, match="“Stopped the dual training”"):
        leerling_goedkeuren(leerling=leerling, door=als(traject.coach), now=NU)


def test_a_learner_with_a_signed_agreement_cannot_stop(traject) -> None:
    overeenkomst = traject.ondertekend()
    with pytest.raises(Refused, match="End the running agreement first."):
        leerling_stoppen(leerling=overeenkomst.leerling, reden="", door=als(traject.coach), now=NU)
