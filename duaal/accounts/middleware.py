"""Set `request.actor`: the user and the membership they chose to act under."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .actor import ANONYMOUS, Actor

SESSION_KEY = "actieve_membership"


class ActorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.actor = self._actor(request)
        return self.get_response(request)

    @staticmethod
    def _actor(request: HttpRequest) -> Actor:
        user = request.user
        if not user.is_authenticated:
            return ANONYMOUS
        memberships = list(
            user.memberships.filter(actief=True).select_related("organisatie").order_by("pk")
        )
        chosen = str(request.session.get(SESSION_KEY, ""))
        active = next((m for m in memberships if str(m.public_id) == chosen), None)
        if active is None and memberships:
            active = memberships[0]
        return Actor(user=user, membership=active, memberships=memberships)
