"""How long a signed-in session has left before SessionTimeoutMiddleware ends it."""

import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase

from duaal.accounts.middleware import LOGIN_AT_KEY, SEEN_AT_KEY


def seconds_left(session: SessionBase, *, now: float | None = None) -> int:
    """Seconds until the idle or the absolute timeout, whichever comes first."""
    now = time.time() if now is None else now
    seen_at = session.get(SEEN_AT_KEY) or now
    login_at = session.get(LOGIN_AT_KEY) or now
    idle_left = settings.SESSION_IDLE_SECONDS - (now - seen_at)
    absolute_left = settings.SESSION_ABSOLUTE_SECONDS - (now - login_at)
    return max(0, int(min(idle_left, absolute_left)))


def mark_seen(session: SessionBase, *, now: float | None = None) -> None:
    """Restart the idle clock now: the middleware writes it at most once a minute, which would
    let a "stay signed in" within that minute extend nothing."""
    session[SEEN_AT_KEY] = time.time() if now is None else now
