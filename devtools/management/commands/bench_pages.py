"""P1 benchmark (quality.md): server time and query count of the key pages on the scale seed.

    manage.py bench_pages [--n 200] [--warmup 10]

Runs against the CURRENT database, which must hold the scale seed (manage.py seed_scale). The
users and objects come from the seeded data by query: the first consultant of a sectoral
partnership, the first coach, the first employer representative, the first open application of
that consultant's partnership, and the programme x postcode with the most public recognitions.

Per page, in-process with django.test.Client (DEBUG off, no network, no WSGI server):

  (a) N GETs after the warm-up, server time per request (perf_counter around client.get);
  (b) the page's queries, captured on the first and on the last request (their count must be
      fixed: a difference points at a per-process cache or a query that depends on the clock);
  (c) the limit: the captured SQL of one request, run bare N times on the raw driver cursor,
      inside a transaction that is rolled back (a page may write, e.g. its session);
  (d) the queries run from a template on the first measured request (devtools/querybron.py:
      issued while a template renders; context processors count apart), column "tpl q". Each
      is listed under the table with its template line.

A minimal Django view (/health/ without Redis: one SELECT 1) is timed the same way for
reference. Targets: p95 <= 150 ms, <= 12 queries and no query from a template, each with OK or
MISSED. A benchmark, not a test: the exit code is 0 whatever the figures.
"""

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from devtools.querybron import SourcedQuery, query_sources
from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.organisaties.constants import PartnerschapSoort
from duaal.organisaties.models import Partnerschap
from erkenning.constants import OPEN_STATUSSEN
from erkenning.models import Aanvraag, Erkenning

DOEL_P95_MS, DOEL_QUERIES = 150.0, 12
# Django runs .iterator() (e.g. a ModelChoiceField's options) as a server-side cursor; the
# captured text is the DECLARE and the FETCHes are not captured, so re-run its SELECT instead.
DECLARE = re.compile(r'^DECLARE "[^"]+" [A-Z ]*?CURSOR (?:WITH(?:OUT)? HOLD )?FOR ', re.DOTALL)
KOLOMMEN = (
    f"{'page':<22}{'p50 ms':>8}{'p95 ms':>8}{'queries':>9}{'tpl q':>7}{'bare p50':>10}"
    f"{'bare p95':>10}  p95<={DOEL_P95_MS:.0f}ms  queries<={DOEL_QUERIES}  no tpl q"
)


@dataclass
class Pagina:
    naam: str
    url: str
    user: User | None = None
    uitleg: str = ""


@dataclass
class Meting:
    tijden: list[float] = field(default_factory=list)
    kaal: list[float] = field(default_factory=list)
    queries: tuple[int, int] = (0, 0)
    sjabloon: list[SourcedQuery] = field(default_factory=list)  # run from a template
    fout: str = ""


def p95(reeks: list[float]) -> float:
    if len(reeks) < 2:
        return max(reeks)
    return statistics.quantiles(reeks, n=100, method="inclusive")[94]


def oordeel(gehaald: bool) -> str:
    return "OK" if gehaald else "MISSED"


def _eerste_lid(rol: str, **filters) -> User:
    membership = (
        Membership.objects.filter(rol=rol, actief=True, **filters)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise CommandError(f"No active {rol} in this database: run manage.py seed_scale first.")
    return membership.user


def _zoekopdracht() -> tuple[str, int]:
    """The programme x postcode with the most public recognitions: the heaviest search."""
    top = (
        Erkenning.objects.publiek()
        .values("opleiding__public_id", "vestiging__postcode")
        .annotate(aantal=Count("pk"))
        .order_by("-aantal", "opleiding__public_id", "vestiging__postcode")
        .first()
    )
    if top is None:
        raise CommandError("No public recognitions in this database: run seed_scale first.")
    query = f"?opleiding={top['opleiding__public_id']}&plaats={top['vestiging__postcode']}"
    return reverse("erkenning:publiek_zoeken") + query, top["aantal"]


def paginas_kiezen() -> list[Pagina]:
    """The key pages of quality.md P1, with users and objects picked from the seeded data."""
    sectoraal = Partnerschap.objects.filter(partnerschap_soort=PartnerschapSoort.SECTORAAL)
    if Membership.objects.filter(organisatie__in=sectoraal.values("pk")).exists():
        consulent = _eerste_lid(Rol.SECTORCONSULENT, organisatie__in=sectoraal.values("pk"))
    else:  # a tiny seed has only the first partnership, and that one is not sectoral
        consulent = _eerste_lid(Rol.SECTORCONSULENT)
    partnerschap_id = consulent.memberships.get(rol=Rol.SECTORCONSULENT).organisatie_id
    aanvraag = (
        Aanvraag.objects.filter(partnerschap_id=partnerschap_id, status__in=OPEN_STATUSSEN)
        .order_by("pk")
        .first()
    )
    if aanvraag is None:
        raise CommandError(f"No open application for {consulent.email}: run seed_scale first.")
    werkgever = _eerste_lid(Rol.VERTEGENWOORDIGER)
    coach = _eerste_lid(Rol.TRAJECTBEGELEIDER)
    zoek_url, treffers = _zoekopdracht()
    dashboard = reverse("portaal:dashboard")
    return [
        Pagina("consultant queue", reverse("erkenning:wachtrij"), consulent),
        Pagina(
            "application detail",
            reverse("erkenning:aanvraag_detail", kwargs={"public_id": aanvraag.public_id}),
            consulent,
            f"application {aanvraag.pk}, status {aanvraag.status}",
        ),
        Pagina("employer dashboard", dashboard, werkgever),
        Pagina("school dashboard", dashboard, coach),
        Pagina("workplace search", zoek_url, None, f"public, {treffers} results"),
        # Not key pages in quality.md, but the longest lists: the deepest offset of a
        # partnership's applications, and a school's agreements.
        Pagina(
            "applications, last",
            reverse("erkenning:aanvraag_list") + "?pagina=999999",
            consulent,
            "the partnership's application list, last page",
        ),
        Pagina("school agreements", reverse("overeenkomsten:overeenkomst_list"), coach),
    ]


def _duur(actie: Callable[[], object]) -> float:
    begin = time.perf_counter()
    actie()
    return time.perf_counter() - begin


def _kaal_uitvoeren(sql: list[str], n: int) -> list[float]:
    """Time the captured statements on the driver's own cursor: no ORM, no Django wrapper."""
    tijden = []
    with transaction.atomic():
        ruwe_cursor = connection.connection.cursor()
        try:
            for _ in range(n):
                begin = time.perf_counter()
                for statement in sql:
                    # The captured text has its parameters inlined, so nothing is bound here.
                    ruwe_cursor.execute(statement)
                    if ruwe_cursor.description is not None:
                        ruwe_cursor.fetchall()
                tijden.append(time.perf_counter() - begin)
        finally:
            ruwe_cursor.close()
        transaction.set_rollback(True)  # a page's own writes (session, audit) must not pile up
    return tijden


def pagina_meten(pagina: Pagina, n: int, warmup: int) -> Meting:
    client = Client()
    if pagina.user is not None:
        client.force_login(pagina.user)

    def ophalen() -> None:
        response = client.get(pagina.url)
        if response.status_code != 200:
            raise CommandError(f"{pagina.url} answered {response.status_code}")

    try:
        for _ in range(warmup):
            ophalen()
        with CaptureQueriesContext(connection) as eerste, query_sources() as bronnen:
            ophalen()
        # Read now: `captured_queries` slices the connection's log, which the next request
        # empties (request_started), so read later it would show other requests' queries.
        sql = [DECLARE.sub("", query["sql"]) for query in eerste.captured_queries]
        tijden = [_duur(ophalen) for _ in range(n)]
        with CaptureQueriesContext(connection) as laatste:
            ophalen()
    except CommandError as fout:
        return Meting(fout=str(fout))
    return Meting(
        tijden=tijden,
        kaal=_kaal_uitvoeren(sql, n),
        queries=(len(sql), len(laatste.captured_queries)),
        sjabloon=bronnen.template,
    )


def regel(naam: str, meting: Meting, *, met_doel: bool = True) -> str:
    if meting.fout:
        return f"{naam:<22}ERROR: {meting.fout}"
    eerste, laatste = meting.queries
    queries = str(eerste) if eerste == laatste else f"{eerste}/{laatste}"
    tekst = (
        f"{naam:<22}{statistics.median(meting.tijden) * 1000:>8.1f}"
        f"{p95(meting.tijden) * 1000:>8.1f}{queries:>9}{len(meting.sjabloon):>7}"
        f"{statistics.median(meting.kaal) * 1000:>10.2f}{p95(meting.kaal) * 1000:>10.2f}"
    )
    if not met_doel:
        return tekst + "  (reference)"
    p95_ok = p95(meting.tijden) * 1000 <= DOEL_P95_MS
    queries_ok = eerste == laatste and laatste <= DOEL_QUERIES
    return f"{tekst}  {oordeel(p95_ok):<12}{oordeel(queries_ok):<13}{oordeel(not meting.sjabloon)}"


class Command(BaseCommand):
    help = "P1: time the key pages and count their queries on the scale seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=200, help="timed requests per page")
        parser.add_argument("--warmup", type=int, default=10, help="untimed requests first")

    def handle(self, *args, n: int, warmup: int, **options) -> None:
        if n < 1 or warmup < 0:
            raise CommandError("--n must be at least 1 and --warmup at least 0.")
        # The test client sends Host "testserver"; /health/ must not wait on Redis or beat.
        with override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            HEALTH_CHECK_REDIS=False,
        ):
            paginas = paginas_kiezen()
            referentie = pagina_meten(Pagina("minimal view", reverse("health")), n, warmup)
            metingen = [(pagina, pagina_meten(pagina, n, warmup)) for pagina in paginas]
        self._rapporteren(n, warmup, referentie, metingen)

    def _rapporteren(self, n, warmup, referentie: Meting, metingen) -> None:
        regels = [
            f"P1 key pages: {n} requests each after {warmup} warm-up, in-process "
            f"(django.test.Client, DEBUG off), database {connection.settings_dict['NAME']!r}; "
            "bare = the page's captured SQL on the raw driver cursor; tpl q = its queries run "
            "from a template (first measured request)",
            KOLOMMEN,
            regel("minimal view", referentie, met_doel=False),
            *(regel(pagina.naam, meting) for pagina, meting in metingen),
            "pages:",
            f"  {'minimal view':<20} {reverse('health')} (HEALTH_CHECK_REDIS off)",
        ]
        for pagina, _ in metingen:
            wie = pagina.user.email if pagina.user else "anonymous"
            extra = f", {pagina.uitleg}" if pagina.uitleg else ""
            regels.append(f"  {pagina.naam:<20} {pagina.url} as {wie}{extra}")
        sjabloon = [(pagina.naam, q) for pagina, meting in metingen for q in meting.sjabloon]
        if sjabloon:
            regels.append("queries from a template (move them into the view):")
            regels += [f"  {naam:<20} {q.where}: {q.sql[:120]}" for naam, q in sjabloon]
        self.stdout.write("\n".join(regels))
