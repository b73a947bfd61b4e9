"""Training days (opleidingsdagen, R48): weekdays that are neither a Belgian public holiday nor
a day of a school holiday in the school calendar the platform admin maintains."""

import datetime as dt

from duaal.kalender.models import Schoolvakantie

from .dagen import is_werkdag


def _vakantiedagen(van: dt.date, tot: dt.date) -> set[dt.date]:
    dagen: set[dt.date] = set()
    for vakantie in Schoolvakantie.objects.filter(van__lte=tot, tot__gte=van):
        dag = max(vakantie.van, van)
        while dag <= min(vakantie.tot, tot):
            dagen.add(dag)
            dag += dt.timedelta(days=1)
    return dagen


def is_opleidingsdag(dag: dt.date, vakantiedagen: set[dt.date]) -> bool:
    return is_werkdag(dag) and dag not in vakantiedagen


def na_opleidingsdagen(vanaf: dt.date, aantal: int) -> dt.date:
    """The `aantal`-th training day counted from `vanaf` (that day included when it is one).

    R48: "within 20 training days of the start of lessons" makes the start day day 1.
    """
    # A school year's holidays never exceed a few months, so a year ahead is always enough.
    horizon = vanaf + dt.timedelta(days=aantal * 7 + 366)
    vakantie = _vakantiedagen(vanaf, horizon)
    dag, geteld = vanaf, 0
    while True:
        if is_opleidingsdag(dag, vakantie):
            geteld += 1
            if geteld == aantal:
                return dag
        dag += dt.timedelta(days=1)


def opleidingsdagen_tussen(van: dt.date, tot: dt.date) -> int:
    """Training days from `van` up to and including `tot` (0 when `tot` is before `van`)."""
    if tot < van:
        return 0
    vakantie = _vakantiedagen(van, tot)
    return sum(
        is_opleidingsdag(van + dt.timedelta(days=i), vakantie) for i in range((tot - van).days + 1)
    )
