"""Sending an agreement without waiting: the send POST against its limit, p95 <= 300 ms.

    manage.py bench_versturen [--n 30] [--warmup 3] [--modus worker|eager|achtergrond]

Runs on a scratch database that holds the demo data (`demo_data`; the database's name must
contain "bench" or "scratch", since every round commits) and on a Redis of its own: it uses the
settings' broker and purges its queue. It takes the demo draft that may be sent (Mila's), and
for each round puts it back to a draft of a new version (a raw UPDATE, so every round needs a
new PDF), reads the check-your-answers page and times only the POST that sends it, in process
with Django's test client, DEBUG off.

  worker       production-like: tasks are not eager; a real Celery worker, started here on
               the same database and broker, renders each PDF after commit. Afterwards every
               version must have its PDF and the worker's log must show one render per send.
  eager        the demo before: tasks eager and in the request (the POST waits for the PDF).
  achtergrond  the demo now: tasks eager but in the background thread (duaal.achtergrond).

Prints median and p95 of the POSTs, the ratio of p95 to the limit, and how the PDFs were made.
A benchmark, not a test: nothing fails on a slow machine, the figures say OK or MISSED.
"""

import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from duaal import achtergrond
from duaal.celery import app
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.models import Overeenkomst, OvereenkomstDocument

DOEL_P95_MS = 300.0
LEERLING = "Mila"
VERBORGEN = re.compile(r'<input[^>]*type="hidden"[^>]*>')
NAAM, WAARDE = re.compile(r'name="([^"]*)"'), re.compile(r'value="([^"]*)"')
GERENDERD = re.compile(r"Task overeenkomsten\.tasks\.overeenkomst_pdf\[[^]]+\] succeeded")


def p95(waarden: list[float]) -> float:
    return sorted(waarden)[max(0, round(0.95 * len(waarden)) - 1)]


def verborgen_velden(html: str) -> dict[str, str]:
    velden = {}
    for tag in VERBORGEN.findall(html):
        naam, waarde = NAAM.search(tag), WAARDE.search(tag)
        if naam and waarde and naam.group(1) != "csrfmiddlewaretoken":
            velden[naam.group(1)] = waarde.group(1)
    return velden


def oordeel(gehaald: bool) -> str:
    return "OK" if gehaald else "MISSED"


class Command(BaseCommand):
    help = "Time the send POST of an agreement (p95 <= 300 ms) with a real Celery worker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, default=30, help="timed sends")
        parser.add_argument("--warmup", type=int, default=3, help="untimed sends first")
        parser.add_argument("--modus", choices=["worker", "eager", "achtergrond"], default="worker")
        parser.add_argument("--wacht", type=float, default=600, help="seconds for the PDFs")

    def handle(self, *args: Any, n: int, warmup: int, modus: str, wacht: float, **_: Any) -> None:
        naam = str(connection.settings_dict["NAME"])
        if "bench" not in naam and "scratch" not in naam:
            raise CommandError(f"Run this on a scratch database (name with bench/scratch): {naam}")
        o = self._concept()
        coach = o.trajectbegeleider
        client = Client()
        client.force_login(coach)
        eager = modus != "worker"
        instellingen = {
            "DEBUG": False,
            "ALLOWED_HOSTS": ["testserver"],
            "CELERY_TASK_ALWAYS_EAGER": eager,
            "EAGER_TASKS_IN_BACKGROUND": modus == "achtergrond",
        }
        app.conf.task_always_eager = eager
        worker = self._worker() if modus == "worker" else None
        try:
            with override_settings(**instellingen):
                tijden, daarna = self._versturen(
                    client, o, n=n, warmup=warmup, modus=modus, wacht=wacht
                )
        finally:
            app.conf.task_always_eager = settings.CELERY_TASK_ALWAYS_EAGER
            if worker is not None:
                os.killpg(worker[0].pid, signal.SIGTERM)
                worker[0].wait(timeout=30)
        self._rapporteren(tijden, daarna, modus=modus)
        if worker is not None:
            renders = len(GERENDERD.findall(worker[1].read_text()))
            self.stdout.write(
                f"PDFs rendered by the worker (its log): {renders} of {warmup + n} sends "
                f"{oordeel(renders == warmup + n)}"
            )

    def _concept(self) -> Overeenkomst:
        # The demo's draft of Mila, or after an earlier run the one that run kept sending (its
        # version went up); her other agreement is already sent.
        kandidaten = Overeenkomst.objects.filter(leerling__voornaam=LEERLING).select_related(
            "trajectbegeleider"
        )
        o = kandidaten.filter(status=OvereenkomstStatus.ONTWERP).first() or (
            kandidaten.filter(versie__gt=1).order_by("-versie").first()
        )
        if o is None:
            raise CommandError("No demo agreement of Mila: load `manage.py demo_data` first.")
        return o

    def _versturen(
        self, client: Client, o: Overeenkomst, *, n: int, warmup: int, modus: str, wacht: float
    ) -> tuple[list[float], list[float]]:
        """The POST times, and how long each PDF took after its POST returned."""
        url = reverse("overeenkomsten:overeenkomst_versturen", args=[o.public_id])
        tijden: list[float] = []
        daarna: list[float] = []
        for i in range(warmup + n):
            # A draft again, of a new version: the send needs a new PDF every round.
            Overeenkomst.objects.filter(pk=o.pk).update(
                status=OvereenkomstStatus.ONTWERP, versie=F("versie") + 1, verstuurd_op=None
            )
            pagina = client.get(url)
            if pagina.status_code != 200:
                raise CommandError(f"The send page answered {pagina.status_code}.")
            # The page's hidden fields (the check-your-answers fingerprint), as a browser posts.
            data = verborgen_velden(pagina.content.decode())
            begin = time.perf_counter()
            antwoord = client.post(url, data)
            duur = time.perf_counter() - begin
            if antwoord.status_code != 302:
                raise CommandError(f"The send POST answered {antwoord.status_code}.")
            o.refresh_from_db()
            # Each PDF is awaited before the next send (untimed): the worker renders every
            # version, and a render never competes with the next POST for the machine.
            self._wachten(o, modus=modus, wacht=wacht)
            if i >= warmup:
                tijden.append(duur * 1000)
                daarna.append(time.perf_counter() - begin - duur)
        return tijden, daarna

    def _wachten(self, o: Overeenkomst, *, modus: str, wacht: float) -> None:
        if modus == "achtergrond":
            achtergrond.wachten(timeout=wacht)
        einde = time.monotonic() + wacht
        pdf = OvereenkomstDocument.objects.filter(overeenkomst=o, versie=o.versie)
        while not pdf.exists():
            if time.monotonic() > einde:
                raise CommandError(f"No PDF of version {o.versie} after {wacht:.0f} s.")
            time.sleep(0.05)

    def _worker(self) -> tuple[subprocess.Popen, Path]:
        app.control.purge()
        log = Path(tempfile.mkdtemp(prefix="bench-versturen-")) / "worker.log"
        db = connection.settings_dict
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
            "DATABASE_URL": (
                f"postgres://{db['USER']}{':' + db['PASSWORD'] if db['PASSWORD'] else ''}"
                f"@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
            ),
            "CELERY_BROKER_URL": app.conf.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "PYTHONPATH": str(settings.BASE_DIR),
        }
        commando = [str(Path(sys.executable).with_name("celery")), "-A", "duaal", "worker"]
        commando += ["--pool=solo", "-c1", "-l", "INFO"]
        commando += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        with log.open("w") as uit:
            proces = subprocess.Popen(
                commando,
                cwd=settings.BASE_DIR,
                env=env,
                stdout=uit,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own group: stopping it stops nothing else
            )
        einde = time.monotonic() + 60
        while "ready." not in log.read_text():
            if proces.poll() is not None or time.monotonic() > einde:
                raise CommandError(f"The worker did not start:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        return proces, log

    def _rapporteren(self, tijden: list[float], daarna: list[float], *, modus: str) -> None:
        mediaan, hoog = statistics.median(tijden), p95(tijden)
        self.stdout.write(
            f"send POST ({modus}): {len(tijden)} timed sends, median {mediaan:.1f} ms, "
            f"p95 {hoog:.1f} ms; p95 / limit = {hoog / DOEL_P95_MS:.2f} "
            f"(limit p95 <= {DOEL_P95_MS:.0f} ms) {oordeel(hoog <= DOEL_P95_MS)}"
        )
        self.stdout.write(
            f"PDF ready after the POST returned: median {statistics.median(daarna):.2f} s, "
            f"p95 {p95(daarna):.2f} s (every version has its PDF)"
        )
