from typing import Any

from django.utils import timezone
from django.views.generic import TemplateView

from duaal.access import AUTHENTICATED, ActorRequiredMixin

from .dashboard import secties_voor


class HomeView(TemplateView):
    template_name = "portaal/home.html"


class DashboardView(ActorRequiredMixin, TemplateView):
    """What needs my action, for the role the user acts in now."""

    permission = AUTHENTICATED
    template_name = "portaal/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor = self.request.actor
        secties = secties_voor(actor, timezone.now()) if actor.membership else []
        return super().get_context_data(
            acties=[s for s in secties if s.actie and s.punten],
            informatie=[s for s in secties if not s.actie],
            **kwargs,
        )
