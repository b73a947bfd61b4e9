"""`/health/` for the load balancer: the database and Redis decide the status code; beat's last
heartbeat is reported (a late beat must not take every web node out of rotation). Publicly the
answer is only "ok" or "not ok"; the checks and latencies go to platform staff and to
HEALTH_DETAIL_NETWORKS (loopback by default).

Beat runs `duaal.health.heartbeat` every minute; it stores the time in Redis.
"""

import time
from typing import Any

from celery import shared_task

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from duaal.clientip import client_ip, in_networks

HEARTBEAT_KEY = "duaal:beat:heartbeat"


def _redis() -> Any:
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)


def _elapsed_ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def _database() -> dict[str, Any]:
    start = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # whatever the driver raises, the node is not healthy
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True, "ms": _elapsed_ms(start)}


def _redis_and_beat() -> tuple[dict[str, Any], dict[str, Any]]:
    start = time.perf_counter()
    try:
        client = _redis()
        client.ping()
        last = client.get(HEARTBEAT_KEY)
    except Exception as error:
        return {"ok": False, "error": type(error).__name__}, {"ok": False, "age_s": None}
    redis_check = {"ok": True, "ms": _elapsed_ms(start)}
    if last is None:
        return redis_check, {"ok": False, "age_s": None}
    age = round(time.time() - float(last))
    return redis_check, {"ok": age <= settings.HEALTH_BEAT_MAX_AGE, "age_s": age}


def _may_see_details(request: HttpRequest) -> bool:
    """Latencies and the list of checks help an attacker time the database; only platform
    staff and the allowed networks (the load balancer's, monitoring) see them."""
    actor = getattr(request, "actor", None)
    if actor is not None and actor.user is not None:
        if actor.user.is_staff or actor.is_platformbeheerder:
            return True
    return in_networks(client_ip(request), settings.HEALTH_DETAIL_NETWORKS)


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {"database": _database()}
    if settings.HEALTH_CHECK_REDIS:
        checks["redis"], checks["beat"] = _redis_and_beat()
    critical_ok = all(checks[name]["ok"] for name in ("database", "redis") if name in checks)
    code = 200 if critical_ok else 503
    if not _may_see_details(request):
        # A late beat keeps the node in rotation, so publicly it is still "ok".
        return JsonResponse({"status": "ok" if critical_ok else "not ok"}, status=code)
    if not critical_ok:
        status = "failing"
    elif "beat" in checks and not checks["beat"]["ok"]:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, "checks": checks}, status=code)


@shared_task(name="duaal.health.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Beat's heartbeat: proves that beat schedules and a worker consumes."""
    _redis().set(HEARTBEAT_KEY, str(time.time()), ex=24 * 60 * 60)
