"""The timetable annex as a sequence of periods (block periods), and the working-time rules
for minors that need more than a day's total: rest between working days and breaks within one
(R50, R54, R60, R62, R77, R78).

A timetable is a repeating week (its blocks have no period) or a sequence of periods, each with
its own week of blocks. The periods follow one another without gap or overlap from the
agreement's start to its end: a gap would leave days the annex says nothing about, and school
holidays are a period's days like any other (the holiday annex says what happens then). The
average counts each period's week for its calendar days (days / 7 weeks), so a partial week
weighs as its days. Everything here is plain Python on values read once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from duaal.organisaties.models import Onderneming, ParitairComite, Vestiging
from duaal.organisaties.programmaregels import Programmaregels, opleidingsregels_voor

from .models import Leerling, Overeenkomst, RoosterPeriode, UurroosterRegel

if TYPE_CHECKING:
    from .controles import Blok

ZES, TWINTIG = dt.time(6, 0), dt.time(20, 0)
TOLERANTIE = Decimal("0.5")
# Without a joint committee on file, a full-time week is the column's 38 hours.
STANDAARD_WEEKMAXIMUM = Decimal(38)
DAG_MAX_MIN, WEEK_MAX_MIN = 8 * 60, 40 * 60
RUST_MIN = 12 * 60
# R77 read as: a stretch of work longer than 4.5 hours without a gap of 30 minutes or more is
# refused; a day whose working time exceeds 6 hours needs gaps totalling an hour or more.
STUK_MAX_MIN, PAUZE_MIN = 270, 30
LANGE_DAG_MIN, LANGE_DAG_PAUZE_MIN = 6 * 60, 60
WERKPLEK, SCHOOL = UurroosterRegel.Plaats.WERKPLEK, UurroosterRegel.Plaats.SCHOOL


@dataclass(frozen=True)
class Periode:
    """One period as the form or the model gives it; `volgorde` counts from 1."""

    volgorde: int
    soort: str
    van: dt.date
    tot: dt.date
    blokken: tuple[Blok, ...] = field(default=())

    @property
    def dagen(self) -> int:
        return (self.tot - self.van).days + 1

    @property
    def naam(self) -> str:
        return _("Period %(n)s (%(van)s–%(tot)s)") % {
            "n": self.volgorde,
            "van": f"{self.van:%d/%m/%Y}",
            "tot": f"{self.tot:%d/%m/%Y}",
        }

    def uren(self, plaats: str | None = None) -> Decimal:
        return sum((b.uren for b in self.blokken if plaats in (None, b.plaats)), Decimal(0))


@dataclass
class Uitslag:
    fouten: list[str] = field(default_factory=list)
    waarschuwingen: list[str] = field(default_factory=list)

    def uniek(self) -> tuple[list[str], list[str]]:
        return list(dict.fromkeys(self.fouten)), list(dict.fromkeys(self.waarschuwingen))


def _minuten(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _getal(waarde: Decimal) -> str:
    """8.25 -> "8,25", 40.5 -> "40,5", 8 -> "8": the value as the coach typed it."""
    tekst = f"{waarde:.2f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


def _duur(minuten: int) -> str:
    return f"{minuten // 60}:{minuten % 60:02d}"


def _dag(dag: int) -> str:
    return str(UurroosterRegel.Dag(dag).label)


def _per_dag(blokken: Iterable[Blok]) -> dict[int, list[Blok]]:
    dagen: dict[int, list[Blok]] = defaultdict(list)
    for blok in sorted(blokken, key=lambda b: (b.dag, b.van)):
        dagen[blok.dag].append(blok)
    return dagen


def rust_fouten(blokken: Iterable[Blok], *, waar: str) -> list[str]:
    """At least 12 hours between the end of one working day and the start of the next, lessons
    included; the week repeats, so the last working day is followed by the first one of the
    next week (Sunday to Monday included)."""
    dagen = _per_dag(blokken)
    werkdagen = sorted(dagen)
    if len(werkdagen) < 2:
        return []
    fouten = []
    for i, dag in enumerate(werkdagen):
        volgende = werkdagen[(i + 1) % len(werkdagen)]
        einde = dag * 1440 + max(_minuten(b.tot) for b in dagen[dag])
        begin = (volgende + (7 if volgende <= dag else 0)) * 1440 + _minuten(dagen[volgende][0].van)
        if begin - einde < RUST_MIN:
            fouten.append(
                _(
                    "%(waar)s: %(rust)s (hours:minutes) of rest between %(dag1)s and %(dag2)s; "
                    "a minor needs at least 12 hours."
                )
                % {
                    "waar": waar,
                    "rust": _duur(begin - einde),
                    "dag1": _dag(dag),
                    "dag2": _dag(volgende),
                }
            )
    return fouten


def pauze_fouten(blokken: Iterable[Blok], *, waar: str) -> list[str]:
    """The blocks of one day form the working day. A gap shorter than 30 minutes is no break:
    the stretch goes on through it."""
    fouten = []
    for dag, reeks in _per_dag(blokken).items():
        stuk_begin, stuk_einde = _minuten(reeks[0].van), _minuten(reeks[0].tot)
        werk, pauze, langste = 0, 0, 0
        for blok in reeks:
            van, tot = _minuten(blok.van), _minuten(blok.tot)
            werk += tot - van
            gat = van - stuk_einde
            if gat >= PAUZE_MIN:
                langste = max(langste, stuk_einde - stuk_begin)
                stuk_begin = van
            pauze += max(gat, 0)
            stuk_einde = max(stuk_einde, tot)
        langste = max(langste, stuk_einde - stuk_begin)
        plaats = {"waar": waar, "dag": _dag(dag)}
        if langste > STUK_MAX_MIN:
            fouten.append(
                _(
                    "%(waar)s, %(dag)s: %(duur)s (hours:minutes) without a break of 30 minutes; "
                    "a minor gets a break after at most 4.5 hours."
                )
                % {**plaats, "duur": _duur(langste)}
            )
        if werk > LANGE_DAG_MIN and pauze < LANGE_DAG_PAUZE_MIN:
            fouten.append(
                _(
                    "%(waar)s, %(dag)s: %(duur)s (hours:minutes) of work with %(pauze)s minutes "
                    "of break; a day of more than 6 hours needs an hour of break."
                )
                % {**plaats, "duur": _duur(werk), "pauze": pauze}
            )
    return fouten


def _minderjarige_week(periode: Periode, u: Uitslag) -> None:
    """A minor's limits in one period's week: the day and week totals, the hours of the day,
    rest and breaks."""
    waar = periode.naam
    per_dag: dict[int, int] = defaultdict(int)
    for b in periode.blokken:
        per_dag[b.dag] += _minuten(b.tot) - _minuten(b.van)
        if b.van < ZES or b.tot > TWINTIG:
            u.fouten.append(
                _(
                    "%(waar)s, %(dag)s: %(van)s–%(tot)s; a minor may not work or learn between "
                    "20:00 and 06:00."
                )
                % {
                    "waar": waar,
                    "dag": _dag(b.dag),
                    "van": f"{b.van:%H:%M}",
                    "tot": f"{b.tot:%H:%M}",
                }
            )
        if b.dag == UurroosterRegel.Dag.ZONDAG:
            u.waarschuwingen.append(
                _("%(waar)s: Sunday work for a minor needs a sector exception.") % {"waar": waar}
            )
    for dag, minuten in sorted(per_dag.items()):
        if minuten > DAG_MAX_MIN:
            u.fouten.append(
                _(
                    "%(waar)s, %(dag)s: %(uren)s hours; a minor works at most 8 hours a day, "
                    "lessons included."
                )
                % {"waar": waar, "dag": _dag(dag), "uren": _getal(Decimal(minuten) / 60)}
            )
    if sum(per_dag.values()) > WEEK_MAX_MIN:
        u.fouten.append(
            _(
                "%(waar)s: %(uren)s hours a week; a minor works at most 40 hours a week, "
                "lessons included."
            )
            % {"waar": waar, "uren": _getal(Decimal(sum(per_dag.values())) / 60)}
        )
    u.fouten += rust_fouten(periode.blokken, waar=waar)
    u.fouten += pauze_fouten(periode.blokken, waar=waar)


def _volgorde(periodes: Sequence[Periode], start: dt.date, einde: dt.date, u: Uitslag) -> None:
    if periodes[0].van != start:
        u.fouten.append(
            _("The first period must start on the start date, %(start)s; it starts on %(van)s.")
            % {"start": f"{start:%d/%m/%Y}", "van": f"{periodes[0].van:%d/%m/%Y}"}
        )
    for vorige, periode in zip(periodes, periodes[1:], strict=False):
        verwacht = vorige.tot + dt.timedelta(days=1)
        if periode.van != verwacht:
            u.fouten.append(
                _(
                    "%(periode)s must start the day after the previous period ends, on "
                    "%(verwacht)s: periods follow one another without gap or overlap."
                )
                % {"periode": periode.naam, "verwacht": f"{verwacht:%d/%m/%Y}"}
            )
    if periodes[-1].tot != einde:
        u.fouten.append(
            _("The last period must end on the end date, %(einde)s; it ends on %(tot)s.")
            % {"einde": f"{einde:%d/%m/%Y}", "tot": f"{periodes[-1].tot:%d/%m/%Y}"}
        )


def _soort_en_blokken(periode: Periode, u: Uitslag) -> None:
    """A school period holds lessons (or nothing), a workplace period workplace blocks."""
    verboden = {RoosterPeriode.Soort.SCHOOL: WERKPLEK, RoosterPeriode.Soort.WERKPLEK: SCHOOL}
    plaats = verboden.get(RoosterPeriode.Soort(periode.soort))
    for blok in periode.blokken:
        if blok.plaats == plaats:
            u.fouten.append(
                _("%(periode)s is a %(soort)s but has a block “%(plaats)s” on %(dag)s.")
                % {
                    "periode": periode.naam,
                    "soort": str(RoosterPeriode.Soort(periode.soort).label).lower(),
                    "plaats": str(UurroosterRegel.Plaats(plaats).label).lower(),
                    "dag": _dag(blok.dag),
                }
            )
            return
    if periode.soort != RoosterPeriode.Soort.SCHOOL and not periode.uren(WERKPLEK):
        u.fouten.append(
            _("%(periode)s has no workplace blocks: fill in its week.") % {"periode": periode.naam}
        )


def gemiddelde_werkplekuren(periodes: Sequence[Periode]) -> Decimal:
    """Workplace hours a week over the whole timetable, each period weighted by its days."""
    dagen = sum(p.dagen for p in periodes)
    if dagen <= 0:
        return Decimal(0)
    totaal = sum((p.uren(WERKPLEK) * p.dagen for p in periodes), Decimal(0))
    return totaal / dagen


@dataclass(frozen=True)
class Kader:
    """What the periods are checked against, read once by the caller."""

    start: dt.date
    einde: dt.date
    uren: Decimal
    minderjarig: bool
    blokperiodes_toegestaan: bool
    opleiding: str
    weekmaximum: Decimal = STANDAARD_WEEKMAXIMUM
    comite: str = ""


def periodes_fouten(periodes: Sequence[Periode], kader: Kader) -> tuple[list[str], list[str]]:
    """Every objection to a block-period timetable at once, each naming its period."""
    u = Uitslag()
    periodes = sorted(periodes, key=lambda p: (p.van, p.volgorde))
    if not periodes:
        return [_("Fill in the periods: a timetable of periods needs at least one.")], []
    ongeldig = [p for p in periodes if p.tot < p.van]
    for p in ongeldig:
        u.fouten.append(_("%(periode)s ends before it starts.") % {"periode": p.naam})
    if not ongeldig:
        _volgorde(periodes, kader.start, kader.einde, u)
    for periode in periodes:
        _soort_en_blokken(periode, u)
        _weekmaximum(periode, kader, u)
        if kader.minderjarig:
            _minderjarige_week(periode, u)
    if not ongeldig:
        gemiddelde = gemiddelde_werkplekuren(periodes)
        if abs(gemiddelde - kader.uren) > TOLERANTIE:
            u.fouten.append(
                _(
                    "Over its periods the timetable averages %(rooster)s workplace hours a week; "
                    "the agreement says %(uren)s."
                )
                % {"rooster": f"{gemiddelde:.1f}".replace(".", ","), "uren": _getal(kader.uren)}
            )
    return u.uniek()


def _weekmaximum(periode: Periode, kader: Kader, u: Uitslag) -> None:
    if periode.soort == RoosterPeriode.Soort.WERKPLEK and not kader.blokperiodes_toegestaan:
        u.fouten.append(
            _(
                "%(periode)s is a full-time period at the workplace; %(opleiding)s does not "
                "allow block periods."
            )
            % {"periode": periode.naam, "opleiding": kader.opleiding}
        )
    uren = periode.uren(WERKPLEK)
    if uren > kader.weekmaximum:
        u.fouten.append(
            _(
                "%(periode)s has %(uren)s workplace hours a week; the full-time week of "
                "%(comite)s is %(max)s hours."
            )
            % {
                "periode": periode.naam,
                "uren": _getal(uren),
                "comite": kader.comite or _("an enterprise without a joint committee"),
                "max": _getal(kader.weekmaximum),
            }
        )


def kader_voor(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    start: dt.date,
    einde: dt.date,
    uren: Decimal,
    minderjarig: bool,
    op: dt.date | dt.datetime,
    regels: Programmaregels | None = None,
) -> Kader:
    """The programme's rules in force at `op` (unless the caller read them already) and the
    employer's joint committee (one query)."""
    regels = regels or opleidingsregels_voor(leerling.opleiding, op=op)
    comite = (
        ParitairComite.objects.filter(
            pk__in=Onderneming.objects.filter(pk=vestiging.onderneming_id).values("paritair_comite")
        )
        .only("nummer", "naam", "wekelijkse_arbeidsduur")
        .first()
    )
    return Kader(
        start=start,
        einde=einde,
        uren=uren,
        minderjarig=minderjarig,
        blokperiodes_toegestaan=regels.blokperiodes_toegestaan,
        opleiding=str(leerling.opleiding),
        weekmaximum=comite.wekelijkse_arbeidsduur if comite else STANDAARD_WEEKMAXIMUM,
        comite=str(comite) if comite else "",
    )


def periodes_van(overeenkomst: Overeenkomst) -> list[Periode]:
    """The stored periods with their weeks: two queries, grouped here."""
    from .controles import Blok

    per_periode: dict[int, list[Blok]] = defaultdict(list)
    for r in overeenkomst.uurrooster.all():
        if r.periode_id is not None:
            per_periode[r.periode_id].append(Blok(r.dag, r.plaats, r.van, r.tot))
    return [
        Periode(p.volgorde, p.soort, p.van, p.tot, tuple(per_periode[p.pk]))
        for p in overeenkomst.roosterperiodes.all()
    ]


__all__ = [
    "Kader",
    "kader_voor",
    "periodes_van",
    "Periode",
    "gemiddelde_werkplekuren",
    "pauze_fouten",
    "periodes_fouten",
    "rust_fouten",
]
