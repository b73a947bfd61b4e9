"""The agreement guard on a block-period timetable against the same guard on a repeating week.

    manage.py bench_regelcontrole [--n 1000] [--warmup 20]

Inside one transaction that is rolled back at the end, it creates the care programme's rules
(devtools.demo.opleidingsregels.zorg_regels) on bench_pdf's sample agreement, and a twin of
that agreement with a timetable of 40 weeks in ten periods (school and full-time workplace
blocks alternating, each period its own week). Each round loads both agreements afresh (no
cached rows) and runs the full guard (controles.controleren_overeenkomst) on each,
alternating the order. Prints median and p95 of both and the ratio of the medians against the
limit 1.5x, OK or TE TRAAG. A benchmark, not a test: nothing fails on a slow machine.
"""

import datetime as dt
import random
import statistics
import time
import uuid
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from devtools.demo.opleidingsregels import zorg_regels
from overeenkomsten.controles import controleren_overeenkomst
from overeenkomsten.models import Overeenkomst, RoosterPeriode, Roostersoort, UurroosterRegel

from .bench_pdf import p95, voorbeeld_maken

DOEL_RATIO = 1.5
WEKEN, PERIODES = 40, 10
START = dt.date(2026, 9, 7)  # a Monday
# (day, where, from, until): a school week of 35 lesson hours, a workplace week of 37.5 hours.
SCHOOLWEEK = [(d, "school", "08:30", "12:00") for d in range(1, 6)]
SCHOOLWEEK += [(d, "school", "13:00", "16:30") for d in range(1, 6)]
WERKWEEK = [(d, "werkplek", "08:00", "12:00") for d in range(1, 6)]
WERKWEEK += [(d, "werkplek", "13:00", "16:30") for d in range(1, 6)]


def _tijd(tekst: str) -> dt.time:
    uur, minuut = tekst.split(":")
    return dt.time(int(uur), int(minuut))


def periodes_maken(overeenkomst: Overeenkomst, *, weken: int, periodes: int) -> None:
    """`weken` weeks from START in `periodes` periods of equal length, school first."""
    per_periode = weken // periodes
    van = START
    for volgorde in range(1, periodes + 1):
        tot = van + dt.timedelta(weeks=per_periode) - dt.timedelta(days=1)
        school = volgorde % 2 == 1
        periode = RoosterPeriode.objects.create(
            overeenkomst=overeenkomst,
            volgorde=volgorde,
            soort=RoosterPeriode.Soort.SCHOOL if school else RoosterPeriode.Soort.WERKPLEK,
            van=van,
            tot=tot,
        )
        UurroosterRegel.objects.bulk_create(
            UurroosterRegel(
                overeenkomst=overeenkomst,
                periode=periode,
                dag=d,
                plaats=p,
                van=_tijd(t1),
                tot=_tijd(t2),
            )
            for d, p, t1, t2 in (SCHOOLWEEK if school else WERKWEEK)
        )
        van = tot + dt.timedelta(days=1)
    Overeenkomst.objects.filter(pk=overeenkomst.pk).update(
        roostersoort=Roostersoort.PERIODES, start=START, einde=van - dt.timedelta(days=1)
    )


def tweeling_maken(week: Overeenkomst, *, weken: int, periodes: int) -> Overeenkomst:
    """The same agreement (a copy of its row) with a timetable of periods instead."""
    tweeling = Overeenkomst.objects.get(pk=week.pk)
    tweeling.pk = tweeling.id = None
    tweeling.public_id = uuid.uuid4()
    tweeling.save(force_insert=True)
    periodes_maken(tweeling, weken=weken, periodes=periodes)
    return tweeling


def _duur(pk: int) -> float:
    begin = time.perf_counter()
    controleren_overeenkomst(Overeenkomst.objects.get(pk=pk))
    return time.perf_counter() - begin


def oordeel(gehaald: bool) -> str:
    return "OK" if gehaald else "TE TRAAG"


class Command(BaseCommand):
    help = "Time the agreement guard on 40 weeks of block periods against a repeating week."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=1000, help="timed guards of each kind")
        parser.add_argument("--warmup", type=int, default=20, help="untimed guards first")
        parser.add_argument("--weken", type=int, default=WEKEN, help="weeks of the timetable")
        parser.add_argument("--periodes", type=int, default=PERIODES, help="periods")

    def handle(self, *args: Any, n: int, warmup: int, weken: int, periodes: int, **_: Any) -> None:
        if n < 1 or warmup < 0 or not 1 <= periodes <= weken:
            raise CommandError("--n >= 1, --warmup >= 0 and 1 <= --periodes <= --weken.")
        with transaction.atomic():
            meting = self._meten(n, warmup, weken, periodes)
            # The sample agreements and their parties are never committed.
            transaction.set_rollback(True)
        self._rapporteren(n, warmup, weken, periodes, **meting)

    def _meten(self, n: int, warmup: int, weken: int, periodes: int) -> dict[str, Any]:
        week = voorbeeld_maken(random.Random())
        zorg_regels(week.opleiding)
        tweeling = tweeling_maken(week, weken=weken, periodes=periodes)
        soorten = [("week", week.pk), ("periodes", tweeling.pk)]
        for _ in range(warmup):
            for _naam, pk in soorten:
                _duur(pk)
        queries = {}
        for naam, pk in soorten:
            with CaptureQueriesContext(connection) as vangst:
                controle = controleren_overeenkomst(Overeenkomst.objects.get(pk=pk))
            queries[naam] = (len(vangst), len(controle.fouten))
        tijden: dict[str, list[float]] = {"week": [], "periodes": []}
        for i in range(n):
            # Alternate the order so neither kind always runs on a warmer cache.
            for naam, pk in soorten if i % 2 == 0 else list(reversed(soorten)):
                tijden[naam].append(_duur(pk))
        return {"tijden": tijden, "queries": queries, "blokken": tweeling.uurrooster.count()}

    def _rapporteren(
        self,
        n: int,
        warmup: int,
        weken: int,
        periodes: int,
        *,
        tijden: dict[str, list[float]],
        queries: dict[str, tuple[int, int]],
        blokken: int,
    ) -> None:
        week, reeks = tijden["week"], tijden["periodes"]
        mediaan_w, mediaan_p = statistics.median(week), statistics.median(reeks)
        ratio = mediaan_p / mediaan_w
        regels = [
            f"Agreement guard (controleren_overeenkomst): {n} runs of each kind after "
            f"{warmup} warm-up; care programme rules (zorg_regels)",
            f"repeating week: median {mediaan_w * 1000:.2f} ms, p95 {p95(week) * 1000:.2f} ms, "
            f"{queries['week'][0]} queries, {queries['week'][1]} objection(s)",
            f"{weken} weeks in {periodes} periods ({blokken} blocks): median "
            f"{mediaan_p * 1000:.2f} ms, p95 {p95(reeks) * 1000:.2f} ms, "
            f"{queries['periodes'][0]} queries, {queries['periodes'][1]} objection(s)",
            f"ratio of the medians: {ratio:.2f}x (limit {DOEL_RATIO}x) "
            f"{oordeel(ratio <= DOEL_RATIO)}",
        ]
        self.stdout.write("\n".join(regels))
