"""Celery workers in subprocesses for fault tests (REL1, REL2): started against the pytest test
database on a queue of their own, killed by session, their queue forgotten afterwards."""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import redis

from django.db import connection

from duaal.celery import app

ROOT = Path(__file__).resolve().parent.parent


class Workers:
    """Celery workers in subprocesses, on a queue of their own (other runs may share Redis),
    against this test's database, sending through `tests.fault_mail`."""

    def __init__(self, tmp_path: Path) -> None:
        self.queue = f"fault-{uuid.uuid4().hex[:12]}"
        self.mail = tmp_path / "mail"
        self.mail.mkdir()
        self.log = tmp_path / "workers.log"
        self.processes: list[subprocess.Popen] = []

    def start(self, **env: str) -> subprocess.Popen:
        name = f"w{len(self.processes)}-{self.queue}@%h"
        command = [str(Path(sys.executable).with_name("celery")), "-A", "duaal", "worker"]
        command += ["--pool=solo", "-c1", "-Q", self.queue, "-n", name, "-l", "INFO"]
        command += ["--without-gossip", "--without-mingle", "--without-heartbeat"]
        env = (
            os.environ
            | {
                "DJANGO_SETTINGS_MODULE": "duaal.settings.test",
                "DATABASE_URL": worker_database_url(),
                "CELERY_BROKER_URL": app.conf.broker_url,
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "EMAIL_BACKEND": "tests.fault_mail.FileRecordingBackend",
                "FAULT_MAIL_DIR": str(self.mail),
                "PYTHONPATH": str(ROOT),
            }
            | env
        )
        with self.log.open("a") as log:
            # A session of its own: the kill reaches the worker and nothing else.
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

    def enqueue(self, task, *args: int) -> None:
        # This process runs tasks eagerly (test settings); these go through Redis.
        eager, app.conf.task_always_eager = app.conf.task_always_eager, False
        try:
            task.apply_async(args, queue=self.queue)
        finally:
            app.conf.task_always_eager = eager

    def wait_for(self, check: Callable[[], bool], what: str, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(0.1)
        pytest.fail(f"no {what} within {seconds} s; workers said:\n{self.log.read_text()[-4000:]}")

    def sent(self) -> Counter:
        return Counter(path.read_text() for path in self.mail.glob("*.sent"))

    def forget_queue(self) -> None:
        """Drop what a killed worker left unacknowledged: after the visibility timeout any
        worker on this Redis would restore it into our queue, which nobody reads then."""
        broker = redis.Redis.from_url(app.conf.broker_url)
        for tag, entry in broker.hgetall("unacked").items():
            if json.loads(entry)[2] == self.queue:  # kombu's (message, exchange, routing key)
                broker.hdel("unacked", tag)
                broker.zrem("unacked_index", tag)
        broker.delete(self.queue)


def worker_database_url() -> str:
    db = connection.settings_dict  # NAME is the test database here
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def running_workers(tmp_path: Path) -> Iterator[Workers]:
    """Workers for one test; whatever happens, every process is killed and the queue dropped."""
    workers = Workers(tmp_path)
    try:
        yield workers
    finally:
        for process in workers.processes:
            workers.kill(process)
        workers.forget_queue()
