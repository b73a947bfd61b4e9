"""P3 benchmark (quality.md): the expiry sweep over N recognitions against one raw SQL UPDATE.

    manage.py bench_verloop --aantal 1000000 [--due 16000] [--seed 42] [--rondes 3] [--opruimen]

Seeds deterministically into the CURRENT database (PostgreSQL only): one partnership, enough
programmes x establishments for N distinct places, and N running recognitions through COPY, of
which `--due` ended before today. Then it times

  (a) one raw `UPDATE ... WHERE status IN (running) AND geldig_tot < today`, rolled back;
  (b) `erkenningen_laten_verlopen()` for real, with the duration of every batch transaction,
      timed from outside: from one batch's statement to the next one's (its commit and
      after-commit follow-up included), seen through Django's execute wrapper;
  (c) the same sweep again, with nothing due;

and prints each figure with its target: (b)/(a) <= 1.5x, (c) < 1 s, no transaction > 1 s.
(a) and (b) run `--rondes` times, the due rows put back (status restored, VACUUM ANALYZE)
between rounds; the ratio compares their medians, since one run of either varies by a third
from one run to the next on a shared machine (checkpoints, autovacuum).
The seeded rows stay unless `--opruimen` is given; `--alleen-opruimen` only removes them. The
sweep's audit events always stay (the audit table is append-only): use a scratch database.
"""

import math
import random
import statistics
import time
import uuid
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from duaal.audit.models import Event
from duaal.organisaties.constants import Overeenkomsttype, PartnerschapSoort
from duaal.organisaties.models import Onderneming, Opleiding, Partnerschap, Vestiging
from duaal.termijnen import vandaag
from erkenning.constants import LOPEND, ErkenningStatus
from erkenning.models import Erkenning
from erkenning.services.termijnen import BATCH, erkenningen_laten_verlopen

BENCH_NAAM = "BENCH verloop"  # the seeded partnership; everything seeded hangs off it
BENCH_ONDERNEMING = "Bench onderneming "
MAX_VESTIGINGEN = 2000
VESTIGINGEN_PER_ONDERNEMING = 100
DOEL_RATIO, DOEL_HERHALING, DOEL_TRANSACTIE = 1.5, 1.0, 1.0

KOLOMMEN = (
    "public_id",
    "created_at",
    "updated_at",
    "status",
    "geldig_van",
    "geldig_tot",
    "publiek_zichtbaar",
    "plaatsen_beschikbaar",
    "onderneming_id",
    "opleiding_id",
    "partnerschap_id",
    "vestiging_id",
)

# How the sweep's one statement per batch begins: the batch boundaries the wrapper looks for.
BATCH_BEGIN = "WITH due AS"

RAW_UPDATE = """
UPDATE erkenning_erkenning SET status = %s, beeindigd_op = %s, updated_at = %s
WHERE status = ANY(%s) AND geldig_tot < %s
"""


def _mod97(prefix: str) -> str:
    return prefix + str(97 - int(prefix) % 97).zfill(2)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


class _BatchKlok:
    """Notes when each of the sweep's batch statements starts; the sweep itself has no hook."""

    def __init__(self) -> None:
        self.starts: list[float] = []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().startswith(BATCH_BEGIN):
            self.starts.append(time.perf_counter())
        return execute(sql, params, many, context)

    def transacties(self, einde: float) -> list[float]:
        """Each batch from its statement to the next batch's, the last to the end of the call."""
        return [b - a for a, b in zip(self.starts, [*self.starts[1:], einde], strict=True)]


def _gemeten_sweep(now, batch: int) -> tuple[int, float, list[float]]:
    """(rows expired, seconds, seconds per batch transaction) of one sweep, timed from outside."""
    klok = _BatchKlok()
    begin = time.perf_counter()
    with connection.execute_wrapper(klok):
        verlopen = erkenningen_laten_verlopen(now=now, batch=batch)
    einde = time.perf_counter()
    if not klok.starts:
        raise CommandError(f"No sweep statement starting with {BATCH_BEGIN!r} was seen.")
    return verlopen, einde - begin, klok.transacties(einde)


class Command(BaseCommand):
    help = "P3: time the recognition expiry sweep against a raw SQL UPDATE (PostgreSQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--aantal", type=int, default=1_000_000, help="recognitions to seed")
        parser.add_argument("--due", type=int, default=16_000, help="of which already ended")
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--batch",
            type=int,
            default=BATCH,
            help="rows per sweep transaction (the sweep's default)",
        )
        parser.add_argument("--rondes", type=int, default=3, help="rounds of (a) and (b)")
        parser.add_argument("--opruimen", action="store_true", help="remove the seed afterwards")
        parser.add_argument(
            "--alleen-opruimen", action="store_true", help="only remove an earlier seed"
        )

    def handle(self, *args, **opts) -> None:
        if connection.vendor != "postgresql":
            raise CommandError(
                f"bench_verloop needs PostgreSQL (COPY, the partial indexes of the real setup); "
                f"this database is {connection.vendor}. Point DATABASE_URL to PostgreSQL."
            )
        if opts["alleen_opruimen"]:
            self._opruimen()
            return
        aantal, due = opts["aantal"], opts["due"]
        if aantal < 1 or not 0 <= due <= aantal or opts["rondes"] < 1:
            raise CommandError("Give --aantal >= 1, 0 <= --due <= --aantal and --rondes >= 1.")
        self._opruimen(stil=True)  # a previous seed would double the rows and break uniqueness
        now = timezone.now()
        dag = vandaag(now)
        self._kop(aantal, due, opts["seed"], dag)
        self._seed(aantal, due, opts["seed"], dag, now)
        verschuldigd = self._verschuldigd(dag)
        raw_s, sweep_s, batches = [], [], []
        for ronde in range(opts["rondes"]):
            if ronde:
                self._terugzetten(verschuldigd)
            raw_rijen, duur = self._raw_update(dag, now)
            raw_s.append(duur)
            self._vacuum()  # the rolled-back UPDATE left dead row versions: start (b) clean
            verlopen, duur, transacties = _gemeten_sweep(now, opts["batch"])
            sweep_s.append(duur)
            batches.append(transacties)
        begin = time.perf_counter()
        opnieuw = erkenningen_laten_verlopen(now=now)
        opnieuw_s = time.perf_counter() - begin
        self._rapport(raw_rijen, raw_s, verlopen, sweep_s, batches, opnieuw, opnieuw_s)
        if opts["opruimen"]:
            self._opruimen()
        else:
            self.stdout.write(
                f"The seeded rows stay (partnership {BENCH_NAAM!r}); remove them with: "
                "manage.py bench_verloop --alleen-opruimen"
            )

    # --- seeding ----------------------------------------------------------------------------

    def _kop(self, aantal: int, due: int, seed: int, dag: date) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            versie = cursor.fetchone()[0]
        self.stdout.write(
            f"bench_verloop: {aantal:,} recognitions, {due:,} due, seed {seed}, today {dag}, "
            f"PostgreSQL {versie}, database {connection.settings_dict['NAME']!r}"
        )

    def _seed(self, aantal: int, due: int, seed: int, dag: date, now) -> None:
        rng = random.Random(seed)
        begin = time.perf_counter()
        n_vest = min(MAX_VESTIGINGEN, aantal)
        n_opl = math.ceil(aantal / n_vest)
        with transaction.atomic():
            partnerschap = Partnerschap.objects.create(
                naam=BENCH_NAAM, partnerschap_soort=PartnerschapSoort.SECTORAAL
            )
            ondernemingen = [
                Onderneming.objects.create(
                    naam=f"{BENCH_ONDERNEMING}{i}",
                    kbo_nummer=_mod97(f"09{seed % 100:02d}{i:04d}"),
                    rechtsvorm="bv",
                    straat="Benchstraat",
                    huisnummer=str(i + 1),
                    postcode="9000",
                    gemeente="Gent",
                )
                for i in range(math.ceil(n_vest / VESTIGINGEN_PER_ONDERNEMING))
            ]
            vestigingen = Vestiging.objects.bulk_create(
                [
                    Vestiging(
                        public_id=_uuid(rng),
                        onderneming=ondernemingen[i // VESTIGINGEN_PER_ONDERNEMING],
                        naam=f"Bench vestiging {i}",
                        vestigingseenheidsnummer=_mod97(f"8{seed % 10}{i:06d}"),
                        straat="Benchstraat",
                        huisnummer=str(i + 1),
                        postcode=f"{1000 + i % 9000}",
                        gemeente="Gent",
                    )
                    for i in range(n_vest)
                ],
                batch_size=1000,
            )
            opleidingen = Opleiding.objects.bulk_create(
                [
                    Opleiding(
                        public_id=_uuid(rng),
                        officiele_naam=f"Bench opleiding {i}",
                        code=f"BENCH-{seed}-{i}",
                        overeenkomsttype=Overeenkomsttype.OAO,
                        partnerschap=partnerschap,
                        werkplekuren_per_week=24,
                    )
                    for i in range(n_opl)
                ],
                batch_size=1000,
            )
            self._copy(aantal, due, rng, dag, now, partnerschap, vestigingen, opleidingen)
        self._vacuum()
        self.stdout.write(
            f"seed: {aantal:,} recognitions over {n_opl:,} programmes x {n_vest:,} establishments "
            f"in {time.perf_counter() - begin:.1f} s (COPY), then VACUUM ANALYZE"
        )

    def _copy(self, aantal, due, rng, dag, now, partnerschap, vestigingen, opleidingen) -> None:
        """One row per place (establishment i % V, programme i // V); `due` random rows ended
        1 to 30 days ago, the others end later (up to 5 years); 2% without a valid mentor."""
        te_laat = set(rng.sample(range(aantal), due))
        n_vest = len(vestigingen)
        sql = f"COPY erkenning_erkenning ({', '.join(KOLOMMEN)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for i in range(aantal):
                vestiging = vestigingen[i % n_vest]
                if i in te_laat:
                    tot = dag - timedelta(days=rng.randint(1, 30))
                else:
                    tot = dag + timedelta(days=rng.randint(1, 5 * 365))
                status = (
                    ErkenningStatus.ZONDER_GELDIGE_MENTOR
                    if rng.random() < 0.02
                    else ErkenningStatus.ACTIEF
                )
                copy.write_row(
                    (
                        _uuid(rng),
                        now,
                        now,
                        str(status),
                        tot - relativedelta(years=5),
                        tot,
                        False,
                        False,
                        vestiging.onderneming_id,
                        opleidingen[i // n_vest].pk,
                        partnerschap.pk,
                        vestiging.pk,
                    )
                )

    def _vacuum(self) -> None:
        with connection.cursor() as cursor:
            if connection.in_atomic_block:  # VACUUM cannot run inside a transaction
                cursor.execute("ANALYZE erkenning_erkenning")
            else:
                cursor.execute("VACUUM ANALYZE erkenning_erkenning")

    # --- measuring --------------------------------------------------------------------------

    def _verschuldigd(self, dag: date) -> dict[str, list[int]]:
        """The due rows per status, to put them back between rounds."""
        rijen: dict[str, list[int]] = {}
        for pk, status in Erkenning.objects.filter(
            status__in=LOPEND, geldig_tot__lt=dag
        ).values_list("pk", "status"):
            rijen.setdefault(status, []).append(pk)
        return rijen

    def _terugzetten(self, verschuldigd: dict[str, list[int]]) -> None:
        with connection.cursor() as cursor:
            for status, ids in verschuldigd.items():
                cursor.execute(
                    "UPDATE erkenning_erkenning SET status = %s, beeindigd_op = NULL "
                    "WHERE id = ANY(%s)",
                    [status, ids],
                )
        self._vacuum()

    def _raw_update(self, dag: date, now) -> tuple[int, float]:
        """(a) The same effect as one set-based UPDATE, in a transaction that is rolled back."""
        with transaction.atomic():
            with connection.cursor() as cursor:
                begin = time.perf_counter()
                cursor.execute(RAW_UPDATE, [ErkenningStatus.VERLOPEN, now, now, list(LOPEND), dag])
                duur = time.perf_counter() - begin
                rijen = cursor.rowcount
            transaction.set_rollback(True)
        return rijen, duur

    def _rapport(self, raw_rijen, raw_s, verlopen, sweep_s, batches, opnieuw, opnieuw_s) -> None:
        raw, sweep = statistics.median(raw_s), statistics.median(sweep_s)
        ratio = sweep / raw if raw else math.inf
        langste = max((s for ronde in batches for s in ronde), default=0.0)
        # Per round: the batches that found rows, then the empty one that ends the sweep.
        volle = sum(len(ronde) - 1 for ronde in batches) // len(sweep_s)

        def reeks(tijden: list[float]) -> str:
            return ", ".join(f"{t:.3f}" for t in tijden)

        regels = [
            f"(a) raw SQL UPDATE (rolled back): {raw_rijen:,} rows, median {raw:.3f} s "
            f"(rounds: {reeks(raw_s)})",
            f"(b) erkenningen_laten_verlopen:  {verlopen:,} rows, median {sweep:.3f} s "
            f"(rounds: {reeks(sweep_s)}), {volle} batch(es) + 1 empty per round, "
            f"longest transaction {langste:.3f} s",
            f"(c) re-run, nothing due:          {opnieuw:,} rows in {opnieuw_s:.3f} s",
            f"ratio sweep/raw:     {ratio:.2f}x  (target <= {DOEL_RATIO}x)  "
            f"{self._oordeel(ratio <= DOEL_RATIO)}",
            f"ratio of the best rounds: {min(sweep_s) / min(raw_s):.2f}x (for reference)",
            f"re-run:              {opnieuw_s:.3f} s  (target < {DOEL_HERHALING:.0f} s)  "
            f"{self._oordeel(opnieuw_s < DOEL_HERHALING)}",
            f"longest transaction: {langste:.3f} s  (target < {DOEL_TRANSACTIE:.0f} s)  "
            f"{self._oordeel(langste < DOEL_TRANSACTIE)}",
            f"rows expired: {verlopen}",
        ]
        if verlopen != raw_rijen:
            regels.append(f"WARNING: the sweep expired {verlopen} rows, the raw UPDATE {raw_rijen}")
        self.stdout.write("\n".join(regels))

    @staticmethod
    def _oordeel(gehaald: bool) -> str:
        return "PASS" if gehaald else "MISS"

    # --- cleaning up ------------------------------------------------------------------------

    def _opruimen(self, *, stil: bool = False) -> None:
        """Remove everything seeded under the bench partnership, its audit events included."""
        ids = list(Partnerschap.objects.filter(naam=BENCH_NAAM).values_list("pk", flat=True))
        if not ids:
            if not stil:
                self.stdout.write("Nothing to remove: no bench seed in this database.")
            return
        begin = time.perf_counter()
        soort = ContentType.objects.get_for_model(Erkenning)
        with transaction.atomic(), connection.cursor() as cursor:
            # The audit trail is append-only, in the database too (trigger on audit_event): the
            # sweep's events stay, pointing at removed rows. A scratch database avoids that.
            cursor.execute(
                f"SELECT count(*) FROM {Event._meta.db_table} e JOIN erkenning_erkenning r "
                "ON e.object_id = r.id WHERE e.content_type_id = %s "
                "AND r.partnerschap_id = ANY(%s)",
                [soort.pk, ids],
            )
            events = cursor.fetchone()[0]
            cursor.execute("DELETE FROM erkenning_erkenning WHERE partnerschap_id = ANY(%s)", [ids])
            rijen = cursor.rowcount
            ondernemingen = Onderneming.objects.filter(naam__startswith=BENCH_ONDERNEMING)
            Vestiging.objects.filter(onderneming__in=ondernemingen).delete()
            Opleiding.objects.filter(partnerschap_id__in=ids).delete()
            for organisatie in ondernemingen:
                organisatie.delete()  # multi-table children: one by one, parent row included
            # The partnership stays when audit events name it (append-only trail, PROTECT).
            for partnerschap in Partnerschap.objects.filter(pk__in=ids):
                if not Event.objects.filter(organisatie_id=partnerschap.pk).exists():
                    partnerschap.delete()
        self.stdout.write(
            f"Removed the bench seed: {rijen:,} recognitions ({time.perf_counter() - begin:.1f} s)"
            f"; their {events:,} audit events stay (append-only)."
        )
