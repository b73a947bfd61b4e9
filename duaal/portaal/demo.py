"""One-click logins as the demo accounts, for `make demo` only (DEMO_AANMELDEN in dev.py).

The URL exists only when the setting is on (urls.py), and the view refuses when it is off, so
neither a production nor a test configuration can reach it by accident. Even when on, it logs
in only as an account of the demo domain, never as a real person's account.
"""

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View

from duaal.accounts.models import User

# The address domain of the accounts devtools' demo loader creates (one per role).
DEMO_DOMEIN = "@demo.duaal.be"


@dataclass(frozen=True)
class DemoAccount:
    public_id: str
    naam: str
    email: str
    rollen: list[str]


def demo_accounts() -> list[DemoAccount]:
    """The demo logins with their organisations and roles, in the order they were created."""
    users = (
        User.objects.filter(email__endswith=DEMO_DOMEIN, is_active=True)
        .prefetch_related("memberships__organisatie")
        .order_by("pk")
    )
    accounts = []
    for user in users:
        rollen = [
            f"{m.get_rol_display()} · {m.organisatie}" for m in user.memberships.all() if m.actief
        ]
        if rollen:
            accounts.append(DemoAccount(str(user.public_id), user.naam, user.email, rollen))
    return accounts


class DemoAanmeldenView(View):
    """POST: log in as the demo account named in the URL, then open its dashboard."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, public_id: UUID) -> HttpResponse:
        if not settings.DEMO_AANMELDEN:
            raise Http404
        user = get_object_or_404(
            User, public_id=public_id, email__endswith=DEMO_DOMEIN, is_active=True
        )
        login(request, user, backend="duaal.accounts.backends.PortalBackend")
        return HttpResponseRedirect(reverse("portaal:dashboard"))
