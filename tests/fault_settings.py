"""Settings for fault-test workers (quality.md REL1): the test settings, with the default queue
and the file storage of the test that started them, and the `tests.fault_hooks` hook loaded.

A task that queues another (the daily sweep re-queues lost PDFs) then stays on the test's own
queue, and the files a killed worker leaves behind land where the test can count them.
"""

import os

from duaal.settings.test import *  # noqa: F403

CELERY_TASK_DEFAULT_QUEUE = os.environ["FAULT_QUEUE"]
CELERY_IMPORTS = ["tests.fault_hooks"]
PRIVATE_MEDIA_ROOT = os.environ["FAULT_MEDIA_ROOT"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
