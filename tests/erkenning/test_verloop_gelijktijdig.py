"""The expiry sweep against a concurrent status change (R19, S6), on real PostgreSQL: a row
changed while the sweep waits for its lock is expired with the status it really had, in the
same run."""

import threading
import time

import pytest

from django.db import connection, transaction

from duaal.audit.models import Event
from erkenning.constants import ErkenningStatus
from erkenning.models import Erkenning
from erkenning.services import erkenningen_laten_verlopen

from .factories import ErkenningFactory
from .test_termijnen import _voor


def _wachten_op_een_geblokkeerde_lock(seconden: float = 10) -> bool:
    """pg_locks is live (pg_stat_activity would be a snapshot inside this transaction)."""
    einde = time.monotonic() + seconden
    with connection.cursor() as cursor:
        while time.monotonic() < einde:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.02)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_status_changed_while_the_sweep_waits_is_expired_with_its_real_status() -> None:
    erkenning = ErkenningFactory()  # running, valid until the day before _voor(-1)
    vergrendeld, sweep_wachtte = threading.Event(), []

    def mentor_vervalt() -> None:
        """Another transaction: the recognition loses its valid mentor, and commits only once
        the sweep is waiting for that row."""
        try:
            with transaction.atomic():
                Erkenning.objects.filter(pk=erkenning.pk).update(
                    status=ErkenningStatus.ZONDER_GELDIGE_MENTOR
                )
                vergrendeld.set()
                sweep_wachtte.append(_wachten_op_een_geblokkeerde_lock())
        finally:
            connection.close()

    ander = threading.Thread(target=mentor_vervalt)
    ander.start()
    assert vergrendeld.wait(10)
    verlopen = erkenningen_laten_verlopen(now=_voor(-1))
    ander.join(15)

    assert sweep_wachtte == [True]  # the sweep did meet the other transaction's lock
    assert verlopen == 1  # skipped in the first batch, taken by the next in the same run
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.VERLOPEN
    event = Event.objects.get(verb="erkenning.verlopen", object_id=erkenning.pk)
    assert event.before == {"status": ErkenningStatus.ZONDER_GELDIGE_MENTOR}
