"""The Celery configuration, and a real round trip through Redis to an in-process worker."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from django.conf import settings

from duaal.celery import app
from duaal.meldingen.constants import MeldingStatus
from duaal.meldingen.models import Melding
from duaal.meldingen.tasks import bezorg_melding_task


def test_tasks_are_acknowledged_late_one_at_a_time_with_time_limits() -> None:
    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit


def test_every_beat_entry_names_a_registered_task() -> None:
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"beat entry {name} names an unknown task"


def _wait_for_status(melding: Melding, status: str, *, seconds: float) -> str:
    # No result backend (results are DB state), so watch the row the task changes.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        melding.refresh_from_db()
        if melding.status == status:
            break
        time.sleep(0.1)
    return melding.status


@pytest.mark.django_db(transaction=True)
def test_a_task_goes_through_redis_to_a_worker_and_sends_once(mailoutbox) -> None:
    melding = Melding.objects.create(
        event_key="redis", e_mail="r@voorbeeld.be", onderwerp="Via Redis", tekst="T"
    )
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1):
            bezorg_melding_task.delay(melding.pk)
            status = _wait_for_status(melding, MeldingStatus.VERZONDEN, seconds=20)
    finally:
        app.conf.task_always_eager = True
    assert status == MeldingStatus.VERZONDEN
    assert [m.subject for m in mailoutbox] == ["Via Redis"]
