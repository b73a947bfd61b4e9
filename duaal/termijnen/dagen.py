"""Date arithmetic for legal terms: working days, months, end of the last day."""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.relativedelta import relativedelta

BRUSSEL = ZoneInfo("Europe/Brussels")


@lru_cache(maxsize=32)
def _feestdagen(jaar: int) -> frozenset[dt.date]:
    return frozenset(holidays.Belgium(years=jaar))


def is_werkdag(dag: dt.date) -> bool:
    return dag.weekday() < 5 and dag not in _feestdagen(dag.year)


def eerstvolgende_werkdag(dag: dt.date) -> dt.date:
    """A term whose last day falls on a weekend or a Belgian public holiday ends on the next
    working day (as art. 53 of the Judicial Code does for procedural terms)."""
    while not is_werkdag(dag):
        dag += dt.timedelta(days=1)
    return dag


def na_werkdagen(dag: dt.date, aantal: int) -> dt.date:
    """The `aantal`-th working day after `dag` (`dag` itself not counted)."""
    while aantal > 0:
        dag += dt.timedelta(days=1)
        aantal -= is_werkdag(dag)
    return dag


def plus_maanden(dag: dt.date, maanden: int) -> dt.date:
    """Calendar months; 31 January + 1 month is the last day of February."""
    later: dt.date = dag + relativedelta(months=maanden)  # dateutil's types are not installed
    return later


def min_jaren(dag: dt.date, jaren: int) -> dt.date:
    eerder: dt.date = dag - relativedelta(years=jaren)
    return eerder


def leeftijd_op(geboortedatum: dt.date, dag: dt.date) -> int:
    """Whole years; someone born on 29 February turns a year older on 28 February."""
    jaren: int = relativedelta(dag, geboortedatum).years
    return jaren


def einde_van_dag(dag: dt.date) -> dt.datetime:
    """Calendar-day terms end at 23:59:59 Europe/Brussels on their last day."""
    return dt.datetime.combine(dag, dt.time(23, 59, 59), tzinfo=BRUSSEL)


def vandaag(now: dt.datetime) -> dt.date:
    """The date in Brussels at `now` (a UTC timestamp late in the evening is already tomorrow)."""
    return now.astimezone(BRUSSEL).date()
