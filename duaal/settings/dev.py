"""Embedded defaults for `make demo`: SQLite, tasks in-process, mail to the console."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "sqlite:///var/demo.sqlite3")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The demo runs without Redis or beat; /health/ reports the database only.
os.environ.setdefault("HEALTH_CHECK_REDIS", "false")

from .base import *  # noqa: E402,F403

# runserver serves static files from the finders; WhiteNoise serves the collected set in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
INSTALLED_APPS = [a for a in INSTALLED_APPS if not a.startswith("whitenoise.")]  # noqa: F405
