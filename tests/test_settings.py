"""Production settings refuse to start without secrets, and send the security headers (S2, S3)."""

import json
import os
import subprocess
import sys

import pytest

from django.urls import reverse

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "duaal.settings.production",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    "ALLOWED_HOSTS": "portaal.example",
    "TRUSTED_PROXY_COUNT": "1",
    "PATH": os.environ.get("PATH", ""),
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", env=PRODUCTION_ENV)
    assert result.returncode != 0 and "SECRET_KEY is required" in result.stderr


def test_production_refuses_to_start_without_an_explicit_proxy_count() -> None:
    """S11: behind the TLS proxy every client would share the proxy's address (anyone could
    lock anyone out), or the client's own X-Forwarded-For would count; the operator says."""
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "TRUSTED_PROXY_COUNT"}
    result = _manage("check", env={**env, "SECRET_KEY": "k" * 60})
    assert result.returncode != 0 and "TRUSTED_PROXY_COUNT is required" in result.stderr
    for waarde, fout in (("een", "is not a whole number"), ("-1", "cannot be negative")):
        result = _manage(
            "check", env={**PRODUCTION_ENV, "SECRET_KEY": "k" * 60, "TRUSTED_PROXY_COUNT": waarde}
        )
        assert result.returncode != 0 and "TRUSTED_PROXY_COUNT" in result.stderr
        assert fout in result.stderr


def test_without_a_proxy_production_does_not_trust_forwarded_headers() -> None:
    env = {**PRODUCTION_ENV, "SECRET_KEY": "k" * 60, "TRUSTED_PROXY_COUNT": "0"}
    code = "from django.conf import settings as s; print('PROXY', s.SECURE_PROXY_SSL_HEADER)"
    result = _manage("shell", "-c", code, env=env)
    assert "PROXY None" in result.stdout, result.stderr


def test_production_passes_the_deploy_check() -> None:
    env = {
        **PRODUCTION_ENV,
        "SECRET_KEY": "x" * 20 + "-a-long-and-random-enough-test-key-" + "y" * 20,
    }
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_keeps_database_connections_with_a_health_check() -> None:
    """P5: persistent connections, checked before reuse (a cut connection is replaced)."""
    env = {**PRODUCTION_ENV, "SECRET_KEY": "k" * 60}
    code = (
        "from django.db import connection as c; d = c.settings_dict; "
        "print('P5', d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    result = _manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    regel = next(r for r in result.stdout.splitlines() if r.startswith("P5 "))  # not a log line
    max_age, health_checks = regel.split()[1:]
    assert int(max_age) >= 60 and health_checks == "True"


def test_production_answers_https_with_hsts_and_locked_down_cookies() -> None:
    """S3 under the production settings: a page over HTTPS carries HSTS, and its cookies are
    Secure, HttpOnly and SameSite; the session cookie's settings match."""
    env = {**PRODUCTION_ENV, "SECRET_KEY": "k" * 60, "LOG_FORMAT": "plain"}
    code = """
import json
from django.conf import settings
from django.test import Client, override_settings
# The manifest comes from collectstatic at build time; plain static URLs do for this check.
static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": static}):
    response = Client().get("/account/inloggen/", secure=True, HTTP_HOST="portaal.example")
csrf = response.cookies["__Host-csrftoken"]
print("S3", json.dumps({
    "status": response.status_code,
    "hsts": response.headers.get("Strict-Transport-Security"),
    "csrf": [bool(csrf["secure"]), bool(csrf["httponly"]), csrf["samesite"]],
    "csrf_scope": [csrf["path"], csrf["domain"]],
    "session": [settings.SESSION_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,
                settings.SESSION_COOKIE_SAMESITE],
    "session_scope": [settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_PATH,
                      settings.SESSION_COOKIE_DOMAIN],
}))
"""
    result = _manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    regel = next(r for r in result.stdout.splitlines() if r.startswith("S3 "))
    gezien = json.loads(regel[3:])
    assert gezien["status"] == 200
    assert gezien["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert gezien["csrf"] == [True, True, "Lax"]
    assert gezien["session"] == [True, True, "Lax"]
    # __Host-: the browser takes these only Secure, for Path=/ and without a Domain.
    assert gezien["csrf_scope"] == ["/", ""]
    assert gezien["session_scope"] == ["__Host-sessionid", "/", None]


def test_a_typo_in_a_boolean_setting_fails_loudly() -> None:
    env = {**PRODUCTION_ENV, "SECRET_KEY": "k" * 60, "SECURE_SSL_REDIRECT": "ture"}
    result = _manage("check", env=env)
    assert result.returncode != 0 and "is not a boolean" in result.stderr


@pytest.mark.django_db
def test_pages_send_a_nonce_csp_and_deny_framing(client) -> None:
    response = client.get(reverse("accounts:login"))
    csp = response.headers["Content-Security-Policy"]
    # Scripts only from the portal itself, or inline with the per-request nonce; never inline.
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_an_inline_script_runs_only_with_the_requests_nonce(rf) -> None:
    from csp.middleware import CSPMiddleware

    from django.http import HttpResponse

    request = rf.get("/")
    middleware = CSPMiddleware(lambda req: HttpResponse(f"<script nonce='{req.csp_nonce}'>"))
    response = middleware(request)
    assert f"'nonce-{request.csp_nonce}'" in response.headers["Content-Security-Policy"]
