"""Embedded defaults for `make demo`: SQLite, tasks in-process, mail to the console."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("DATABASE_URL", "sqlite:///var/demo.sqlite3")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
# ...but an agreement's PDF renders after the response, in a thread, as a worker would.
os.environ.setdefault("EAGER_TASKS_IN_BACKGROUND", "true")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# The demo runs without Redis or beat; /health/ reports the database only.
os.environ.setdefault("HEALTH_CHECK_REDIS", "false")

from .base import *  # noqa: E402,F403

# runserver serves static files from the finders; WhiteNoise serves the collected set in production.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
INSTALLED_APPS = [a for a in INSTALLED_APPS if not a.startswith("whitenoise.")]  # noqa: F405
# Demo data, the scale seed and the benchmarks (G29): never installed in production.
INSTALLED_APPS += ["devtools"]

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Two requests writing at once (two consultants deciding one application) must queue, not
    # fail with "database is locked": IMMEDIATE takes SQLite's write lock when a transaction
    # begins, so the select_for_update sections (a no-op on SQLite) run one after the other
    # and the second sees the first one's decision; `timeout` is how long it waits (seconds).
    DATABASES["default"]["OPTIONS"] = {  # noqa: F405
        **DATABASES["default"].get("OPTIONS", {}),  # noqa: F405
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

# The demo runs without Redis: one process, so a memory cache counts the rate limits right.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The start page offers a one-click login per demo account (duaal/portaal/demo.py); the URL
# exists only with this on, and production and test settings never set it.
DEMO_AANMELDEN = True

# Axes announces its configuration at INFO on every start of every command; the demo's own
# output (the table of demo accounts) is what a first start should show. Its warnings stay.
LOGGING["loggers"]["axes.apps"] = {"level": "WARNING"}  # noqa: F405
