"""The timetable annex of a timetable in periods, as the model agreement shows it: each period
with its dates, its kind and its own week (Dutch, the model's language, as presenter.py)."""

from dataclasses import dataclass, field
from decimal import Decimal

from .controles import Blok as RoosterBlok
from .models import Overeenkomst, RoosterPeriode, UurroosterRegel
from .presenter import DAGEN, PLAATSEN, Blok, datum, uren
from .rooster import Periode, gemiddelde_werkplekuren

SOORTEN: dict[str, str] = {
    RoosterPeriode.Soort.SCHOOL: "schoolperiode",
    RoosterPeriode.Soort.WERKPLEK: "werkplekperiode (voltijds op de werkplek)",
    RoosterPeriode.Soort.GEMENGD: "werkplek en lessen",
}


@dataclass(frozen=True)
class PeriodeWeergave:
    nummer: int
    soort: str
    van: str
    tot: str
    uren_werkplek: str
    uren_lessen: str
    blokken: list[Blok] = field(default_factory=list)


@dataclass(frozen=True)
class PeriodesWeergave:
    periodes: list[PeriodeWeergave]
    gemiddelde: str


def periodes_weergave(overeenkomst: Overeenkomst) -> PeriodesWeergave:
    """The periods and their weeks; two queries (the periods, their blocks)."""
    per_periode: dict[int, list[UurroosterRegel]] = {}
    for r in overeenkomst.uurrooster.exclude(periode=None).order_by("dag", "van"):
        if r.periode_id is not None:
            per_periode.setdefault(r.periode_id, []).append(r)
    weergaven, periodes = [], []
    for p in overeenkomst.roosterperiodes.all():
        rijen = per_periode.get(p.pk, [])
        werkplek = sum((Decimal(str(r.uren)) for r in rijen if r.plaats == "werkplek"), Decimal(0))
        lessen = sum((Decimal(str(r.uren)) for r in rijen if r.plaats == "school"), Decimal(0))
        periodes.append(
            Periode(
                p.volgorde,
                p.soort,
                p.van,
                p.tot,
                tuple(RoosterBlok(r.dag, r.plaats, r.van, r.tot) for r in rijen),
            )
        )
        weergaven.append(
            PeriodeWeergave(
                nummer=p.volgorde,
                soort=SOORTEN.get(p.soort, p.soort),
                van=datum(p.van),
                tot=datum(p.tot),
                uren_werkplek=uren(werkplek),
                uren_lessen=uren(lessen),
                blokken=[
                    Blok(
                        DAGEN[r.dag],
                        PLAATSEN.get(r.plaats, r.plaats),
                        f"{r.van:%H:%M}",
                        f"{r.tot:%H:%M}",
                        uren(r.uren),
                    )
                    for r in rijen
                ],
            )
        )
    gemiddelde = gemiddelde_werkplekuren(periodes).quantize(Decimal("0.1"))
    return PeriodesWeergave(weergaven, uren(gemiddelde))


__all__ = ["PeriodeWeergave", "PeriodesWeergave", "periodes_weergave"]
