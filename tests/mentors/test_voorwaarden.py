"""The legal conditions on a mentor at their edges (R32-R36, R34 exceptions)."""

import datetime as dt

import pytest

from mentors.constants import UitzonderingSoort, VoorwaardeStatus
from mentors.selectors import Voorwaarde, voorwaarden, voorwaarden_toewijzing
from tests.factories import MentorFactory, PartnerschapFactory, ToewijzingFactory, UittrekselFactory

from .factories import UitzonderingFactory

pytestmark = pytest.mark.django_db

AANSTELLING = dt.date(2026, 9, 1)


def _voorwaarde(mentor, code: str, *, op=AANSTELLING, **kwargs) -> Voorwaarde:
    return next(v for v in voorwaarden(mentor, op=op, **kwargs) if v.code == code)


def _van_toewijzing(toewijzing, code: str, *, op=AANSTELLING) -> Voorwaarde:
    return next(v for v in voorwaarden_toewijzing(toewijzing, op=op) if v.code == code)


# R32: at least 25 years old.


def test_it_refuses_a_mentor_the_day_before_they_turn_25() -> None:
    mentor = MentorFactory(geboortedatum=dt.date(2001, 9, 2))
    leeftijd = _voorwaarde(mentor, "leeftijd")
    assert leeftijd.status == VoorwaardeStatus.NIET_VOLDAAN and not leeftijd.in_orde
    assert "24" in leeftijd.reden


def test_it_accepts_a_mentor_on_the_day_they_turn_25() -> None:
    mentor = MentorFactory(geboortedatum=dt.date(2001, 9, 1))
    leeftijd = _voorwaarde(mentor, "leeftijd")
    assert leeftijd.status == VoorwaardeStatus.VOLDAAN and "25" in leeftijd.reden


def test_it_lets_a_29_february_child_turn_25_on_28_february() -> None:
    """duaal.termijnen.leeftijd_op: in a common year the birthday counts on 28 February."""
    mentor = MentorFactory(geboortedatum=dt.date(2000, 2, 29))
    op_27, op_28 = dt.date(2025, 2, 27), dt.date(2025, 2, 28)
    assert _voorwaarde(mentor, "leeftijd", op=op_27).status == VoorwaardeStatus.NIET_VOLDAAN
    assert _voorwaarde(mentor, "leeftijd", op=op_28).status == VoorwaardeStatus.VOLDAAN


# R34: from 23 with an exception granted by the competent partnership.


def test_it_refuses_a_23_year_old_without_an_exception_and_says_one_can_be_asked() -> None:
    mentor = MentorFactory(geboortedatum=dt.date(2003, 9, 1))
    zonder = _voorwaarde(mentor, "leeftijd")
    UitzonderingFactory(mentor=mentor, soort=UitzonderingSoort.LEEFTIJD)
    aangevraagd = _voorwaarde(mentor, "leeftijd")
    assert zonder.status == aangevraagd.status == VoorwaardeStatus.NIET_VOLDAAN
    # The reason differs once the exception has been requested.
    assert zonder.reden.startswith("23") and aangevraagd.reden != zonder.reden


def test_it_accepts_a_23_year_old_with_the_partnerships_age_exception() -> None:
    toewijzing = ToewijzingFactory(mentor__geboortedatum=dt.date(2003, 9, 1))
    UitzonderingFactory(
        toegekend=True, mentor=toewijzing.mentor, partnerschap=toewijzing.opleiding.partnerschap
    )
    leeftijd = _van_toewijzing(toewijzing, "leeftijd")
    assert leeftijd.status == VoorwaardeStatus.UITZONDERING and leeftijd.in_orde
    assert leeftijd.reden


def test_it_ignores_an_age_exception_granted_by_another_partnership() -> None:
    toewijzing = ToewijzingFactory(mentor__geboortedatum=dt.date(2003, 9, 1))
    UitzonderingFactory(
        toegekend=True, mentor=toewijzing.mentor, partnerschap=PartnerschapFactory()
    )
    assert _van_toewijzing(toewijzing, "leeftijd").status == VoorwaardeStatus.NIET_VOLDAAN


def test_it_does_not_lower_the_age_below_23_even_with_an_exception() -> None:
    toewijzing = ToewijzingFactory(mentor__geboortedatum=dt.date(2003, 9, 2))
    UitzonderingFactory(
        toegekend=True, mentor=toewijzing.mentor, partnerschap=toewijzing.opleiding.partnerschap
    )
    assert _van_toewijzing(toewijzing, "leeftijd").status == VoorwaardeStatus.NIET_VOLDAAN


def test_it_ignores_a_refused_age_exception() -> None:
    toewijzing = ToewijzingFactory(mentor__geboortedatum=dt.date(2003, 9, 1))
    UitzonderingFactory(
        geweigerd=True, mentor=toewijzing.mentor, partnerschap=toewijzing.opleiding.partnerschap
    )
    assert _van_toewijzing(toewijzing, "leeftijd").status == VoorwaardeStatus.NIET_VOLDAAN


# R33: five years of experience, or a waiver (R34).


def test_it_refuses_four_years_of_experience() -> None:
    ervaring = _voorwaarde(MentorFactory(jaren_ervaring=4), "ervaring")
    assert ervaring.status == VoorwaardeStatus.NIET_VOLDAAN and "4" in ervaring.reden


def test_it_accepts_five_years_of_experience() -> None:
    ervaring = _voorwaarde(MentorFactory(jaren_ervaring=5), "ervaring")
    assert ervaring.status == VoorwaardeStatus.VOLDAAN and "5" in ervaring.reden


def test_it_accepts_little_experience_with_the_partnerships_waiver() -> None:
    toewijzing = ToewijzingFactory(mentor__onervaren=True)
    UitzonderingFactory(
        toegekend=True,
        soort=UitzonderingSoort.ERVARING,
        mentor=toewijzing.mentor,
        partnerschap=toewijzing.opleiding.partnerschap,
    )
    ervaring = _van_toewijzing(toewijzing, "ervaring")
    assert ervaring.status == VoorwaardeStatus.UITZONDERING and ervaring.reden


def test_an_age_exception_does_not_waive_experience() -> None:
    toewijzing = ToewijzingFactory(mentor__onervaren=True)
    UitzonderingFactory(
        toegekend=True, mentor=toewijzing.mentor, partnerschap=toewijzing.opleiding.partnerschap
    )
    assert _van_toewijzing(toewijzing, "ervaring").status == VoorwaardeStatus.NIET_VOLDAAN


# R35-R36: a 596.2 extract issued at most one year before the designation.


def test_it_accepts_an_extract_issued_exactly_one_year_before_the_designation() -> None:
    mentor = UittrekselFactory(uitgereikt_op=dt.date(2025, 9, 1)).mentor
    uittreksel = _voorwaarde(mentor, "uittreksel", aanstelling=AANSTELLING)
    assert uittreksel.status == VoorwaardeStatus.VOLDAAN and "01/09/2025" in uittreksel.reden


def test_it_refuses_an_extract_issued_one_year_and_one_day_before() -> None:
    mentor = UittrekselFactory(uitgereikt_op=dt.date(2025, 8, 31)).mentor
    uittreksel = _voorwaarde(mentor, "uittreksel", aanstelling=AANSTELLING)
    assert uittreksel.status == VoorwaardeStatus.NIET_VOLDAAN
    assert "31/08/2025" in uittreksel.reden and "01/09/2026" in uittreksel.reden


def test_it_accepts_an_extract_requested_after_the_designation() -> None:
    """The usual order is designate, then ask the municipality: a newer extract counts (R36)."""
    mentor = UittrekselFactory(uitgereikt_op=dt.date(2026, 9, 2)).mentor
    uittreksel = _voorwaarde(mentor, "uittreksel", op=dt.date(2026, 9, 10), aanstelling=AANSTELLING)
    assert uittreksel.status == VoorwaardeStatus.VOLDAAN and "02/09/2026" in uittreksel.reden


def test_it_says_when_the_partnership_has_not_checked_the_extract_yet() -> None:
    mentor = UittrekselFactory(uitgereikt_op=dt.date(2026, 8, 2)).mentor
    uittreksel = _voorwaarde(mentor, "uittreksel", aanstelling=AANSTELLING)
    assert "Nog niet gecontroleerd door het partnerschap." in uittreksel.reden


def test_it_refuses_a_mentor_without_an_extract() -> None:
    uittreksel = _voorwaarde(MentorFactory(), "uittreksel")
    assert uittreksel.status == VoorwaardeStatus.NIET_VOLDAAN and uittreksel.reden


def test_it_judges_the_extract_against_the_designation_date_not_today() -> None:
    toewijzing = ToewijzingFactory(aangesteld_op=AANSTELLING)
    UittrekselFactory(mentor=toewijzing.mentor, uitgereikt_op=dt.date(2026, 8, 1))
    # Three years later the extract still supported the designation it was uploaded for.
    later = dt.date(2029, 9, 1)
    assert _van_toewijzing(toewijzing, "uittreksel", op=later).status == VoorwaardeStatus.VOLDAAN


def test_a_designation_on_29_february_accepts_an_extract_of_28_february() -> None:
    """Observed: one year before 29/02/2028 is 28/02/2027 (relativedelta), so it is met."""
    mentor = UittrekselFactory(uitgereikt_op=dt.date(2027, 2, 28)).mentor
    schrikkeldag = dt.date(2028, 2, 29)
    met_28 = _voorwaarde(mentor, "uittreksel", op=schrikkeldag)
    assert met_28.status == VoorwaardeStatus.VOLDAAN
    te_oud = UittrekselFactory(uitgereikt_op=dt.date(2027, 2, 27)).mentor
    assert (
        _voorwaarde(te_oud, "uittreksel", op=schrikkeldag).status == VoorwaardeStatus.NIET_VOLDAAN
    )


def test_every_condition_has_a_status_and_a_reason() -> None:
    for mentor in (MentorFactory(), MentorFactory(jong=True, onervaren=True)):
        gevonden = voorwaarden(mentor, op=AANSTELLING)
        assert [v.code for v in gevonden] == ["leeftijd", "ervaring", "uittreksel"]
        assert all(v.status in VoorwaardeStatus.values and v.reden and v.naam for v in gevonden)


def test_the_reason_only_mentions_a_request_pending_at_the_competent_partnership() -> None:
    toewijzing = ToewijzingFactory(mentor__geboortedatum=dt.date(2003, 9, 1))
    zonder_aanvraag = _van_toewijzing(toewijzing, "leeftijd").reden
    UitzonderingFactory(mentor=toewijzing.mentor, partnerschap=PartnerschapFactory())
    assert _van_toewijzing(toewijzing, "leeftijd").reden == zonder_aanvraag
