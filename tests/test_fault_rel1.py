"""Fault injection (quality.md REL1): a Celery worker killed with SIGKILL in the middle of a
deadline sweep or of an agreement PDF render. After a restart, and the retries beat or a
redelivery brings, every due effect has happened exactly once: one expiry and one audit event
per due recognition, one PDF per agreement version and no file left over from the killed render.
(Notification delivery, the third part of REL1, is covered in `test_meldingen.py`.)

A worker killed after the PDF file was stored and before its row was saved leaves that file
behind, and the retry stores another under a new name. The daily sweep deletes such an orphan
once it is older than OVEREENKOMST_PDF_WEES_NA (younger, it may be a render in flight), so the
test runs the sweep again as the next day's beat would, with the clock past that period.
"""

import datetime as dt
import hashlib
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine

from django.db.models import Count
from django.utils import timezone

from duaal.audit.models import Event
from duaal.termijnen import vandaag
from erkenning.constants import ErkenningStatus
from erkenning.models import Erkenning
from erkenning.tasks import erkenningen_task
from overeenkomsten.models import Ggmmi, OvereenkomstDocument
from overeenkomsten.services.opruimen import VERWIJDERD
from overeenkomsten.tasks import (
    overeenkomst_pdf_task,
    overeenkomsten_termijnen_task,
    overeenkomsten_zonder_erkenning_task,
)
from tests.factories import (
    OndernemingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    VestigingFactory,
)
from tests.overeenkomsten.conftest import traject  # noqa: F401 (a fixture)

from .fault_hooks import BLOCKED, NA_BATCH, OPGESLAGEN, RENDEREN
from .fault_workers import Workers, running_workers

pytestmark = pytest.mark.fault

VESTIGINGEN, OPLEIDINGEN = 50, 200  # two batches of 5,000; one running recognition per pair (REL5)
VERLOPEN = "erkenning.verlopen"


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Workers]:
    with running_workers(tmp_path) as workers:
        yield workers


# --- the expiry sweep ----------------------------------------------------------------------------


def _due_recognitions() -> int:
    """Running recognitions that ended yesterday, one per establishment x programme."""
    dag = vandaag(timezone.now())
    onderneming = OndernemingFactory()
    vestigingen = VestigingFactory._meta.model.objects.bulk_create(
        VestigingFactory.build_batch(VESTIGINGEN, onderneming=onderneming)
    )
    opleidingen = OpleidingFactory._meta.model.objects.bulk_create(
        OpleidingFactory.build_batch(OPLEIDINGEN, partnerschap=PartnerschapFactory())
    )
    rijen = [
        Erkenning(
            onderneming=onderneming,
            vestiging=vestiging,
            opleiding=opleiding,
            partnerschap=opleiding.partnerschap,
            geldig_van=dag - dt.timedelta(days=5 * 365),
            geldig_tot=dag - dt.timedelta(days=1),
        )
        for vestiging in vestigingen
        for opleiding in opleidingen
    ]
    Erkenning.objects.bulk_create(rijen, batch_size=5000)
    return len(rijen)


def _expired() -> int:
    return Erkenning.objects.filter(status=ErkenningStatus.VERLOPEN).count()


def _wait_until_partly_expired(workers: Workers, totaal: int, seconds: float = 60) -> int:
    """Poll fast: a batch commits in a fraction of a second."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if 0 < (gedaan := _expired()) < totaal:
            return gedaan
        assert gedaan == 0, "the sweep finished before it could be killed: seed more rows"
        time.sleep(0.005)
    pytest.fail(f"no batch committed within {seconds} s:\n{workers.log.read_text()[-4000:]}")


@pytest.mark.django_db(transaction=True)  # the workers must see committed rows
def test_an_expiry_sweep_killed_between_batches_expires_every_row_once_after_restart(
    workers,
) -> None:
    totaal = _due_recognitions()
    eerste = workers.start()
    workers.enqueue(erkenningen_task)
    _wait_until_partly_expired(workers, totaal)
    workers.kill(eerste)
    na_kill = _expired()
    assert 0 < na_kill < totaal  # killed mid-sweep, and nothing rolled forward since

    # Beat's next tick; a late redelivery of the killed task (acks_late) changes nothing.
    workers.start()
    workers.enqueue(erkenningen_task)
    workers.wait_for(lambda: _expired() == totaal, "expiry of every due row", seconds=120)
    workers.enqueue(erkenningen_task)
    workers.enqueue(erkenningen_task)
    workers.wait_for(lambda: _succeeded(workers, erkenningen_task.name) == 3, "three clean runs")

    assert not Erkenning.objects.exclude(status=ErkenningStatus.VERLOPEN).exists()
    assert not Erkenning.objects.filter(beeindigd_op=None).exists()
    events = Event.objects.filter(verb=VERLOPEN, content_type__model="erkenning")
    assert events.count() == totaal
    assert set(events.values_list("object_id", flat=True)) == set(
        Erkenning.objects.values_list("pk", flat=True)
    )
    assert not events.values("object_id").annotate(n=Count("id")).filter(n__gt=1).exists()


def _succeeded(workers: Workers, task: str) -> int:
    """Runs of `task` the workers logged as succeeded (Celery logs each at INFO)."""
    return sum(
        f"Task {task}[" in regel and " succeeded in " in regel
        for regel in workers.log.read_text().splitlines()
    )


# --- the agreement PDF ---------------------------------------------------------------------------


def _hooked_env(workers: Workers, **env: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "tests.fault_settings",
        "FAULT_QUEUE": workers.queue,
        "FAULT_MEDIA_ROOT": str(workers.mail.parent / "media"),
        "FAULT_DIR": str(workers.mail.parent),
        **env,
    }


def _files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file())


@pytest.mark.django_db(transaction=True)  # the workers must see committed rows
@pytest.mark.parametrize("punt", [RENDEREN, OPGESLAGEN])
def test_a_pdf_render_killed_midway_leaves_one_pdf_per_version_after_restart(
    workers,
    traject,  # noqa: F811
    punt,
    settings,
) -> None:
    # The seeded index is gone once an earlier transactional test flushed the tables.
    Ggmmi.objects.get_or_create(geldig_vanaf=dt.date(2024, 5, 1), bedrag=Decimal("2070.48"))
    overeenkomst = traject.verstuurd()
    # Rendered eagerly here after commit: take it away, as if that task had been lost.
    for document in OvereenkomstDocument.objects.filter(overeenkomst=overeenkomst):
        document.bestand.delete(save=False)
        document.delete()
    media = workers.mail.parent / "media"
    media.mkdir()

    eerste = workers.start(**_hooked_env(workers, FAULT_BLOCK=punt))
    workers.enqueue(overeenkomst_pdf_task, overeenkomst.pk, overeenkomst.versie)
    workers.wait_for((workers.mail.parent / BLOCKED).exists, "a render hanging midway")
    workers.kill(eerste)
    assert not OvereenkomstDocument.objects.exists()

    # The daily sweep re-queues the version without a PDF; the killed task comes back twice.
    workers.start(**_hooked_env(workers))
    workers.enqueue(overeenkomsten_termijnen_task)
    workers.enqueue(overeenkomst_pdf_task, overeenkomst.pk, overeenkomst.versie)
    workers.enqueue(overeenkomst_pdf_task, overeenkomst.pk, overeenkomst.versie)
    pdf = overeenkomst_pdf_task.name
    workers.wait_for(lambda: _succeeded(workers, pdf) == 3, "three PDF runs", seconds=120)

    document = OvereenkomstDocument.objects.get()
    assert (document.overeenkomst_id, document.versie) == (overeenkomst.pk, overeenkomst.versie)
    bestand = media / document.bestand.name
    # Killed after storing, the render left its file; the workers' sweep kept it: too young.
    verweesd = [p for p in _files(media) if p != bestand]
    assert len(verweesd) == (1 if punt == OPGESLAGEN else 0)

    # A later daily sweep, run here on the workers' storage with the clock past the grace period.
    opslag = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**opslag, "OPTIONS": {**opslag["OPTIONS"], "location": str(media)}},
    }
    morgen = timezone.now() + settings.OVEREENKOMST_PDF_WEES_NA + dt.timedelta(minutes=1)
    with time_machine.travel(morgen, tick=False):
        gedaan = overeenkomsten_termijnen_task()

    assert hashlib.sha256(bestand.read_bytes()).hexdigest() == document.sha256
    assert _files(media) == [bestand]  # nothing left over from the killed render
    assert gedaan["pdf_verweesd"] == len(verweesd)
    opgeruimd = Event.objects.filter(verb=VERWIJDERD, actor=None)
    assert sorted(opgeruimd.values_list("object_repr", flat=True)) == [
        p.relative_to(media).as_posix() for p in verweesd
    ]


@pytest.mark.django_db(transaction=True)  # the workers must see committed rows
def test_an_expiry_sweep_killed_after_a_batch_still_flags_the_agreements_at_restart(
    workers,
    traject,  # noqa: F811
) -> None:
    Ggmmi.objects.get_or_create(geldig_vanaf=dt.date(2024, 5, 1), bedrag=Decimal("2070.48"))
    overeenkomst = traject.ondertekend()
    gisteren = vandaag(timezone.now()) - dt.timedelta(days=1)
    Erkenning.objects.filter(pk=traject.erkenning.pk).update(geldig_tot=gisteren)
    (workers.mail.parent / "media").mkdir()

    eerste = workers.start(**_hooked_env(workers, FAULT_BLOCK=NA_BATCH))
    workers.enqueue(erkenningen_task)
    workers.wait_for((workers.mail.parent / BLOCKED).exists, "a batch committed")
    workers.kill(eerste)
    assert _expired() == 1

    workers.start(**_hooked_env(workers))
    workers.enqueue(erkenningen_task)
    workers.wait_for(lambda: _succeeded(workers, erkenningen_task.name) == 1, "a clean run")
    overeenkomst.refresh_from_db()
    # The recognition app tells the agreements nothing ...
    assert overeenkomst.te_beeindigen_sinds is None
    # ... the agreements' sweep reads the stored state and finds the agreement, once.
    workers.enqueue(overeenkomsten_zonder_erkenning_task)
    workers.wait_for(
        lambda: _succeeded(workers, overeenkomsten_zonder_erkenning_task.name) == 1,
        "the agreements' sweep",
    )
    overeenkomst.refresh_from_db()
    assert overeenkomst.te_beeindigen_sinds is not None
