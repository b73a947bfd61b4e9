"""Set `request.actor`: the user and the membership they chose to act under."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from duaal.http import PortalRequest

from .actor import ANONYMOUS, Actor

SESSION_KEY = "actieve_membership"
LOGIN_AT_KEY = "ingelogd_om"
SEEN_AT_KEY = "gezien_om"
# The last-seen time is written at most this often: not a session write on every request.
SEEN_RESOLUTION = 60


@receiver(user_logged_in, dispatch_uid="accounts.login_at")
def _login_at(sender: object, request: HttpRequest, user: object, **kwargs: Any) -> None:
    request.session[LOGIN_AT_KEY] = request.session[SEEN_AT_KEY] = time.time()


class SessionTimeoutMiddleware:
    """Session timeouts (ASVS 3.3): log in again after SESSION_IDLE_SECONDS without a request,
    and after SESSION_ABSOLUTE_SECONDS however active the session was."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            login_at = session.get(LOGIN_AT_KEY) or session.setdefault(LOGIN_AT_KEY, now)
            seen_at = session.get(SEEN_AT_KEY) or session.setdefault(SEEN_AT_KEY, now)
            if (
                now - login_at > settings.SESSION_ABSOLUTE_SECONDS
                or now - seen_at > settings.SESSION_IDLE_SECONDS
            ):
                logout(request)
            elif now - seen_at > SEEN_RESOLUTION:
                session[SEEN_AT_KEY] = now
        return self.get_response(request)


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: PortalRequest) -> HttpResponse:
        # Sets `actor`: from here on the request is what PortalRequest describes.
        request.actor = self._actor(request)
        return self.get_response(request)

    @staticmethod
    def _actor(request: HttpRequest) -> Actor:
        user = request.user
        if not user.is_authenticated:
            return ANONYMOUS
        # PortalBackend fetched them with the user; a session from another backend asks here.
        memberships = getattr(user, "active_memberships", None)
        if memberships is None:
            memberships = list(
                user.memberships.filter(actief=True).select_related("organisatie").order_by("pk")
            )
        chosen = str(request.session.get(SESSION_KEY, ""))
        active = next((m for m in memberships if str(m.public_id) == chosen), None)
        if active is None and memberships:
            active = memberships[0]
        return Actor(user=user, membership=active, memberships=memberships)
