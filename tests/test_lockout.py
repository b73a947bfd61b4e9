"""Brute force (S4, S11): 5 failed logins per e-mail address + client address lock that pair out
for 15 minutes, counted from the failure that locked, behind the proxy as well."""

import datetime as dt
import logging

import pytest
import time_machine
from axes.models import AccessAttempt

from django.test import Client
from django.urls import reverse

from .factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-wachtwoord-123"  # UserFactory's
START = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def _login(client: Client, email: str, password: str = PASSWORD, ip: str = "198.51.100.7", **extra):
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE="nl-BE",
        **extra,
    )


def _fail(client: Client, email: str, times: int = 5, **extra) -> list[int]:
    return [_login(client, email, "fout-wachtwoord", **extra).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_the_address_out_with_a_dutch_page(client) -> None:
    user = UserFactory()
    assert _fail(client, user.email) == [200, 200, 200, 200, 429]
    response = _login(client, user.email)
    assert response.status_code == 429 and "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "Account tijdelijk geblokkeerd" in text
    assert "Na 5 mislukte inlogpogingen" in text and "15 minuten geblokkeerd" in text


def test_the_same_address_from_another_ip_is_not_locked_out(client) -> None:
    user = UserFactory()
    _fail(client, user.email)
    assert _login(Client(), user.email, ip="203.0.113.9").status_code == 302


def test_another_address_from_the_same_ip_is_not_locked_out(client) -> None:
    user, other = UserFactory(), UserFactory()
    _fail(client, user.email)
    assert _login(Client(), other.email).status_code == 302


def test_the_right_password_works_again_after_15_minutes(client) -> None:
    user = UserFactory()
    with time_machine.travel(START, tick=False):
        _fail(client, user.email)
    with time_machine.travel(START + dt.timedelta(minutes=14, seconds=59), tick=False):
        assert _login(client, user.email).status_code == 429
    with time_machine.travel(START + dt.timedelta(minutes=15, seconds=1), tick=False):
        assert _login(client, user.email).status_code == 302


def test_attempts_during_the_lock_out_do_not_extend_it(client) -> None:
    """S11: an attacker who keeps trying cannot keep the pair locked out for ever."""
    user = UserFactory()
    with time_machine.travel(START, tick=False):
        _fail(client, user.email)
    for minuut in (5, 10, 14):
        with time_machine.travel(START + dt.timedelta(minutes=minuut), tick=False):
            assert _login(client, user.email, "fout-wachtwoord").status_code == 429
    with time_machine.travel(START + dt.timedelta(minutes=15, seconds=1), tick=False):
        assert _login(client, user.email).status_code == 302


def test_capitals_in_the_address_log_in_and_share_one_counter(client) -> None:
    user = UserFactory(email="an.peeters@bakkerij.be")
    varianten = ["An.Peeters@Bakkerij.be", "AN.PEETERS@BAKKERIJ.BE", user.email]
    for email in [*varianten, "an.peeters@BAKKERIJ.be", " An.peeters@bakkerij.be"]:
        _login(client, email, "fout-wachtwoord")
    assert _login(client, user.email).status_code == 429
    assert AccessAttempt.objects.get().username == user.email
    assert _login(Client(), "An.Peeters@Bakkerij.BE", ip="203.0.113.9").status_code == 302


def test_a_successful_login_resets_the_count(client) -> None:
    user = UserFactory()
    _fail(client, user.email, times=4)
    assert _login(client, user.email).status_code == 302
    assert not AccessAttempt.objects.filter(username=user.email).exists()
    client.logout()
    assert _fail(client, user.email, times=4) == [200] * 4
    assert _login(client, user.email).status_code == 302


def test_a_lockout_is_logged(client, caplog) -> None:
    user = UserFactory()
    with caplog.at_level(logging.WARNING, logger="axes"):
        _fail(client, user.email)
    lockouts = [r for r in caplog.records if "Locking out" in r.getMessage()]
    assert [r.levelno for r in lockouts] == [logging.WARNING]
    # The IP is logged, the e-mail address masked (AXES_SENSITIVE_PARAMETERS).
    message = lockouts[0].getMessage()
    assert "198.51.100.7" in message and user.email not in message


def test_behind_a_proxy_the_client_ip_counts_and_a_forged_header_part_does_not(
    client, settings
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1  # one nginx in front, which appends the client
    user = UserFactory()
    for forged in range(5):  # a different forged address each time, the same real client
        xff = f"192.0.2.{forged}, 203.0.113.5"
        response = _login(client, user.email, "fout", ip="10.0.0.2", HTTP_X_FORWARDED_FOR=xff)
    assert response.status_code == 429
    colleague = _login(Client(), user.email, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert colleague.status_code == 302


def test_behind_a_proxy_two_clients_do_not_lock_each_other_out(settings) -> None:
    """S11: every request arrives from the proxy's address; the clients are told apart by
    the X-Forwarded-For entry the proxy wrote, so an attacker's failures lock only the
    attacker's own address out, never the victim's."""
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    aanvaller, slachtoffer = Client(), Client()
    achter_proxy = {"ip": "10.0.0.2"}
    statussen = _fail(
        aanvaller, user.email, 6, HTTP_X_FORWARDED_FOR="198.51.100.66", **achter_proxy
    )
    assert statussen[-1] == 429
    echt = _login(slachtoffer, user.email, HTTP_X_FORWARDED_FOR="203.0.113.20", **achter_proxy)
    assert echt.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"


def test_with_two_proxies_the_entry_the_outer_proxy_wrote_counts(settings, rf) -> None:
    from duaal.clientip import client_ip

    settings.TRUSTED_PROXY_COUNT = 2  # CDN -> nginx -> gunicorn
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.1.1.1")
    request.META["REMOTE_ADDR"] = "10.0.0.2"
    assert client_ip(request) == "203.0.113.5"
    request.META["HTTP_X_FORWARDED_FOR"] = "niet-een-adres, 10.1.1.1"
    assert client_ip(request) == "10.0.0.2"  # garbage never becomes a counter of its own
    settings.TRUSTED_PROXY_COUNT = 0
    request.META["HTTP_X_FORWARDED_FOR"] = "203.0.113.5"
    assert client_ip(request) == "10.0.0.2"  # no proxy: the header is the client's own text
