"""Production: HTTPS only; SECRET_KEY and DATABASE_URL have no default and must be set."""

import os

# Log aggregation reads one JSON object per line; a terminal can still ask for LOG_FORMAT=plain.
os.environ.setdefault("LOG_FORMAT", "json")

from .base import *  # noqa: E402,F403
from .env import ConfigurationError, env_bool, env_int, env_str  # noqa: E402

DEBUG = False

# Forwarded headers are trusted only as far as the operator says: without an explicit count
# the portal would either read the client's own X-Forwarded-For or give every client behind
# the proxy the proxy's address, and one address's failures would lock everyone out.
# (base.py has read it as a whole number already; here it must have been given.)
try:
    env_str("TRUSTED_PROXY_COUNT")
except ConfigurationError:
    raise ConfigurationError(
        "TRUSTED_PROXY_COUNT is required in production: the number of reverse proxies in front "
        "of gunicorn that append to X-Forwarded-For (1 for one TLS proxy), or 0 when clients "
        "connect to gunicorn directly and it serves TLS itself."
    ) from None
if TRUSTED_PROXY_COUNT < 0:  # noqa: F405
    raise ConfigurationError("TRUSTED_PROXY_COUNT cannot be negative.")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Behind a TLS-terminating proxy, which sets X-Forwarded-Proto; without one (0) the header
# comes from the client and gunicorn's own TLS decides what is secure.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None  # noqa: F405
)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# __Host-: the browser accepts these cookies only when Secure, with Path=/ and no Domain, so
# neither a sibling subdomain nor a plain-http page can set or overwrite them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_PATH = "/"
CSRF_COOKIE_PATH = "/"

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
