"""Queue a Celery task after commit without making the request wait for it, also where tasks
run eagerly.

In production `.delay` puts the task on the broker and a worker runs it. Where no worker runs
(the demo: CELERY_TASK_ALWAYS_EAGER), `.delay` runs it right there, inside the request that
committed, so the person waits for it (an agreement PDF: one to three seconds). With
EAGER_TASKS_IN_BACKGROUND (the demo's settings) the task runs in one background thread of this
process instead, after the commit, while the response goes out. The tests keep it off: their
tasks run in the request, deterministically.
"""

import logging
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import partial
from typing import Any, Protocol

from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)


class Task(Protocol):
    name: str

    def delay(self, *args: Any) -> Any: ...

    def apply(self, args: tuple[Any, ...], throw: bool) -> Any: ...


# One thread: the renders run one after the other (pango, under WeasyPrint, is not
# thread-safe), and a burst of sends queues here rather than in the requests.
_uitvoerder: ThreadPoolExecutor | None = None
_lopend: list[Future[None]] = []


def na_commit(task: Task, *args: Any) -> None:
    """Run `task(*args)` once the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(_starten, task, args))


def _starten(task: Task, args: tuple[Any, ...]) -> None:
    if not (settings.CELERY_TASK_ALWAYS_EAGER and settings.EAGER_TASKS_IN_BACKGROUND):
        task.delay(*args)
        return
    global _uitvoerder
    if _uitvoerder is None:
        _uitvoerder = ThreadPoolExecutor(max_workers=1, thread_name_prefix="achtergrond")
    _lopend[:] = [f for f in _lopend if not f.done()]
    _lopend.append(_uitvoerder.submit(uitvoeren, task, args))


def uitvoeren(task: Task, args: tuple[Any, ...]) -> None:
    """Run the task eagerly in the background thread. Nobody waits for it to raise to, so a
    failure is logged (the daily sweeps redo a lost render)."""
    try:
        task.apply(args=args, throw=True)
    except Exception:
        logger.exception("background task %s%r failed", task.name, args)
    finally:
        # The thread's own database connections: never left open between tasks.
        connections.close_all()


def wachten(timeout: float | None = None) -> None:
    """Until every task started in the background so far has finished."""
    wait(list(_lopend), timeout=timeout)


__all__ = ["Task", "na_commit", "uitvoeren", "wachten"]
