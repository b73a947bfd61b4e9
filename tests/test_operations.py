"""Operations: /health/ for the load balancer, request ids in responses and logs, and the
session's idle and absolute timeouts."""

import json
import logging
import time

import pytest

from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from duaal.accounts.middleware import LOGIN_AT_KEY, SEEN_AT_KEY
from duaal.health import HEARTBEAT_KEY, _redis, heartbeat
from duaal.requestlog import JsonFormatter, RequestIdFilter

from .factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_client():
    client = _redis()
    client.delete(HEARTBEAT_KEY)
    yield client
    client.delete(HEARTBEAT_KEY)


def test_health_is_ok_with_database_redis_and_a_fresh_heartbeat(
    client: Client, redis_client
) -> None:
    heartbeat()
    response = client.get(reverse("health"))
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["redis"]["ok"]
    assert 0 <= body["checks"]["beat"]["age_s"] <= 2
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_stale_beat_degrades_but_keeps_the_node_in_rotation(
    client, redis_client, settings
) -> None:
    redis_client.set(HEARTBEAT_KEY, str(time.time() - 600))
    body = client.get(reverse("health")).json()
    assert body["status"] == "degraded" and body["checks"]["beat"] == {"ok": False, "age_s": 600}


def test_redis_down_takes_the_node_out_of_rotation(client, settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["redis"]["ok"] is False


def test_every_response_carries_a_request_id_and_a_sane_incoming_one_is_kept(client) -> None:
    generated = client.get(reverse("portaal:home"))["X-Request-ID"]
    assert len(generated) == 32
    kept = client.get(reverse("portaal:home"), HTTP_X_REQUEST_ID="lb-1234abcd")
    assert kept["X-Request-ID"] == "lb-1234abcd"
    forged = client.get(reverse("portaal:home"), HTTP_X_REQUEST_ID="x\nINJECT")
    assert forged["X-Request-ID"] != "x\nINJECT"


def test_log_lines_are_json_with_the_request_id() -> None:
    record = logging.LogRecord("duaal", logging.WARNING, __file__, 1, "stap %s", ("één",), None)
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "stap één" and line["level"] == "WARNING"
    assert line["request_id"] == "-"  # outside a request


def _logged_in_client() -> Client:
    user = UserFactory(password="Een-lang-wachtwoord-2026")
    client = Client()
    # Axes' backend needs a request; the test client passes none unless given one.
    assert client.login(
        request=HttpRequest(), email=user.email, password="Een-lang-wachtwoord-2026"
    )
    return client


def test_the_session_expires_after_the_absolute_timeout(settings) -> None:
    client = _logged_in_client()
    dashboard = reverse("portaal:dashboard")
    assert client.get(dashboard).status_code == 200
    session = client.session
    session[LOGIN_AT_KEY] = time.time() - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get(dashboard)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_session_expires_after_the_idle_timeout_and_activity_renews_it(settings) -> None:
    client = _logged_in_client()
    dashboard = reverse("portaal:dashboard")
    session = client.session
    session[SEEN_AT_KEY] = time.time() - settings.SESSION_IDLE_SECONDS + 120
    session.save()
    assert client.get(dashboard).status_code == 200  # active again: last-seen renewed
    assert client.session[SEEN_AT_KEY] > time.time() - 5
    session = client.session
    session[SEEN_AT_KEY] = time.time() - settings.SESSION_IDLE_SECONDS - 1
    session.save()
    response = client.get(dashboard)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
