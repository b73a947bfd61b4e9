"""A mail backend for fault tests that run a Celery worker in a subprocess.

Each sent message becomes one file in $FAULT_MAIL_DIR holding its subject, so the test can count
what went out. A message whose subject contains $FAULT_MAIL_BLOCK first writes the file
`blocked` and then hangs, so the test can kill the worker in the middle of a delivery.
"""

import os
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

BLOCKED = "blocked"


class FileRecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        folder = Path(os.environ["FAULT_MAIL_DIR"])
        marker = os.environ.get("FAULT_MAIL_BLOCK")
        for message in email_messages:
            if marker and marker in message.subject:
                (folder / BLOCKED).write_text(message.subject)
                time.sleep(120)  # longer than the test waits: only a kill ends it
            # Write then rename: the test never reads half a file.
            tmp = folder / f"{uuid.uuid4().hex}.tmp"
            tmp.write_text(message.subject)
            tmp.rename(tmp.with_suffix(".sent"))
        return len(email_messages)
