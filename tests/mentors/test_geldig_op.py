"""The SQL form of a designation's validity (for sweeps over many places, R43) agrees with
`toewijzing_is_geldig` case by case, edges of R32-R36 included."""

import datetime as dt

import pytest

from mentors.constants import UitzonderingSoort
from mentors.models import MentorToewijzing
from mentors.selectors import geldig_op, toewijzing_is_geldig
from tests.factories import ToewijzingFactory, UittrekselFactory

from .factories import UitzonderingFactory

pytestmark = pytest.mark.django_db

OP = dt.date(2026, 10, 1)


def _toewijzing(
    *,
    geboren: dt.date = dt.date(1980, 4, 12),
    ervaring: int = 10,
    aangesteld: dt.date = dt.date(2026, 9, 1),
    uittreksel: dt.date | None = dt.date(2026, 8, 1),
    uitzondering: str | None = None,
    elders: bool = False,
    toegekend: bool = True,
    **kwargs,
) -> MentorToewijzing:
    toewijzing = ToewijzingFactory(
        mentor__geboortedatum=geboren,
        mentor__jaren_ervaring=ervaring,
        aangesteld_op=aangesteld,
        **({"aanvaard": True} | kwargs),
    )
    if uittreksel is not None:
        UittrekselFactory(mentor=toewijzing.mentor, uitgereikt_op=uittreksel)
    if uitzondering is not None:
        UitzonderingFactory(
            mentor=toewijzing.mentor,
            soort=uitzondering,
            toegekend=toegekend,
            **({} if elders else {"partnerschap": toewijzing.opleiding.partnerschap}),
        )
    return toewijzing


LEEFTIJD, ERVARING = UitzonderingSoort.LEEFTIJD, UitzonderingSoort.ERVARING
GEVALLEN = {
    "valid": ({}, OP),
    "proposed": ({"aanvaard": False}, OP),
    "inactive": ({"actief": False}, OP),
    "25 today": ({"geboren": dt.date(2001, 10, 1)}, OP),
    "25 tomorrow": ({"geboren": dt.date(2001, 10, 2)}, OP),
    "24 with exception": ({"geboren": dt.date(2002, 6, 1), "uitzondering": LEEFTIJD}, OP),
    "24, exception elsewhere": (
        {"geboren": dt.date(2002, 6, 1), "uitzondering": LEEFTIJD, "elders": True},
        OP,
    ),
    "24, exception requested": (
        {"geboren": dt.date(2002, 6, 1), "uitzondering": LEEFTIJD, "toegekend": False},
        OP,
    ),
    "22 with exception": ({"geboren": dt.date(2004, 6, 1), "uitzondering": LEEFTIJD}, OP),
    "born 29 February, day before": ({"geboren": dt.date(2000, 2, 29)}, dt.date(2025, 2, 27)),
    "born 29 February, 28 February": ({"geboren": dt.date(2000, 2, 29)}, dt.date(2025, 2, 28)),
    "born 29 February, 1 March": ({"geboren": dt.date(2000, 2, 29)}, dt.date(2025, 3, 1)),
    "inexperienced": ({"ervaring": 4}, OP),
    "inexperienced with exception": ({"ervaring": 2, "uitzondering": ERVARING}, OP),
    "no extract": ({"uittreksel": None}, OP),
    "extract a year old": ({"uittreksel": dt.date(2025, 9, 1)}, OP),
    "extract a year and a day old": ({"uittreksel": dt.date(2025, 8, 31)}, OP),
    "extract after the designation": ({"uittreksel": dt.date(2026, 9, 20)}, OP),
    "designated 29 February, extract 28 February": (
        {"aangesteld": dt.date(2028, 2, 29), "uittreksel": dt.date(2027, 2, 28)},
        dt.date(2028, 3, 1),
    ),
    "designated 29 February, extract 27 February": (
        {"aangesteld": dt.date(2028, 2, 29), "uittreksel": dt.date(2027, 2, 27)},
        dt.date(2028, 3, 1),
    ),
}


@pytest.mark.parametrize("geval", GEVALLEN)
def test_the_sql_condition_agrees_with_the_python_rule(geval) -> None:
    velden, op = GEVALLEN[geval]
    toewijzing = _toewijzing(**velden)
    verwacht = toewijzing_is_geldig(toewijzing, op=op)
    assert MentorToewijzing.objects.filter(geldig_op(op), pk=toewijzing.pk).exists() is verwacht


def test_the_grid_holds_both_outcomes() -> None:
    """Guards the test above against a grid where everything is (in)valid."""
    uitkomsten = set()
    for velden, op in (GEVALLEN["valid"][0], OP), (GEVALLEN["no extract"][0], OP):
        uitkomsten.add(toewijzing_is_geldig(_toewijzing(**velden), op=op))
    assert uitkomsten == {True, False}
