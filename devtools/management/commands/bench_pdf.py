"""P4 benchmark (quality.md): the agreement PDF against a bare WeasyPrint render of its HTML.

    manage.py bench_pdf [--n 500] [--warmup 5]

Inside one transaction that is rolled back at the end, it creates one realistic agreement of a
minor (full timetable, training plan, holiday annex: 6 pages). The two paths are

  (a) the portal path: presenteer() + render_to_pdf(), what overeenkomst_pdf_maken does minus
      storing the file;
  (b) the limit: weasyprint.HTML(string=html).write_pdf() of the same HTML with the same PDF
      variant (PDF/A-3a, tagged: duaal.pdf.PDF_VARIANT), print.css loaded through a plain
      file:// URL instead of the portal's static-only fetcher.

After the warm-up it renders (a) N times and compares RSS (VmRSS) before and after (target
< 10% growth), then times N renders of (a) and (b) interleaved, so machine noise hits both
alike: median and p95 of both, the ratio of medians (target <= 1.2x) and the median of (a)
(target <= 1 s), each with OK or MISSED. A benchmark, not a test: nothing fails on a slow
machine. Run it on a scratch database: it holds one transaction open for the whole run.
"""

import datetime as dt
import gc
import logging
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.insz import insz_voor
from duaal.organisaties.constants import Overeenkomsttype, PartnerschapSoort
from duaal.organisaties.models import (
    Onderneming,
    Onderwijsinstelling,
    Opleiding,
    Partnerschap,
    Vestiging,
)
from duaal.pdf import PDF_VARIANT, RenderedPdf, render_to_pdf
from mentors.constants import ToewijzingStatus
from mentors.models import Mentor, MentorToewijzing
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus, Situatie
from overeenkomsten.models import Leerling, Overeenkomst, UurroosterRegel
from overeenkomsten.presenter import TEMPLATE, presenteer

DOEL_RATIO, DOEL_MEDIAAN_S, DOEL_GROEI = 1.2, 1.0, 0.10
NAAM = "BENCH PDF"
ROOSTER = [  # (day, where, from, until): 24 workplace hours, 14 lesson hours, a minor's limits
    (1, "werkplek", "08:00", "12:00"),
    (1, "werkplek", "12:30", "16:30"),
    (2, "werkplek", "08:00", "12:00"),
    (2, "werkplek", "12:30", "16:30"),
    (3, "werkplek", "08:00", "12:00"),
    (3, "werkplek", "12:30", "16:30"),
    (4, "school", "08:30", "12:00"),
    (4, "school", "12:30", "16:00"),
    (5, "school", "08:30", "12:00"),
    (5, "school", "12:30", "16:00"),
]
COMPETENTIES = [
    "de werkplek voorbereiden en na afloop opruimen",
    "veilig en ergonomisch werken met machines en handgereedschap",
    "technische tekeningen en werkinstructies lezen",
    "materialen opmeten, uitzetten en op maat maken",
    "onderdelen monteren en demonteren volgens de werkvolgorde",
    "metingen uitvoeren en de kwaliteit van het eigen werk controleren",
    "storingen opsporen en melden aan de mentor",
    "afval sorteren volgens de milieuregels van de onderneming",
    "communiceren met collega's en klanten",
    "de eigen werkplanning opvolgen en bijsturen",
]


def _kbo(basis: int) -> str:
    prefix = f"0{basis % 10_000_000:07d}"
    return prefix + str(97 - int(prefix) % 97).zfill(2)


def _vestigingseenheid(basis: int) -> str:
    prefix = f"2{basis % 10_000_000:07d}"
    return prefix + str(97 - int(prefix) % 97).zfill(2)


def _vrij(model, veld: str, maak: Callable[[int], str], rng: random.Random) -> str:
    """A value no row holds yet: the benchmark may run on the scale seed."""
    while True:
        waarde = maak(rng.randrange(10**9))
        if not model.objects.filter(**{veld: waarde}).exists():
            return waarde


def _opleidingsplan() -> str:
    delen = [f"Competentie {i}: {tekst}." for i, tekst in enumerate(COMPETENTIES, 1)]
    return (
        "Doel: de leerling verwerft de beroepskwalificatie van de opleiding.\n\n"
        + "\n".join(delen)
        + "\n\nEvaluatie: elk trimester beoordelen de mentor en de trajectbegeleider samen de "
        "vorderingen op de werkplek; de klassenraad beslist over het slagen."
    )


def voorbeeld_maken(rng: random.Random) -> Overeenkomst:
    """One agreement of a minor as the portal would hold it once sent for approval."""
    partnerschap = Partnerschap.objects.create(
        naam=f"{NAAM} partnerschap", partnerschap_soort=PartnerschapSoort.SECTORAAL
    )
    opleiding = Opleiding.objects.create(
        officiele_naam=f"{NAAM} Elektrotechnicus duaal",
        code=_vrij(Opleiding, "code", lambda n: f"BENCH-{n}", rng),
        overeenkomsttype=Overeenkomsttype.OAO,
        partnerschap=partnerschap,
        werkplekuren_per_week=24,
    )
    adres = dict(straat="Industrieweg", huisnummer="12", postcode="9000", gemeente="Gent")
    onderneming = Onderneming.objects.create(
        naam=f"{NAAM} Elektro Vandamme BV",
        kbo_nummer=_vrij(Onderneming, "kbo_nummer", _kbo, rng),
        rechtsvorm="bv",
        **adres,
    )
    vestiging = Vestiging.objects.create(
        onderneming=onderneming,
        naam=f"{NAAM} Atelier Gent-Zuid",
        vestigingseenheidsnummer=_vrij(
            Vestiging, "vestigingseenheidsnummer", _vestigingseenheid, rng
        ),
        **adres,
    )
    school = Onderwijsinstelling.objects.create(
        naam=f"{NAAM} Technisch Instituut",
        instellingsnummer=_vrij(
            Onderwijsinstelling, "instellingsnummer", lambda n: f"{n % 900_000 + 100_000}", rng
        ),
        straat="Schoolstraat",
        huisnummer="3",
        postcode="9000",
        gemeente="Gent",
    )
    coach = _gebruiker(school, Rol.TRAJECTBEGELEIDER, "Tine Trajectbegeleider", rng)
    _gebruiker(onderneming, Rol.VERTEGENWOORDIGER, "Wim Vandamme", rng)
    mentor = Mentor.objects.create(
        onderneming=onderneming,
        voornaam="Els",
        achternaam="Maes",
        geboortedatum=dt.date(1980, 4, 12),
        insz=insz_voor(dt.date(1980, 4, 12), 1 + rng.randrange(997)),
        functie="Ploegbaas",
        jaren_ervaring=12,
    )
    toewijzing = MentorToewijzing.objects.create(
        mentor=mentor,
        vestiging=vestiging,
        opleiding=opleiding,
        aangesteld_op=dt.date(2026, 9, 1),
        status=ToewijzingStatus.AANVAARD,
    )
    leerling = Leerling.objects.create(
        onderwijsinstelling=school,
        trajectbegeleider=coach,
        voornaam="Lotte",
        achternaam="Peeters",
        insz=insz_voor(dt.date(2010, 3, 15), 41),
        geboortedatum=dt.date(2010, 3, 15),
        e_mail="lotte.bench@leerling.invalid",
        opleiding=opleiding,
        start_lessen=dt.date(2026, 9, 1),
        situatie=Situatie.A,
        vertegenwoordiger_naam="An Peeters",
        vertegenwoordiger_e_mail="ouder.bench@leerling.invalid",
        status=LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        werkplek=vestiging,
        straat="Kerkstraat",
        huisnummer="1",
        postcode="9000",
        gemeente="Gent",
    )
    overeenkomst = Overeenkomst.objects.create(
        leerling=leerling,
        onderwijsinstelling=school,
        trajectbegeleider=coach,
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=opleiding,
        toewijzing=toewijzing,
        soort=Overeenkomsttype.OAO,
        status=OvereenkomstStatus.TER_GOEDKEURING,
        start=dt.date(2026, 10, 1),
        einde=dt.date(2028, 6, 30),
        werkplekuren_per_week=Decimal(24),
        opleidingsplan=_opleidingsplan(),
        vakantiebijlage=(
            "Jaarlijkse inventaris en onderhoud van de machines in de eerste week van juli: "
            "de leerling leert de preventieve onderhoudsprocedures die alleen dan gebeuren.\n"
            "Recuperatie: vijf werkplekdagen in de lesweken van oktober en november."
        ),
        situatie=Situatie.A,
        leervergoeding=Decimal("600.50"),
        met_vertegenwoordiger=True,
        verstuurd_op=timezone.now(),
    )
    UurroosterRegel.objects.bulk_create(
        UurroosterRegel(overeenkomst=overeenkomst, dag=d, plaats=p, van=van, tot=tot)
        for d, p, van, tot in ROOSTER
    )
    return overeenkomst


def _gebruiker(organisatie, rol: str, naam: str, rng: random.Random) -> User:
    email = _vrij(User, "email", lambda n: f"bench-pdf-{n}@portaal.invalid", rng)
    user = User.objects.create_user(email=email, naam=naam)
    Membership.objects.create(user=user, organisatie=organisatie, rol=rol)
    return user


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for regel in status:
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1])
    raise CommandError("No VmRSS in /proc/self/status: this benchmark needs Linux.")


def p95(reeks: list[float]) -> float:
    if len(reeks) < 2:
        return max(reeks)
    return statistics.quantiles(reeks, n=100, method="inclusive")[94]


def oordeel(gehaald: bool) -> str:
    return "OK" if gehaald else "MISSED"


def _duur(render: Callable[[], bytes]) -> float:
    begin = time.perf_counter()
    render()
    return time.perf_counter() - begin


class Command(BaseCommand):
    help = "P4: time the agreement PDF against a bare WeasyPrint render of the same HTML."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=500, help="timed renders of each kind")
        parser.add_argument("--warmup", type=int, default=5, help="untimed renders first")

    def handle(self, *args, n: int, warmup: int, **options) -> None:
        if n < 1 or warmup < 0:
            raise CommandError("--n must be at least 1 and --warmup at least 0.")
        progress = logging.getLogger("weasyprint.progress")
        niveau = progress.level
        # Both paths log every layout step at INFO; that is logging config, not rendering.
        progress.setLevel(logging.WARNING)
        try:
            with transaction.atomic():
                meting = self._meten(n, warmup)
                # The sample agreement and its parties are never committed.
                transaction.set_rollback(True)
        finally:
            progress.setLevel(niveau)
        self._rapporteren(n, warmup, **meting)

    def _meten(self, n: int, warmup: int) -> dict:
        overeenkomst = voorbeeld_maken(random.Random())

        def portaal() -> RenderedPdf:
            return render_to_pdf(TEMPLATE, presenteer(overeenkomst).context(document=True))

        html = render_to_string(TEMPLATE, presenteer(overeenkomst).context(document=True))
        css = Path(finders.find("css/print.css"))
        if static("css/print.css") not in html:
            raise CommandError("The agreement template no longer links css/print.css.")
        kale_html = html.replace(static("css/print.css"), css.name)

        def kaal() -> bytes:
            import weasyprint

            return weasyprint.HTML(string=kale_html, base_url=css.parent.as_uri() + "/").write_pdf(
                pdf_variant=PDF_VARIANT
            )

        pagina_s = portaal().pages
        for _ in range(warmup):
            portaal(), kaal()
        # Memory first and on the portal path alone: the target is about the portal, and a
        # bare render (its own font configuration every time) grows the process by itself.
        gc.collect()
        rss_voor = rss_kb()
        for _ in range(n):
            portaal()
        gc.collect()
        rss_na = rss_kb()
        tijden: dict[str, list[float]] = {"portaal": [], "kaal": []}
        for i in range(n):
            # Alternate the order so neither path always runs on a warmer cache.
            volgorde = [("portaal", portaal), ("kaal", kaal)]
            for naam, render in volgorde if i % 2 == 0 else reversed(volgorde):
                tijden[naam].append(_duur(render))
        gc.collect()
        return {
            "tijden": tijden,
            "rss_voor": rss_voor,
            "rss_na": rss_na,
            "rss_einde": rss_kb(),
            "pagina_s": pagina_s,
            "html_kb": len(html.encode()) / 1024,
            "css_bytes": css.stat().st_size,
        }

    def _rapporteren(
        self, n, warmup, *, tijden, rss_voor, rss_na, rss_einde, pagina_s, html_kb, css_bytes
    ) -> None:
        portaal, kaal = tijden["portaal"], tijden["kaal"]
        mediaan_p, mediaan_k = statistics.median(portaal), statistics.median(kaal)
        ratio = mediaan_p / mediaan_k
        groei = (rss_na - rss_voor) / rss_voor
        regels = [
            f"P4 agreement PDF: {n} renders of each kind after {warmup} warm-up, "
            f"{pagina_s} pages, HTML {html_kb:.1f} kB, print.css {css_bytes} B",
            f"portal path (presenteer + render_to_pdf): median {mediaan_p * 1000:.1f} ms, "
            f"p95 {p95(portaal) * 1000:.1f} ms",
            f"bare WeasyPrint (same HTML, {PDF_VARIANT}):   median {mediaan_k * 1000:.1f} ms, "
            f"p95 {p95(kaal) * 1000:.1f} ms",
            f"ratio of medians: {ratio:.2f}x (target <= {DOEL_RATIO}x) "
            f"{oordeel(ratio <= DOEL_RATIO)}",
            f"median portal render: {mediaan_p * 1000:.0f} ms (target <= "
            f"{DOEL_MEDIAAN_S * 1000:.0f} ms) {oordeel(mediaan_p <= DOEL_MEDIAAN_S)}",
            f"memory: RSS {rss_voor / 1024:.1f} MB after warm-up, {rss_na / 1024:.1f} MB after "
            f"{n} portal renders, growth {groei * 100:+.1f}% (target < "
            f"{DOEL_GROEI * 100:.0f}%) {oordeel(groei < DOEL_GROEI)}",
            f"(for information: RSS {rss_einde / 1024:.1f} MB after the timed phase, "
            f"{n} renders of each kind)",
        ]
        self.stdout.write("\n".join(regels))
