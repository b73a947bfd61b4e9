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
    "duaal.kalender",
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
    # Control characters in a query parameter: a 400 page before any view reads it (after
    # the header middleware, so the page gets its CSP and frame headers).
    "duaal.invoer.ControlCharacterMiddleware",
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
                "duaal.portaal.context_processors.portaal",
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
    # ModelBackend that fetches the active memberships with the user (one query a page).
    "duaal.accounts.backends.PortalBackend",
]
LOGIN_URL = "accounts:login"

# The government login (OpenID Connect, authorization code with PKCE): off until a discovery
# URL is set. `make demo` needs no provider; `make oidc-provider` starts a local one.
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL", "")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid profile vo")
# The assurance levels the provider speaks, weakest first, and the lowest one accepted.
OIDC_ACR_LEVELS = env_list("OIDC_ACR_LEVELS", "loa-low,loa-substantial,loa-high")
OIDC_MIN_ACR = env_str("OIDC_MIN_ACR", "loa-substantial")
# The multi-valued role claim named after the application and its values' prefix:
# "<prefix>-<role>:<orgcode>", e.g. DVDuaalGebruiker-consulent:OVO002949.
OIDC_ROLE_CLAIM = env_str("OIDC_ROLE_CLAIM", "dv_duaal_rol_3d")
OIDC_ROLE_PREFIX = env_str("OIDC_ROLE_PREFIX", "DVDuaalGebruiker")
# Whether people other than platform staff may still log in with a local password once the
# government login is configured.
OIDC_LOCAL_LOGIN = env_bool("OIDC_LOCAL_LOGIN", True)
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
# The port `make demo PORT=...` serves on; mail links follow it unless PORTAAL_URL is set.
PORT = env_int("PORT", 8000)
# Links in e-mails (a learner's personal approval link) start with this address.
PORTAAL_URL = env_str("PORTAAL_URL", f"http://127.0.0.1:{PORT}").rstrip("/")
# Who people turn to, shown in every page's footer and on the accessibility and privacy pages.
PORTAAL_HELPDESK_EMAIL = env_str("PORTAAL_HELPDESK_EMAIL", "helpdesk@duaal-erkenning.example")
PORTAAL_HELPDESK_TELEFOON = env_str("PORTAAL_HELPDESK_TELEFOON", "1700")
PORTAAL_PRIVACY_EMAIL = env_str("PORTAAL_PRIVACY_EMAIL", "privacy@duaal-erkenning.example")
PORTAAL_INFO_URL = env_str(
    "PORTAAL_INFO_URL",
    "https://www.vlaanderen.be/lerenden-uit-het-onderwijs-opleiden-op-de-werkplek",
)
# One-click logins as the demo accounts on the start page: dev.py only, never elsewhere.
DEMO_AANMELDEN = False

REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
# One cache for every web process: the mail rate limits must count the sum over all gunicorn
# workers and hosts, which a memory cache per process would not (dev.py: memory, no Redis).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "duaal",
    }
}
# Mails anyone can trigger (password reset, registration) per hour (duaal/ratelimit.py): to one
# e-mail address, and from one client address. Beyond it the answer is the same, unsent.
MAIL_RATE_PER_ADDRESS = env_int("MAIL_RATE_PER_ADDRESS", 3)
MAIL_RATE_PER_CLIENT = env_int("MAIL_RATE_PER_CLIENT", 10)
MAIL_RATE_WINDOW = 60 * 60

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
# The page warns this long before the idle timeout and offers to stay signed in (WCAG 2.2.1).
SESSION_WARN_SECONDS = env_int("SESSION_WARN_SECONDS", 2 * 60)
# Absolute timeout: log in again after this long, however active the session was.
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS

# Brute force (S4, S11): 5 failed logins for one e-mail address from one client address lock
# that pair out for 15 minutes; another address, or another e-mail address from the same one,
# can still log in. The 15 minutes run from the failure that locked: an attempt during the
# lock-out is refused without being counted, so it does not start them again (axes' default
# would, letting anyone keep a victim locked out for ever). Failures and lock-outs are logged
# at WARNING by axes.handlers.database and kept as AccessAttempt rows in the admin.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The login form's e-mail field is called `username` (AuthenticationForm); the default would
# be USERNAME_FIELD ("email"), which is not in the credentials, so every attempt would count
# under an empty username.
AXES_USERNAME_FORM_FIELD = "username"
# Lowercased, as the login form and registration do: Foo@x.be and foo@x.be share one counter.
AXES_USERNAME_CALLABLE = "duaal.accounts.lockout.axes_username"
AXES_RESET_ON_SUCCESS = True
# Log lines show the client IP (gunicorn's access log has it anyway) but mask the e-mail
# address; the admin's access attempts have both for whoever has to unblock someone.
AXES_SENSITIVE_PARAMETERS = ["username"]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# The client address for the lock-out and the rate limits: the entry of X-Forwarded-For that
# the nearest of TRUSTED_PROXY_COUNT proxies wrote (duaal/clientip.py). 0: no proxy, clients
# connect directly. Production has no default (duaal/settings/production.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "duaal.clientip.client_ip"

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
# With eager tasks (no worker): run the after-commit tasks queued through duaal.achtergrond in a
# background thread, so the request does not wait for them (dev.py: the demo's PDF renders).
EAGER_TASKS_IN_BACKGROUND = env_bool("EAGER_TASKS_IN_BACKGROUND", False)
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
    # R43: recognitions follow whether their place has a valid mentor, read from the mentor
    # register (and enqueued after commit where this app changes designations); every 5 min.
    "erkenningen-mentorstatus": {
        "task": "erkenning.tasks.erkenningen_mentorstatus",
        "schedule": crontab(minute="*/5"),
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
    # The same for the copies uploaded with applications, after the decision; daily at 02:45.
    "aanvraag-uittreksels-opruimen": {
        "task": "erkenning.tasks.aanvraag_uittreksels_opruimen",
        "schedule": crontab(hour=2, minute=45),
    },
    # Files kept after a failed submit, past their lifetime; hourly at :25.
    "bewaarde-uploads-opruimen": {
        "task": "duaal.portaal.tasks.kept_uploads_opruimen",
        "schedule": crontab(minute=25),
    },
    # Beat's heartbeat for /health/: proves beat schedules and a worker consumes; every minute.
    "heartbeat": {
        "task": "duaal.health.heartbeat",
        "schedule": crontab(minute="*"),
    },
    # R24/R74: flag agreements whose recognition no longer runs (expired, lifted, excluded)
    # and tell the parties; the only road from an ended recognition to its agreements, so it
    # runs often: every 5 minutes, offset from the mentor sweep (crontab.guru/#2-59/5_*_*_*_*).
    "overeenkomsten-zonder-erkenning": {
        "task": "overeenkomsten.tasks.overeenkomsten_zonder_erkenning",
        "schedule": crontab(minute="2-59/5"),
    },
    # Agreements: the 20-training-day window (reminder, overdue flag), the normal end of
    # signed agreements, PDFs whose after-commit render was lost, and asking each party to
    # confirm a signature on paper recorded for it; daily at 05:20.
    "overeenkomsten": {
        "task": "overeenkomsten.tasks.overeenkomsten_termijnen",
        "schedule": crontab(hour=5, minute=20),
    },
    # Evaluations a programme phase requires: created for signed agreements, flagged and
    # mailed once overdue; daily at 05:35, after the agreements sweep.
    "verplichte-evaluaties": {
        "task": "overeenkomsten.tasks.verplichte_evaluaties",
        "schedule": crontab(hour=5, minute=35),
    },
}

# The daily agreements sweep deletes a PDF file no row points to (a worker killed between
# storing the file and saving its row leaves one, with the learner's INSZ in it) once it is
# older than this. A younger file may belong to a render about to save its row; no task runs
# longer than CELERY_TASK_TIME_LIMIT, so an hour leaves a wide margin.
OVEREENKOMST_PDF_WEES_NA = timedelta(hours=1)

# A file kept after a failed submit (duaal/kept_uploads.py) is usable this long; the hourly
# sweep then deletes it. Long enough to correct a form, short for a 596.2 extract.
KEPT_UPLOAD_MAX_AGE = timedelta(hours=2)

# /health/: Redis (and beat's heartbeat) are checked where the real stack runs.
HEALTH_CHECK_REDIS = env_bool("HEALTH_CHECK_REDIS", True)
HEALTH_BEAT_MAX_AGE = env_int("HEALTH_BEAT_MAX_AGE", 180)
# Who sees /health/'s checks and latencies besides platform staff: client addresses in these
# networks (the load balancer's, a monitoring host's); everyone else gets only ok / not ok.
HEALTH_DETAIL_NETWORKS = env_list("HEALTH_DETAIL_NETWORKS", "127.0.0.0/8,::1/128")

# One JSON object per line with the request id (LOG_FORMAT=json, the production default), or
# plain lines for a terminal. No log line carries an INSZ (S7).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "duaal.requestlog.RequestIdFilter"},
        "tokens": {"()": "duaal.requestlog.TokenFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "duaal.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "plain"),
            "filters": ["request_id", "tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs a dozen progress lines per document at INFO.
    # The loggers that write request paths redact link tokens at the source, so no handler
    # (the console's, a test's capture) ever sees one (duaal/requestlog.py).
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        # Authlib logs the PKCE code verifier and urllib3 the token request at DEBUG: the
        # government login's secrets never reach a log line, whatever LOG_LEVEL says.
        "authlib": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
        "django.request": {"filters": ["tokens"]},
        "django.security.csrf": {"filters": ["tokens"]},
        # runserver's request lines: through the console (Django's default handler for them
        # would be dropped by naming the logger here).
        "django.server": {"filters": ["tokens"], "handlers": ["console"], "propagate": False},
    },
}
