"""The pages every footer links to, and the session's "stay signed in" request."""

from datetime import date
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import View
from django.views.generic import TemplateView

from duaal.access import AUTHENTICATED, ActorRequiredMixin

from .sessie import mark_seen, seconds_left

# The day the accessibility statement was last checked against the portal; change it with
# the statement's text.
TOEGANKELIJKHEID_BIJGEWERKT = date(2026, 12, 4)


class ToegankelijkheidView(TemplateView):
    template_name = "portaal/toegankelijkheid.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            bijgewerkt=TOEGANKELIJKHEID_BIJGEWERKT,
            helpdesk_email=settings.PORTAAL_HELPDESK_EMAIL,
            **kwargs,
        )


class PrivacyView(TemplateView):
    template_name = "portaal/privacy.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            privacy_email=settings.PORTAAL_PRIVACY_EMAIL,
            idle_minuten=settings.SESSION_IDLE_SECONDS // 60,
            **kwargs,
        )


class SessieVerlengenView(ActorRequiredMixin, View):
    """POST from the time-out warning: restart the idle clock and say how long it now runs."""

    permission = AUTHENTICATED
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        mark_seen(request.session)
        return JsonResponse({"resterend": seconds_left(request.session)})
