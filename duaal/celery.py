"""The Celery app. Its settings, the beat schedule included, live in Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duaal.settings.production")

app = Celery("duaal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
