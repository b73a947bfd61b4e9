"""Every legal term is computed by one function from its rule as data (duaal/termijnen):
across a weekend, a Belgian public holiday, New Year and a school holiday; and the services
that start a clock store what that function gives."""

import datetime as dt

import pytest

from duaal.accounts.constants import Rol
from duaal.kalender.models import Schoolvakantie
from duaal.termijnen import (
    BEROEP,
    BEROEP_ONTVANGST,
    BESLISSING,
    GELDIGHEID,
    HERNIEUWING_HERINNERING,
    MENTOROPLEIDING,
    MENTOROPLEIDING_PLANNEN,
    OVEREENKOMST_DUUR,
    OVEREENKOMST_SLUITEN,
    OVEREENKOMST_SLUITEN_HERINNERING,
    TERMIJNEN,
    Kennisgeving,
    einde,
    ontvangen_op,
)
from erkenning.dashboard import platform_secties
from erkenning.services import (
    aanvraag_afwijzen,
    beroep_indienen,
    erkenning_opheffen,
    kan_beroep_indienen,
)
from mentors.services import mentoropleiding_starten
from tests.erkenning.conftest import maak_plaats
from tests.erkenning.factories import ErkenningFactory
from tests.erkenning.helpers import volledig
from tests.factories import DepartementFactory, MembershipFactory, MentorFactory
from tests.support import als, moment

D = dt.date


def _beroep_tot(beslist: dt.date, **kwargs) -> dt.date:
    return einde(BEROEP, ontvangen_op(beslist, **kwargs))


# The appeal term (R27): 10 days from receipt, a last day off work moves to the next working day.


@pytest.mark.parametrize(
    ("beslist", "tot"),
    [
        (D(2026, 12, 24), D(2027, 1, 4)),  # 3 January 2027 is a Sunday (New Year week)
        (D(2026, 12, 15), D(2026, 12, 28)),  # Christmas, a Friday, then the weekend
        (D(2027, 3, 19), D(2027, 3, 30)),  # Easter Monday
        (D(2028, 8, 5), D(2028, 8, 16)),  # 15 August, a Tuesday
        (D(2027, 10, 22), D(2027, 11, 2)),  # 1 November, a Monday
        (D(2027, 7, 1), D(2027, 7, 12)),  # 11 July 2027 is a Sunday
        (D(2028, 7, 1), D(2028, 7, 11)),  # 11 July is no Belgian public holiday: no move
        (D(2026, 10, 6), D(2026, 10, 16)),  # an ordinary Friday
    ],
)
def test_the_appeal_term_ends_on_a_working_day(beslist, tot) -> None:
    assert _beroep_tot(beslist) == tot


def test_a_notice_in_the_portal_counts_as_received_the_day_it_is_made_available() -> None:
    assert ontvangen_op(D(2026, 12, 24)) == D(2026, 12, 24)


def test_a_notice_by_post_counts_as_received_on_the_third_working_day() -> None:
    # Christmas and the weekend are no working days: Monday 28, Tuesday 29, Wednesday 30.
    assert ontvangen_op(D(2026, 12, 24), wijze=Kennisgeving.POST) == D(2026, 12, 30)
    # 9 January 2027 is a Saturday.
    assert _beroep_tot(D(2026, 12, 24), wijze=Kennisgeving.POST) == D(2027, 1, 11)


def test_the_readings_come_from_settings_when_given(settings) -> None:
    settings.TERMIJN_INTERPRETATIES = [
        {
            "geldig_vanaf": "2019-09-01",
            "verschoven": [],
            "ontvangst_portaal_dagen": 1,
            "ontvangst_post_werkdagen": 3,
        }
    ]
    assert ontvangen_op(D(2026, 12, 23)) == D(2026, 12, 24)
    assert _beroep_tot(D(2026, 12, 23)) == D(2027, 1, 3)  # a Sunday, not moved


def test_a_later_reading_applies_only_to_terms_starting_after_it(settings) -> None:
    eerst = {"verschoven": ["beroep"], "ontvangst_portaal_dagen": 0, "ontvangst_post_werkdagen": 3}
    settings.TERMIJN_INTERPRETATIES = [
        {**eerst, "geldig_vanaf": "2019-09-01"},
        {**eerst, "geldig_vanaf": "2027-01-01", "verschoven": []},
    ]
    assert _beroep_tot(D(2026, 12, 24)) == D(2027, 1, 4)
    assert _beroep_tot(D(2027, 3, 19)) == D(2027, 3, 29)  # Easter Monday, not moved


# Terms that do not move: calendar days end on their last day, whatever day it is.


@pytest.mark.parametrize(
    ("volledig_op", "tot"),
    [
        (D(2026, 12, 20), D(2027, 1, 3)),  # a Sunday
        (D(2026, 12, 11), D(2026, 12, 25)),  # Christmas
        (D(2027, 3, 15), D(2027, 3, 29)),  # Easter Monday
        (D(2026, 12, 18), D(2027, 1, 1)),  # New Year
    ],
)
def test_the_decision_term_counts_14_calendar_days_and_never_moves(volledig_op, tot) -> None:
    assert einde(BESLISSING, volledig_op) == tot


def test_receipt_of_an_appeal_is_confirmed_within_10_calendar_days() -> None:
    assert einde(BEROEP_ONTVANGST, D(2026, 12, 22)) == D(2027, 1, 1)  # New Year, not moved


def test_a_recognition_runs_five_years_to_the_same_date() -> None:
    assert einde(GELDIGHEID, D(2026, 11, 7)) == D(2031, 11, 7)  # a Friday
    assert einde(GELDIGHEID, D(2026, 11, 1)) == D(2031, 11, 1)  # a Saturday: no move
    assert einde(GELDIGHEID, D(2028, 2, 29)) == D(2033, 2, 28)


def test_a_renewal_reminder_window_counts_calendar_days() -> None:
    assert einde(HERNIEUWING_HERINNERING, D(2026, 12, 2), lengte=30) == D(2027, 1, 1)


def test_an_agreement_runs_at_most_36_months() -> None:
    assert einde(OVEREENKOMST_DUUR, D(2026, 9, 1)) == D(2029, 9, 1)


# The mentor-training deadlines (R37-R38): months, moved off weekends and public holidays.


@pytest.mark.parametrize(
    ("termijn", "vanaf", "maanden", "tot"),
    [
        (MENTOROPLEIDING, D(2026, 7, 1), 6, D(2027, 1, 4)),  # New Year, then the weekend
        (MENTOROPLEIDING, D(2026, 11, 11), 12, D(2027, 11, 12)),  # Armistice Day, a Thursday
        (MENTOROPLEIDING_PLANNEN, D(2026, 5, 15), 3, D(2026, 8, 17)),  # 15 August, a Saturday
        (MENTOROPLEIDING_PLANNEN, D(2026, 12, 29), 3, D(2027, 3, 30)),  # Easter Monday
    ],
)
def test_the_mentor_training_deadline_moves_to_the_next_working_day(
    termijn, vanaf, maanden, tot
) -> None:
    assert einde(termijn, vanaf, lengte=maanden) == tot


def test_every_term_names_its_source_and_start() -> None:
    for termijn in TERMIJNEN:
        assert termijn.bron == "interpretation" or termijn.bron.startswith("R")
        assert termijn.startmoment


# Training days (R48): the start day is day 1; school holidays and public holidays do not count.


@pytest.fixture
def kerstvakantie(db) -> None:
    Schoolvakantie.objects.create(naam="Kerstvakantie", van=D(2026, 12, 21), tot=D(2027, 1, 3))


def test_the_agreement_window_skips_the_school_holiday(kerstvakantie) -> None:
    # 14-18 December (5), 4-8 January (10), 11-15 (15), 18-22 (20).
    assert einde(OVEREENKOMST_SLUITEN, D(2026, 12, 14)) == D(2027, 1, 22)


def test_the_window_after_an_early_end_starts_the_next_training_day(kerstvakantie) -> None:
    # The agreement's last day was Friday 18 December; day 1 is Monday 4 January.
    assert einde(OVEREENKOMST_SLUITEN, D(2026, 12, 19)) == D(2027, 1, 29)


def test_the_coach_is_reminded_five_training_days_ahead(kerstvakantie) -> None:
    assert einde(OVEREENKOMST_SLUITEN_HERINNERING, D(2026, 12, 17)) == D(2027, 1, 6)


def test_easter_monday_is_no_training_day(db) -> None:
    # 22-26 March (5), Easter Monday 29 March skipped, 30 March is day 6.
    assert einde(OVEREENKOMST_SLUITEN, D(2027, 3, 22), lengte=6) == D(2027, 3, 30)


# The services store what the one function gives.


@pytest.mark.django_db
def test_a_refusal_on_24_december_can_be_appealed_until_monday_4_january(
    mailoutbox, django_capture_on_commit_callbacks
) -> None:
    plaats = maak_plaats()
    aanvraag = volledig(plaats, now=moment(D(2026, 12, 10)))
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag = aanvraag_afwijzen(
            aanvraag=aanvraag,
            motivering="Uitrusting ontbreekt.",
            door=als(plaats.consulent),
            now=moment(D(2026, 12, 24)),
        )
    assert aanvraag.kennisgeving_ontvangen_op == D(2026, 12, 24)
    assert aanvraag.beroep_uiterlijk_op == D(2027, 1, 4)
    tekst = next(m.body for m in mailoutbox if plaats.werkgever.email in m.to)
    assert "24/12/2026" in tekst and "04/01/2027" in tekst
    werkgever = als(plaats.werkgever)
    assert kan_beroep_indienen(aanvraag, door=werkgever, now=moment(D(2027, 1, 4))).allowed
    assert not kan_beroep_indienen(aanvraag, door=werkgever, now=moment(D(2027, 1, 5))).allowed


@pytest.mark.django_db
def test_the_refusal_page_shows_the_receipt_and_the_appeal_deadline(client) -> None:
    plaats = maak_plaats()
    aanvraag = aanvraag_afwijzen(
        aanvraag=volledig(plaats, now=moment(D(2026, 12, 10))),
        motivering="Uitrusting ontbreekt.",
        door=als(plaats.consulent),
        now=moment(D(2026, 12, 24)),
    )
    client.force_login(plaats.werkgever)
    html = client.get(aanvraag.get_absolute_url()).content.decode()
    kennisgeving = html.split('data-testid="kennisgeving"')[1].split("</p>")[0]
    assert "24/12/2026" in kennisgeving and "04/01/2027" in kennisgeving


@pytest.mark.django_db
def test_the_decision_term_of_a_file_complete_on_20_december_ends_on_sunday_3_january() -> None:
    aanvraag = volledig(maak_plaats(), now=moment(D(2026, 12, 20)))
    assert aanvraag.beslissing_uiterlijk_op == D(2027, 1, 3)


@pytest.mark.django_db
def test_a_sanction_imposed_on_24_december_can_be_appealed_until_4_january() -> None:
    plaats = maak_plaats()
    erkenning = ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    sanctie = erkenning_opheffen(
        erkenning=erkenning,
        motivering="Herhaalde klachten.",
        door=als(plaats.beheerder),
        now=moment(D(2026, 12, 24)),
    )
    sanctie.refresh_from_db()
    assert sanctie.kennisgeving_ontvangen_op == D(2026, 12, 24)
    assert sanctie.beroep_uiterlijk_op == D(2027, 1, 4)


@pytest.mark.django_db
def test_a_mentor_training_clock_started_on_1_july_ends_on_monday_4_january() -> None:
    plaats = maak_plaats(mentoropleiding_termijn_maanden=6, mentoropleiding_plannen_maanden=3)
    opleiding = mentoropleiding_starten(
        mentor=MentorFactory(onderneming=plaats.onderneming),
        partnerschap=plaats.opleiding.partnerschap,
        vanaf=D(2026, 7, 1),
    )
    assert opleiding.voltooien_uiterlijk_op == D(2027, 1, 4)
    assert opleiding.plannen_uiterlijk_op == D(2026, 10, 1)


@pytest.mark.django_db
def test_the_coordinator_sees_by_when_to_confirm_receipt_of_an_appeal() -> None:
    plaats = maak_plaats()
    aanvraag = aanvraag_afwijzen(
        aanvraag=volledig(plaats, now=moment(D(2026, 12, 10))),
        motivering="Uitrusting ontbreekt.",
        door=als(plaats.consulent),
        now=moment(D(2026, 12, 18)),
    )
    beroep_indienen(
        onderwerp=aanvraag,
        motivering="De uitrusting is vernieuwd.",
        door=als(plaats.werkgever),
        now=moment(D(2026, 12, 22)),
    )
    coordinator = MembershipFactory(organisatie=DepartementFactory(), rol=Rol.PLATFORMBEHEERDER)
    (sectie,) = platform_secties(als(coordinator.user), moment(D(2026, 12, 23)))
    # 10 calendar days after Tuesday 22 December: New Year's Day, not moved (R29).
    assert "01/01/2027" in sectie.punten[0].toelichting


def test_a_misspelt_term_in_the_settings_fails_loudly(settings) -> None:
    settings.TERMIJN_INTERPRETATIES = [
        {
            "geldig_vanaf": "2019-09-01",
            "verschoven": ["berop"],
            "ontvangst_portaal_dagen": 0,
            "ontvangst_post_werkdagen": 3,
        }
    ]
    with pytest.raises(ValueError, match="berop"):
        ontvangen_op(D(2026, 12, 24))
