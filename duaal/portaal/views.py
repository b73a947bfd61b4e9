from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.generic import TemplateView

from duaal.access import AUTHENTICATED, ActorRequiredMixin

from .dashboard import personal_page_for, secties_voor
from .demo import demo_accounts


class HomeView(TemplateView):
    template_name = "portaal/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # `make demo` explains the roles and offers a one-click login per demo account.
        accounts = demo_accounts() if settings.DEMO_AANMELDEN else []
        return super().get_context_data(demo_accounts=accounts, **kwargs)


class DashboardView(ActorRequiredMixin, TemplateView):
    """What needs my action, for the role the user acts in now."""

    permission = AUTHENTICATED
    template_name = "portaal/dashboard.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # A person who acts for no organisation (a learner logged in with the government
        # login) has no dashboard: their own page, when an app has one for them.
        actor = self.request.actor
        if actor.membership is None and (page := personal_page_for(actor.person)) is not None:
            return HttpResponseRedirect(page)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor = self.request.actor
        secties = secties_voor(actor, timezone.now()) if actor.membership else []
        return super().get_context_data(
            acties=[s for s in secties if s.actie and s.punten],
            informatie=[s for s in secties if not s.actie],
            **kwargs,
        )
