"""Training days (R48): weekdays that are neither a Belgian public holiday nor a school-holiday
day; the learner's agreement is due on the 20th training day from the start of lessons."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from duaal.kalender.models import Schoolvakantie
from duaal.termijnen import is_opleidingsdag, na_opleidingsdagen, opleidingsdagen_tussen

pytestmark = pytest.mark.django_db


@pytest.fixture
def herfstvakantie(db) -> Schoolvakantie:
    return Schoolvakantie.objects.create(
        naam="Herfstvakantie", van=dt.date(2026, 10, 26), tot=dt.date(2026, 11, 8)
    )


def test_weekends_are_no_training_days() -> None:
    # Friday 16 October 2026 is day 1; the next training day is Monday 19 October.
    assert na_opleidingsdagen(dt.date(2026, 10, 16), 2) == dt.date(2026, 10, 19)


def test_a_start_on_a_saturday_counts_from_the_monday() -> None:
    assert na_opleidingsdagen(dt.date(2026, 10, 17), 1) == dt.date(2026, 10, 19)


def test_armistice_day_is_no_training_day() -> None:
    # 11 November 2026 (Wapenstilstand) is a Wednesday.
    assert na_opleidingsdagen(dt.date(2026, 11, 9), 3) == dt.date(2026, 11, 12)
    assert opleidingsdagen_tussen(dt.date(2026, 11, 9), dt.date(2026, 11, 13)) == 4


def test_school_holiday_days_are_no_training_days(herfstvakantie) -> None:
    assert na_opleidingsdagen(dt.date(2026, 10, 23), 2) == dt.date(2026, 11, 9)
    assert opleidingsdagen_tussen(dt.date(2026, 10, 26), dt.date(2026, 11, 8)) == 0


def test_a_learner_must_have_an_agreement_by_the_20th_training_day(traject, herfstvakantie) -> None:
    # 12-23 Oct: 10 days; autumn holiday; 9, 10, 12, 13 Nov (11 Nov is a public holiday): 14;
    # 16-20 Nov: 19; Monday 23 November: the 20th.
    leerling = traject.leerling(start_lessen=dt.date(2026, 10, 12))
    assert leerling.overeenkomst_uiterlijk == dt.date(2026, 11, 23)
    assert opleidingsdagen_tussen(dt.date(2026, 10, 12), dt.date(2026, 11, 23)) == 20
    assert opleidingsdagen_tussen(dt.date(2026, 10, 12), dt.date(2026, 11, 20)) == 19


def test_without_holidays_the_20th_training_day_of_september_2026_is_the_28th(traject) -> None:
    assert traject.leerling().overeenkomst_uiterlijk == dt.date(2026, 9, 28)


def test_counting_backwards_gives_nothing() -> None:
    assert opleidingsdagen_tussen(dt.date(2026, 10, 2), dt.date(2026, 10, 1)) == 0


@pytest.fixture
def schooljaar(db) -> None:
    """Holidays around the dates hypothesis draws, including back-to-back ones."""
    for naam, van, tot in [
        ("Herfstvakantie", dt.date(2026, 10, 26), dt.date(2026, 11, 8)),
        ("Kerstvakantie", dt.date(2026, 12, 21), dt.date(2027, 1, 3)),
        ("Krokusvakantie", dt.date(2027, 2, 8), dt.date(2027, 2, 21)),
        ("Paasvakantie", dt.date(2027, 3, 29), dt.date(2027, 4, 11)),
        ("Zomervakantie", dt.date(2027, 7, 3), dt.date(2027, 8, 29)),
        ("Extra vrije dag", dt.date(2027, 8, 30), dt.date(2027, 8, 30)),
    ]:
        Schoolvakantie.objects.create(naam=naam, van=van, tot=tot)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    start=st.dates(min_value=dt.date(2026, 8, 1), max_value=dt.date(2027, 12, 31)),
    aantal=st.integers(min_value=1, max_value=40),
)
@example(start=dt.date(2026, 10, 12), aantal=20)  # across the autumn holiday and 11 November
@example(start=dt.date(2026, 12, 19), aantal=20)  # a Saturday before the Christmas holiday
@example(start=dt.date(2027, 6, 14), aantal=20)  # into the summer holiday
def test_the_nth_training_day_is_one_and_exactly_n_lie_up_to_it(schooljaar, start, aantal):
    uiterlijk = na_opleidingsdagen(start, aantal)
    vakantie = {
        v.van + dt.timedelta(days=i)
        for v in Schoolvakantie.objects.all()
        for i in range((v.tot - v.van).days + 1)
    }
    assert uiterlijk >= start
    assert is_opleidingsdag(uiterlijk, vakantie)
    assert opleidingsdagen_tussen(start, uiterlijk) == aantal
