"""The demo's SQLite database waits for a lock instead of failing: two consultants deciding
one application at once give one decision and "a colleague decided ..." for the other, never
"database is locked" (a 500). Runs sqlite_gelijktijdig.py on the dev settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from erkenning.exceptions import AlBeslist
from tests.sqlite_gelijktijdig import RONDES


def test_two_decisions_at_once_on_sqlite_give_one_decision_and_the_colleague_message(
    tmp_path: Path,
) -> None:
    env = {
        "DJANGO_SETTINGS_MODULE": "duaal.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
        "PATH": os.environ.get("PATH", ""),
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_gelijktijdig"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    rondes = [json.loads(r[6:]) for r in result.stdout.splitlines() if r.startswith("RONDE ")]
    assert len(rondes) == RONDES, result.stdout + result.stderr[-3000:]
    for ronde in rondes:
        # Not "fout: OperationalError: database is locked".
        assert ronde["uitkomsten"] == ["beslist", f"collega: {AlBeslist()}"], ronde
        assert ronde["een_beslissing"], ronde
