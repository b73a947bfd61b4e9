"""/health/ answers only "ok" / "not ok" publicly; the checks and latencies go to platform
staff and to HEALTH_DETAIL_NETWORKS (loopback by default: docker-compose's and the load test's
own checks run there)."""

import pytest

from django.test import Client
from django.urls import reverse

from duaal.accounts.constants import Rol

from .world import World

pytestmark = pytest.mark.django_db

BUITEN = {"REMOTE_ADDR": "198.51.100.7"}


def test_a_visitor_from_outside_sees_only_ok(client: Client) -> None:
    response = client.get(reverse("health"), **BUITEN)
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_a_visitor_from_outside_sees_only_not_ok_when_redis_is_down(client, settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get(reverse("health"), **BUITEN)
    assert response.status_code == 503 and response.json() == {"status": "not ok"}


def test_loopback_and_the_allowed_networks_see_the_checks(client, settings) -> None:
    assert "checks" in client.get(reverse("health")).json()  # the test client is 127.0.0.1
    settings.HEALTH_DETAIL_NETWORKS = ["198.51.100.0/24"]
    assert client.get(reverse("health"), **BUITEN).json()["checks"]["database"]["ok"]
    assert "checks" not in client.get(reverse("health")).json()


def test_behind_the_proxy_the_client_address_decides_not_the_proxys(client, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    via_proxy = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client.get(reverse("health"), **via_proxy).json() == {"status": "ok"}


def test_platform_staff_see_the_checks_others_logged_in_do_not(world: World) -> None:
    platform = world.client_for("A", Rol.PLATFORMBEHEERDER)
    assert "checks" in platform.get(reverse("health"), **BUITEN).json()
    werkgever = world.client_for("A", Rol.VERTEGENWOORDIGER)
    assert werkgever.get(reverse("health"), **BUITEN).json() == {"status": "ok"}
