"""Fault injection against the real services (quality.md REL2, REL3).

REL3: PostgreSQL cuts the connection (what a restart does to every open connection): the web
recovers at the next request through the health check of persistent connections, and a
decision cut in the middle leaves nothing half applied.
REL2: Redis restarts under a running Celery worker: the worker consumes again within 60 s, and a
deadline sweep run after the restart still changes the database.
"""

import datetime as dt
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
import redis

from django.core.signals import request_started
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.celery import app
from duaal.meldingen.models import Melding
from duaal.meldingen.tasks import bezorg_melding_task
from duaal.termijnen import vandaag
from erkenning.constants import AanvraagStatus
from erkenning.models import Aanvraag, Erkenning
from erkenning.services import aanvraag_goedkeuren, beoordeling
from erkenning.tasks import beslistermijnen_task
from tests.erkenning.factories import AanvraagFactory
from tests.erkenning.helpers import NU
from tests.factories import PartnerschapFactory
from tests.mentors.factories import geldige_toewijzing
from tests.support import als, lid
from tests.support import in_wachtrij as _queued
from tests.support import verzonden as _sent

from .fault_workers import Workers, running_workers

pytestmark = pytest.mark.fault


def _wait(check: Callable[[], bool], what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    pytest.fail(f"no {what} within {seconds} s")


# --- REL3: PostgreSQL connections cut -----------------------------------------------------------


def _backend_pid() -> int:
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def _terminate(pid: int) -> None:
    """End one backend (only this test's own) from a second connection; wait until it is gone."""
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        autocommit=True,
    ) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (True,)

        def gone() -> bool:
            query = "SELECT 1 FROM pg_stat_activity WHERE pid = %s"
            return admin.execute(query, [pid]).fetchone() is None

        _wait(gone, f"end of backend {pid}", seconds=10)


@pytest.fixture
def persistent_connections() -> Iterator[None]:
    """Production's connection settings (P5), applied at the next connect; undone after."""
    db = connection.settings_dict
    before = db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"]
    db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"] = 600, True
    connection.close()
    try:
        yield
    finally:
        db["CONN_MAX_AGE"], db["CONN_HEALTH_CHECKS"] = before
        connection.close()


@pytest.fixture
def request_start_as_in_production() -> Iterator[None]:
    """The test client takes `close_old_connections` off `request_started` (its requests share
    the test's connection); Django's WSGI handler keeps it there, and that is where a persistent
    connection gets its health check. Connect it again, under a uid the client leaves alone."""
    uid = "fault-close-old-connections"
    request_started.connect(close_old_connections, dispatch_uid=uid)
    try:
        yield
    finally:
        request_started.disconnect(dispatch_uid=uid)


@pytest.mark.django_db(transaction=True)  # a cut connection would take the test transaction along
def test_the_next_request_after_a_cut_connection_succeeds(
    client, persistent_connections, request_start_as_in_production
) -> None:
    client.force_login(lid(PartnerschapFactory(), Rol.SECTORCONSULENT))
    url = reverse("erkenning:wachtrij")
    assert client.get(url).status_code == 200
    killed = _backend_pid()
    _terminate(killed)
    assert client.get(url).status_code == 200
    assert _backend_pid() != killed  # reconnected, not merely never cut


@pytest.mark.django_db(transaction=True)
def test_consecutive_requests_reuse_one_database_connection(
    client, persistent_connections, request_start_as_in_production
) -> None:
    """P5: a request does not pay for a new PostgreSQL connection (CONN_MAX_AGE=0 fails this)."""
    client.force_login(lid(PartnerschapFactory(), Rol.SECTORCONSULENT))
    url = reverse("erkenning:wachtrij")
    assert client.get(url).status_code == 200
    eerste = _backend_pid()
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert _backend_pid() == eerste


def _beslisbare_aanvraag() -> tuple[Aanvraag, object]:
    """A complete file with a valid mentor (approval possible), its consultant, an employer."""
    aanvraag = AanvraagFactory(volledig=True)
    geldige_toewijzing(
        mentor__onderneming=aanvraag.onderneming,
        vestiging=aanvraag.vestiging,
        opleiding=aanvraag.opleiding,
    )
    lid(aanvraag.onderneming, Rol.VERTEGENWOORDIGER)  # so the decision plans a notification
    return aanvraag, lid(aanvraag.partnerschap, Rol.SECTORCONSULENT)


def _goedkeuren(aanvraag: Aanvraag, door) -> Aanvraag:
    return aanvraag_goedkeuren(aanvraag=aanvraag, motivering="In orde.", door=als(door), now=NU)


def _beslissing(aanvraag: Aanvraag) -> tuple[str, int, int, int]:
    """Status, recognitions, decision audit events and planned notifications of the file."""
    aanvraag.refresh_from_db()
    verb = f"aanvraag.{AanvraagStatus.GOEDGEKEURD}"
    return (
        aanvraag.status,
        Erkenning.objects.filter(aanvraag=aanvraag).count(),
        Event.objects.filter(
            object_id=aanvraag.pk, content_type__model="aanvraag", verb=verb
        ).count(),
        Melding.objects.filter(
            event_key=f"aanvraag:{aanvraag.pk}:{AanvraagStatus.GOEDGEKEURD}"
        ).count(),
    )


@pytest.mark.django_db(transaction=True)  # the decision must be its own, real transaction
# Cut right after the status UPDATE and recognition INSERT, or with every statement issued and
# only the COMMIT left.
@pytest.mark.parametrize("na", ["erkenning_toekennen", "_beslissing_melden"])
def test_a_decision_cut_in_the_middle_leaves_nothing_and_can_be_retried(
    monkeypatch, persistent_connections, na
) -> None:
    aanvraag, consulent = _beslisbare_aanvraag()
    echte = getattr(beoordeling, na)
    killed = _backend_pid()

    def en_dan_knippen(*args, **kwargs):
        resultaat = echte(*args, **kwargs)
        _terminate(connection.connection.info.backend_pid)
        return resultaat

    monkeypatch.setattr(beoordeling, na, en_dan_knippen)
    with pytest.raises((OperationalError, InterfaceError)):
        _goedkeuren(aanvraag, consulent)
    monkeypatch.setattr(beoordeling, na, echte)

    close_old_connections()  # what the end of the request (or task) does
    assert _backend_pid() != killed
    assert _beslissing(aanvraag) == (AanvraagStatus.VOLLEDIG, 0, 0, 0)
    _goedkeuren(aanvraag, consulent)
    assert _beslissing(aanvraag) == (AanvraagStatus.GOEDGEKEURD, 1, 1, 1)


# --- REL2: Redis restarted under a running worker -------------------------------------------------

REDIS_CLI = ["redis-cli", "-p", "6379"]
REDIS_START = [
    "redis-server",
    *("--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379"),
    *("--save", "", "--appendonly", "no", "--dir", "/var/lib/redis"),
    *("--logfile", "/var/log/redis/ci.log"),
]


def _redis_answers() -> bool:
    ping = subprocess.run([*REDIS_CLI, "ping"], capture_output=True, text=True, timeout=5)
    return ping.stdout.strip() == "PONG"


def _redis_run_id() -> str:
    with redis.Redis.from_url(app.conf.broker_url) as client:
        return client.info("server")["run_id"]


def _redis_started() -> None:
    if not _redis_answers():
        subprocess.run(REDIS_START, check=True, timeout=10)
    _wait(_redis_answers, "PONG from the restarted Redis", seconds=20)


@contextmanager
def _redis_down() -> Iterator[None]:
    """Redis shut down (its data gone: no persistence), and always started again after."""
    try:
        subprocess.run([*REDIS_CLI, "shutdown", "nosave"], capture_output=True, timeout=10)
        _wait(lambda: not _redis_answers(), "Redis shutdown", seconds=10)
        yield
    finally:
        _redis_started()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Workers]:
    with running_workers(tmp_path) as workers:
        yield workers


def _escalated(aanvraag: Aanvraag) -> bool:
    aanvraag.refresh_from_db()
    return aanvraag.geescaleerd_op is not None


@pytest.mark.django_db(transaction=True)  # the worker must see committed rows
def test_a_worker_consumes_again_after_redis_restarts_and_deadlines_still_apply(
    workers,
) -> None:
    vooraf = _queued("Vooraf")
    workers.start()
    workers.enqueue(bezorg_melding_task, vooraf.pk)
    workers.wait_for(lambda: _sent(vooraf), "delivery before the restart")

    run_id = _redis_run_id()
    with _redis_down():
        nadien = _queued("Nadien")
        # Nobody to tell (no admins), so the sweep only changes the database.
        termijn = vandaag(timezone.now()) - dt.timedelta(days=1)
        verlopen = AanvraagFactory(volledig=True, beslissing_uiterlijk_op=termijn)
        time.sleep(1)  # an outage, not a blink: the worker sees its connection refused
    assert _redis_run_id() != run_id  # another server: the queue and its bindings are gone
    workers.enqueue(bezorg_melding_task, nadien.pk)
    workers.enqueue(beslistermijnen_task)
    workers.wait_for(lambda: _sent(nadien), "delivery after the restart", seconds=60)
    workers.wait_for(lambda: _escalated(verlopen), "escalation after the restart", seconds=30)

    assert workers.sent() == {"Vooraf": 1, "Nadien": 1}
    assert Event.objects.filter(object_id=verlopen.pk, verb="aanvraag.geescaleerd").count() == 1
