"""Storing a timetable of periods: the periods and each period's week, in the drafting
services' transaction (opstellen.py calls these)."""

from collections.abc import Sequence
from typing import Any

from overeenkomsten.models import Overeenkomst, RoosterPeriode, Roostersoort, UurroosterRegel
from overeenkomsten.rooster import Periode


def periodes_schrijven(overeenkomst: Overeenkomst, periodes: Sequence[Periode]) -> None:
    """Replace the whole timetable (the repeating week included) by these periods."""
    overeenkomst.uurrooster.all().delete()
    overeenkomst.roosterperiodes.all().delete()
    rijen = RoosterPeriode.objects.bulk_create(
        RoosterPeriode(
            overeenkomst=overeenkomst, volgorde=p.volgorde, soort=p.soort, van=p.van, tot=p.tot
        )
        for p in periodes
    )
    UurroosterRegel.objects.bulk_create(
        UurroosterRegel(
            overeenkomst=overeenkomst, periode=rij, dag=b.dag, plaats=b.plaats, van=b.van, tot=b.tot
        )
        for rij, p in zip(rijen, periodes, strict=True)
        for b in p.blokken
    )


def week_schrijven_zonder_periodes(overeenkomst: Overeenkomst) -> None:
    """A repeating week replaces any periods (their weeks go with them)."""
    overeenkomst.roosterperiodes.all().delete()


def periodes_sleutel(overeenkomst: Overeenkomst) -> list[tuple[Any, ...]]:
    """What a change of the periods compares: kind, dates and each period's blocks."""
    if overeenkomst.roostersoort != Roostersoort.PERIODES:
        return []
    blokken: dict[int, list[tuple[Any, ...]]] = {}
    for r in overeenkomst.uurrooster.exclude(periode=None).order_by("dag", "van"):
        assert r.periode_id is not None
        blokken.setdefault(r.periode_id, []).append((r.dag, r.plaats, r.van, r.tot))
    return [
        (p.volgorde, p.soort, p.van, p.tot, tuple(blokken.get(p.pk, [])))
        for p in overeenkomst.roosterperiodes.all()
    ]


__all__ = ["periodes_schrijven", "periodes_sleutel", "week_schrijven_zonder_periodes"]
