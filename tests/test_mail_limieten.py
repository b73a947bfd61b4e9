"""Password-reset mails are limited per address (3 an hour) and per client address (10 an hour)
in the cache every web process shares (Redis); over the limit, and for an unknown address, the
answer is the same and nothing is sent."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from django.conf import settings
from django.test import Client
from django.urls import reverse

from .factories import UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def _reset(capture, email: str, ip: str = "198.51.100.7", **extra):
    with capture(execute=True):
        return Client().post(
            reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip, **extra
        )


def test_a_fourth_reset_for_one_address_in_an_hour_sends_nothing_and_looks_the_same(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    user = UserFactory()
    antwoorden = [
        _reset(django_capture_on_commit_callbacks, user.email, ip=f"203.0.113.{n}").url
        for n in range(4)
    ]
    assert antwoorden == [reverse("accounts:password_reset_done")] * 4
    assert len(mailoutbox) == 3


def test_capitals_do_not_make_another_address(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    user = UserFactory(email="an@bakkerij.be")
    for email in ("an@bakkerij.be", "AN@bakkerij.be", "An@Bakkerij.be", "an@BAKKERIJ.BE"):
        _reset(django_capture_on_commit_callbacks, email, ip="203.0.113.50")
    assert len(mailoutbox) == 3 and all(m.to == [user.email] for m in mailoutbox)


def test_one_client_gets_at_most_ten_reset_mails_an_hour(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    users = UserFactory.create_batch(11)
    for user in users:
        response = _reset(django_capture_on_commit_callbacks, user.email)
        assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 10
    # Another client is not held back by the first one's hour.
    _reset(django_capture_on_commit_callbacks, users[-1].email, ip="203.0.113.9")
    assert len(mailoutbox) == 11


def test_behind_the_proxy_clients_are_counted_apart(
    settings, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    users = UserFactory.create_batch(11)
    for n, user in enumerate(users):
        proxy = {"ip": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"203.0.113.{n}"}
        _reset(django_capture_on_commit_callbacks, user.email, **proxy)
    assert len(mailoutbox) == 11


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    bekend = _reset(django_capture_on_commit_callbacks, UserFactory().email)
    onbekend = _reset(django_capture_on_commit_callbacks, "niemand@nergens.be")
    assert (onbekend.status_code, onbekend.url) == (bekend.status_code, bekend.url)
    assert len(mailoutbox) == 1


# Run in a process of its own: count `n` uses for one address and one client under the prefix.
_TEL = """
import sys
from django.conf import settings
from django.test import override_settings
from duaal.ratelimit import mail_allowed
prefix, n = sys.argv[1], int(sys.argv[2])
caches = {"default": {**settings.CACHES["default"], "KEY_PREFIX": prefix}}
with override_settings(CACHES=caches):
    print("TOEGESTAAN", sum(mail_allowed(scope="wachtwoord", address="an@bakkerij.be",
                                         client="198.51.100.7") for _ in range(n)))
"""


def test_the_limit_is_the_sum_over_web_processes_not_each_ones() -> None:
    """Two processes (two gunicorn workers) share the Redis counters: together they get the
    address's 3 mails, not 3 each, as they would with a memory cache per process."""
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
    prefix = f"test-{uuid.uuid4().hex}"
    processen = [
        subprocess.Popen(
            [sys.executable, "-c", f"import django; django.setup(); exec({_TEL!r})", prefix, "3"],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "duaal.settings.test",
                "REDIS_URL": settings.REDIS_URL,
            },
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    toegestaan = 0
    for proces in processen:
        uit, fout = proces.communicate(timeout=60)
        assert proces.returncode == 0, fout
        toegestaan += int(
            next(r for r in uit.splitlines() if r.startswith("TOEGESTAAN")).split()[1]
        )
    assert toegestaan == 3
