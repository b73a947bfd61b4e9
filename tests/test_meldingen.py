"""The notification outbox: one row per (event, recipient), each mail sent once; a delivery
whose worker died is released after the claim timeout and sent then."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from django.db import IntegrityError, transaction
from django.utils import timezone

from duaal.meldingen.bezorging import (
    MAX_POGINGEN,
    claim_timeout,
    melding_bezorgen,
    openstaande_meldingen_bezorgen,
    vastgelopen_meldingen_vrijgeven,
)
from duaal.meldingen.constants import MeldingStatus
from duaal.meldingen.models import Melding
from duaal.meldingen.services import send_mail
from duaal.meldingen.tasks import bezorg_melding_task, bezorg_openstaande_meldingen

from .factories import UserFactory
from .fault_mail import BLOCKED
from .fault_workers import Workers, running_workers
from .support import in_wachtrij as _queued
from .support import verzonden as _sent

pytestmark = pytest.mark.django_db


def _plan(ontvangers, key: str = "aanvraag:1:herinnering") -> list[Melding]:
    return send_mail(
        "erkenning/decision_due",
        recipients=ontvangers,
        event_key=key,
        context={
            "aanvraag": "Eerste erkenning: Bakker – Bakkerij Gent",
            "d": datetime(2026, 11, 20).date(),
            "url": "https://portaal.example/aanvragen/1/beslissen/",
        },
    )


def test_the_outbox_stores_the_template_and_its_facts_and_delivery_renders_them(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    """No rendered text is stored: delivery renders the template, greets the recipient by the
    name the account has then, and formats the stored ISO date."""
    ontvanger = UserFactory(naam="Griet Peeters")
    with django_capture_on_commit_callbacks() as callbacks:
        (melding,) = _plan([ontvanger])
    assert (melding.sjabloon, melding.onderwerp, melding.tekst) == (
        "erkenning/decision_due",
        "",
        "",
    )
    assert melding.context["d"] == "2026-11-20" and melding.naam == "Griet Peeters"
    ontvanger.naam = "Griet Van den Broeck"
    ontvanger.save(update_fields=["naam"])
    for callback in callbacks:
        callback()
    (mail,) = mailoutbox
    assert mail.subject and "\n" not in mail.subject
    assert mail.body.splitlines()[0].endswith("Griet Van den Broeck,")
    assert (
        "20/11/2026" in mail.body and "https://portaal.example/aanvragen/1/beslissen/" in mail.body
    )


def test_a_repeated_event_queues_nothing_new(django_capture_on_commit_callbacks) -> None:
    ontvanger = UserFactory()
    with django_capture_on_commit_callbacks():
        _plan([ontvanger])
        _plan([ontvanger])
    assert Melding.objects.count() == 1


def test_delivery_is_scheduled_after_commit_and_sends_once(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    ontvangers = [UserFactory(), UserFactory()]
    with django_capture_on_commit_callbacks(execute=True):
        _plan(ontvangers)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in ontvangers)
    assert set(Melding.objects.values_list("status", flat=True)) == {MeldingStatus.VERZONDEN}


def test_nothing_is_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _plan([UserFactory()])
                raise RuntimeError("rollback")
        except RuntimeError:
            pass
    assert callbacks == [] and mailoutbox == [] and not Melding.objects.exists()


def test_delivering_twice_sends_the_mail_once(mailoutbox) -> None:
    melding = Melding.objects.create(
        event_key="x", e_mail="a@voorbeeld.be", onderwerp="Onderwerp", tekst="Tekst"
    )
    assert melding_bezorgen(melding_id=melding.pk) is True
    assert melding_bezorgen(melding_id=melding.pk) is False
    assert len(mailoutbox) == 1


def test_the_sweep_delivers_what_a_lost_task_left_behind_twice(mailoutbox) -> None:
    for i in range(3):
        Melding.objects.create(event_key=f"e{i}", e_mail="b@voorbeeld.be", onderwerp="O", tekst="T")
    assert bezorg_openstaande_meldingen() == 3
    assert bezorg_openstaande_meldingen() == 0
    assert len(mailoutbox) == 3


def test_a_failed_delivery_is_retried_by_the_next_sweep(settings, mailoutbox) -> None:
    melding = Melding.objects.create(
        event_key="f", e_mail="c@voorbeeld.be", onderwerp="O", tekst="T"
    )
    settings.EMAIL_BACKEND = "tests.test_meldingen.BrokenBackend"
    assert melding_bezorgen(melding_id=melding.pk) is False
    melding.refresh_from_db()
    assert melding.status == MeldingStatus.TE_VERZENDEN and melding.pogingen == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert bezorg_openstaande_meldingen() == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        raise ConnectionRefusedError("smtp down")


# --- Recovery of deliveries whose worker died ---------------------------------------------------


def _claimed(*, geclaimd_op: datetime, pogingen: int = 1, key: str = "stuck") -> Melding:
    """A row claimed at `geclaimd_op` by a worker that never finished."""
    return Melding.objects.create(
        event_key=key,
        e_mail="d@voorbeeld.be",
        onderwerp=f"Onderwerp {key}",
        tekst="T",
        status=MeldingStatus.BEZIG,
        pogingen=pogingen,
        geclaimd_op=geclaimd_op,
    )


def test_the_claim_timeout_outlasts_the_hard_time_limit(settings) -> None:
    # Shorter, and a slow but live delivery could be released and sent a second time.
    assert claim_timeout() > timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def test_a_claim_records_when_it_was_taken(mailoutbox) -> None:
    melding = Melding.objects.create(
        event_key="c", e_mail="c@voorbeeld.be", onderwerp="O", tekst="T"
    )
    now = timezone.now()
    melding_bezorgen(melding_id=melding.pk, now=now)
    melding.refresh_from_db()
    assert (melding.geclaimd_op, melding.verzonden_op) == (now, now)


def test_a_row_in_progress_must_say_when_it_was_claimed() -> None:
    with pytest.raises(IntegrityError):
        Melding.objects.create(event_key="g", e_mail="g@voorbeeld.be", status=MeldingStatus.BEZIG)


def test_a_stale_claim_is_released_and_sent_once_however_often_the_sweep_runs(
    mailoutbox,
) -> None:
    now = timezone.now()
    stuck = _claimed(geclaimd_op=now - claim_timeout() - timedelta(seconds=1))
    assert openstaande_meldingen_bezorgen(now=now) == 1
    assert openstaande_meldingen_bezorgen(now=now) == 0
    assert bezorg_openstaande_meldingen() == 0
    stuck.refresh_from_db()
    assert (stuck.status, stuck.pogingen) == (MeldingStatus.VERZONDEN, 2)
    assert [m.subject for m in mailoutbox] == [stuck.onderwerp]


def test_a_claim_younger_than_the_timeout_is_left_alone(mailoutbox) -> None:
    now = timezone.now()
    young = _claimed(geclaimd_op=now - claim_timeout() + timedelta(seconds=1))
    assert openstaande_meldingen_bezorgen(now=now) == 0
    young.refresh_from_db()
    assert (young.status, young.pogingen) == (MeldingStatus.BEZIG, 1) and mailoutbox == []


def test_sent_and_failed_rows_are_never_touched(mailoutbox) -> None:
    long_ago = timezone.now() - 10 * claim_timeout()
    for key, status in (("v", MeldingStatus.VERZONDEN), ("m", MeldingStatus.MISLUKT)):
        _claimed(geclaimd_op=long_ago, key=key)
        Melding.objects.filter(event_key=key).update(status=status, updated_at=long_ago)
    before = list(Melding.objects.order_by("pk").values())
    assert openstaande_meldingen_bezorgen(now=timezone.now()) == 0
    assert list(Melding.objects.order_by("pk").values()) == before and mailoutbox == []


def test_a_mail_that_kills_every_worker_ends_as_failed(mailoutbox) -> None:
    now = timezone.now()
    stuck = _claimed(geclaimd_op=now - 2 * claim_timeout(), pogingen=MAX_POGINGEN)
    assert vastgelopen_meldingen_vrijgeven(now=now) == 1
    stuck.refresh_from_db()
    assert stuck.status == MeldingStatus.MISLUKT and stuck.fout
    assert openstaande_meldingen_bezorgen(now=now) == 0 and mailoutbox == []


@pytest.mark.parametrize("elsewhere", [MeldingStatus.VERZONDEN, MeldingStatus.BEZIG])
def test_a_late_failure_leaves_a_row_another_run_took_over(
    settings, monkeypatch, elsewhere
) -> None:
    """Our claim expired mid-send and another run sent the row, or is sending it; then our
    send fails. Requeueing the row would send it again."""
    melding = Melding.objects.create(
        event_key="laat", e_mail="l@voorbeeld.be", onderwerp="O", tekst="T"
    )
    monkeypatch.setattr(TakenOverThenBrokenBackend, "status", elsewhere)
    settings.EMAIL_BACKEND = "tests.test_meldingen.TakenOverThenBrokenBackend"
    assert melding_bezorgen(melding_id=melding.pk) is False
    melding.refresh_from_db()
    assert melding.status == elsewhere and melding.fout == ""


class TakenOverThenBrokenBackend:
    status = MeldingStatus.VERZONDEN

    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages) -> int:
        later = timezone.now() + timedelta(minutes=20)
        Melding.objects.update(status=self.status, geclaimd_op=later)
        raise ConnectionResetError("smtp gone")


# --- A real worker killed in the middle of a delivery ---------------------------------------------


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Workers]:
    with running_workers(tmp_path) as workers:
        yield workers


@pytest.mark.fault
@pytest.mark.django_db(transaction=True)  # the workers must see committed rows
def test_a_delivery_killed_mid_send_is_sent_once_after_the_claim_timeout(workers) -> None:
    before, stuck = _queued("Vooraf"), _queued("Vast BLOKKEER")
    first = workers.start(FAULT_MAIL_BLOCK="BLOKKEER")
    workers.enqueue(bezorg_melding_task, before.pk)
    workers.enqueue(bezorg_melding_task, stuck.pk)
    workers.wait_for((workers.mail / BLOCKED).exists, "delivery hanging mid-send")
    workers.kill(first)

    # Neither the task redelivered (as acks_late would) nor a sweep within the timeout
    # recovers it; a row queued behind them shows when they have run.
    workers.start()
    between = _queued("Tussen")
    workers.enqueue(bezorg_melding_task, stuck.pk)
    workers.enqueue(bezorg_openstaande_meldingen)
    workers.enqueue(bezorg_melding_task, between.pk)
    workers.wait_for(lambda: _sent(between), "delivery of the row queued behind")
    stuck.refresh_from_db()
    assert stuck.status == MeldingStatus.BEZIG

    # The clock past the timeout: released, then the worker's sweep sends it.
    assert vastgelopen_meldingen_vrijgeven(now=timezone.now() + claim_timeout()) == 1
    workers.enqueue(bezorg_openstaande_meldingen)
    workers.wait_for(lambda: _sent(stuck), "delivery of the released row")
    after = _queued("Nadien")
    workers.enqueue(bezorg_melding_task, stuck.pk)  # a late duplicate task sends nothing
    workers.enqueue(bezorg_melding_task, after.pk)
    workers.wait_for(lambda: _sent(after), "delivery of the row queued last")

    assert workers.sent() == {"Vooraf": 1, "Vast BLOKKEER": 1, "Tussen": 1, "Nadien": 1}
    assert not Melding.objects.exclude(status=MeldingStatus.VERZONDEN).exists()
    assert not Melding.objects.filter(verzonden_op=None).exists()
