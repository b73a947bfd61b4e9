"""The reference data set of quality.md ("scale seed"), streamed into PostgreSQL with COPY.

    manage.py seed_scale [--scale 1.0] [--seed 1] [--reset]

At --scale 1.0: 20 partnerships, 100,000 enterprises, 150,000 establishments, 400 programmes,
200,000 recognitions, 500,000 applications (10,000 open), 60,000 mentors and 100,000 agreements
with their learners; plus a consultant and an administrator per partnership, 10 schools with a
coach each and a few employer representatives, to benchmark the pages with.
"""

import random
import time
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from devtools.demo.portaal import DEMO_WACHTWOORD
from devtools.scale_seed import dossiers, leerlingen, organisaties
from devtools.scale_seed.plan import (
    Plan,
    aantallen_voor,
    analyseren,
    bevat_data,
    hoogste_ids,
    leegmaken,
    reset_toegestaan,
    sequenties_zetten,
    tellingen,
)
from duaal.termijnen import vandaag

STAPPEN = (
    ("programmes and establishments", organisaties.opleidingen_en_vestigingen_kopieren),
    ("applications and recognitions", dossiers.erkenningen_kopieren),
    ("mentors and designations", dossiers.mentoren_kopieren),
    ("learners and agreements", leerlingen.overeenkomsten_kopieren),
)


class Command(BaseCommand):
    help = (
        "Seed the production-sized reference data set (quality.md) into PostgreSQL with COPY. "
        "Refuses a database that already holds domain data unless --reset, which TRUNCATEs the "
        "domain tables (CASCADE) and is only allowed on a database whose name contains 'scale' "
        "or 'bench' or starts with 'test_', to protect real data."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the full data set")
        parser.add_argument("--seed", type=int, default=1, help="random seed (deterministic)")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="TRUNCATE the domain tables first (only on a *scale*/*bench*/test_* database)",
        )

    def handle(self, *args, **opts) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(f"seed_scale needs PostgreSQL (COPY); this is {connection.vendor}.")
        if opts["scale"] <= 0:
            raise CommandError("--scale must be above 0.")
        dbnaam = connection.settings_dict["NAME"]
        self._leeg_maken_of_weigeren(dbnaam, reset=opts["reset"])
        begin = time.perf_counter()
        # "Now" is the real clock on purpose: deadlines and validity must be current for the
        # sweeps and dashboards; the seed fixes everything else.
        plan = self._plan(opts["scale"], opts["seed"], timezone.now())
        self.stdout.write(
            f"seed_scale: scale {opts['scale']}, seed {opts['seed']}, database {dbnaam!r}"
        )
        # One transaction per step: a failed run leaves whole steps (and --reset cleans up),
        # while the deferred foreign-key checks of one step stay a bounded queue.
        start = time.perf_counter()
        with transaction.atomic():
            organisaties.organisaties_kopieren(plan)
            logins = organisaties.gebruikers_kopieren(plan)
        self.stdout.write(
            f"  {'organisations and logins':<32} {time.perf_counter() - start:7.1f} s"
        )
        for naam, stap in STAPPEN:
            start = time.perf_counter()
            with transaction.atomic():
                stap(plan)
            self.stdout.write(f"  {naam:<32} {time.perf_counter() - start:7.1f} s")
        sequenties_zetten()
        start = time.perf_counter()
        analyseren()
        self.stdout.write(f"  {'ANALYZE':<32} {time.perf_counter() - start:7.1f} s")
        self._rapport(logins, time.perf_counter() - begin)

    def _leeg_maken_of_weigeren(self, dbnaam: str, *, reset: bool) -> None:
        if reset:
            if not reset_toegestaan(dbnaam):
                raise CommandError(
                    f"--reset refused on database {dbnaam!r}: only a database whose name contains "
                    "'scale' or 'bench' (or starts with 'test_') may be truncated."
                )
            leegmaken()
        elif bevat_data():
            raise CommandError(
                f"Database {dbnaam!r} already holds organisations, programmes or recognitions. "
                "Seed an empty database, or pass --reset on a scale/bench database."
            )

    @staticmethod
    def _plan(schaal: float, seed: int, now: datetime) -> Plan:
        return Plan(
            aantallen=aantallen_voor(schaal),
            rng=random.Random(seed),
            now=now,
            dag=vandaag(now),
            # Hashed once: hashing per user would cost more than the whole COPY.
            wachtwoord_hash=make_password(DEMO_WACHTWOORD),
            basis=hoogste_ids(),
        )

    def _rapport(self, logins: list[tuple[str, str]], seconden: float) -> None:
        for tabel, aantal in tellingen().items():
            self.stdout.write(f"  {tabel:<32} {aantal:>9,}")
        self.stdout.write(self.style.SUCCESS(f"Seeded in {seconden:.1f} s. Logins:"))
        for rol, email in logins:
            self.stdout.write(f"  {rol:<24} {email}")
        self.stdout.write(f"  Password for every login: {DEMO_WACHTWOORD}")
