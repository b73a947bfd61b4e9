"""Settings shared by every environment; each value comes from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF

from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "duaal.organisaties",
    "duaal.accounts",
    "duaal.audit",
    "duaal.meldingen",
    "duaal.portaal",
    "mentors",
    "erkenning",
    "overeenkomsten",
]

MIDDLEWARE = [
    "duaal.requestlog.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "duaal.accounts.middleware.SessionTimeoutMiddleware",
    "duaal.accounts.middleware.ActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as axes asks: it turns a lock-out flagged during authentication into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "duaal.urls"
WSGI_APPLICATION = "duaal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "duaal.accounts.context_processors.actor",
            ],
        },
    },
]

# P5: persistent connections with a health check before reuse, so a request does not pay
# for a new PostgreSQL connection and a cut connection is replaced instead of failing.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Axes first: it refuses a locked-out username + IP before the password is even checked (S4).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portaal:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "duaal" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", BASE_DIR / "var" / "static"))
# Private files (evidence, generated agreements) live outside any served directory and are
# streamed only by access-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@duaal-erkenning.example")
# Links in e-mails (a learner's personal approval link) start with this address.
PORTAAL_URL = env_str("PORTAAL_URL", "http://127.0.0.1:8000").rstrip("/")

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")

# Security headers that hold in every environment (S3); production adds HTTPS-only ones.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Idle timeout: log in again after this long without a request (SessionTimeoutMiddleware).
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
# Absolute timeout: log in again after this long, however active the session was.
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS

# Brute force (S4): 5 failed logins for one e-mail address from one IP lock that pair out for
# 15 minutes; another IP, or another address from the same IP, can still log in. A failure
# during the lock-out starts the 15 minutes again (axes' default). Failures and lock-outs are
# logged at WARNING by axes.handlers.database and kept as AccessAttempt rows in the admin.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form's e-mail field is called `username` (AuthenticationForm); the default would
# be USERNAME_FIELD ("email"), which is not in the credentials, so every attempt would count
# under an empty username.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# Log lines show the client IP (gunicorn's access log has it anyway) but mask the e-mail
# address; the admin's access attempts have both for whoever has to unblock someone.
AXES_SENSITIVE_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# The client IP for the lock-out. TRUSTED_PROXY_COUNT is how many reverse proxies in front of
# gunicorn append to X-Forwarded-For (nginx: $proxy_add_x_forwarded_for); 0 means clients
# connect directly and REMOTE_ADDR is the client. Behind proxies the client is taken that many
# entries from the right, so a forged left part of the header is ignored. ipware counts only
# the entries after the client (the nearest proxy is REMOTE_ADDR, not in the header), hence -1;
# non-strict, so forged entries on the left do not make ipware drop the whole header and fall
# back to the proxy's address, which every client behind it shares.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = None

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Celery: tasks take ids and are idempotent, because acks_late means a task whose worker
# dies is delivered again (G11).
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# A notification claimed longer ago than this is released for another try: its worker died.
MELDING_CLAIM_TIMEOUT = env_int("MELDING_CLAIM_TIMEOUT", 2 * CELERY_TASK_TIME_LIMIT)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
# A redelivered unacked task must not arrive before its time limit has passed.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE

# Every periodic job in one place. Sweeps are idempotent, so a missed or doubled run is harmless.
CELERY_BEAT_SCHEDULE = {
    # Deliver notifications whose after-commit task was lost, and release those whose worker
    # died mid-delivery (claimed longer than MELDING_CLAIM_TIMEOUT ago); every minute.
    "meldingen-bezorgen": {
        "task": "duaal.meldingen.tasks.bezorg_openstaande_meldingen",
        "schedule": crontab(minute="*"),
    },
    # Mentor training: reminders before and flags after the deadline; daily at 06:10.
    "mentoropleiding-termijnen": {
        "task": "mentors.tasks.mentoropleiding_termijnen",
        "schedule": crontab(hour=6, minute=10),
    },
    # Decision terms: reminders before and escalation after the due date; hourly at :05.
    "beslistermijnen": {
        "task": "erkenning.tasks.beslistermijnen",
        "schedule": crontab(minute=5),
    },
    # Recognitions: expiry at valid_until and renewal reminders (180/90/30 days); daily 01:15.
    "erkenningen": {
        "task": "erkenning.tasks.erkenningen",
        "schedule": crontab(hour=1, minute=15),
    },
    # Purge checked 596.2 extracts past the partnership's retention days; daily at 02:40.
    "uittreksels-opruimen": {
        "task": "mentors.tasks.uittreksels_opruimen",
        "schedule": crontab(hour=2, minute=40),
    },
    # Beat's heartbeat for /health/: proves beat schedules and a worker consumes; every minute.
    "heartbeat": {
        "task": "duaal.health.heartbeat",
        "schedule": crontab(minute="*"),
    },
    # Agreements: the 20-training-day window (reminder, overdue flag), the normal end of
    # signed agreements, and PDFs whose after-commit render was lost; daily at 05:20.
    "overeenkomsten": {
        "task": "overeenkomsten.tasks.overeenkomsten_termijnen",
        "schedule": crontab(hour=5, minute=20),
    },
}

# The daily agreements sweep deletes a PDF file no row points to (a worker killed between
# storing the file and saving its row leaves one, with the learner's INSZ in it) once it is
# older than this. A younger file may belong to a render about to save its row; no task runs
# longer than CELERY_TASK_TIME_LIMIT, so an hour leaves a wide margin.
OVEREENKOMST_PDF_WEES_NA = timedelta(hours=1)

# /health/: Redis (and beat's heartbeat) are checked where the real stack runs.
HEALTH_CHECK_REDIS = env_bool("HEALTH_CHECK_REDIS", True)
HEALTH_BEAT_MAX_AGE = env_int("HEALTH_BEAT_MAX_AGE", 180)

# One JSON object per line with the request id (LOG_FORMAT=json, the production default), or
# plain lines for a terminal. No log line carries an INSZ (S7).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "duaal.requestlog.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "duaal.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "plain"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs a dozen progress lines per document at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}
