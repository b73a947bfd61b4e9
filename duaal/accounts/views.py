from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from duaal.access import AUTHENTICATED, ActorRequiredMixin
from duaal.clientip import client_ip
from duaal.http import PortalRequest
from duaal.organisaties.models import Onderneming
from duaal.ratelimit import mail_allowed
from duaal.workflow import Refused

from . import oidc
from .forms import (
    LoginForm,
    OndernemingRegistratieForm,
    OrganisatieWisselenForm,
    WachtwoordResetForm,
)
from .middleware import SESSION_KEY
from .models import Membership
from .registratie_links import registratie_token_lezen
from .services import (
    OndernemingGegevens,
    onderneming_registreren,
    registratie_bevestigen,
)

# The session key that holds the confirmation token between the link and the button.
REGISTRATIE_SESSIE = "accounts:registratie_token"


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(oidc=oidc.ingeschakeld(), **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = WachtwoordResetForm  # the mail goes through the outbox, the token is not stored
    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "mail/accounts/password_reset.txt"
    subject_template_name = "mail/accounts/password_reset_subject.txt"

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # The same answer whether the address is known, unknown or over its limit: Django's
        # form sends nothing to an unknown address, and over the limit nothing is sent.
        allowed = mail_allowed(
            scope="wachtwoord",
            address=form.cleaned_data["email"],
            client=client_ip(self.request),
        )
        if not allowed:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")


class OrganisatieWisselenView(ActorRequiredMixin, View):
    """Switch the organisation the user acts for; only to one of their own memberships."""

    permission = AUTHENTICATED
    http_method_names = ["post"]

    def post(self, request: PortalRequest) -> HttpResponse:
        form = OrganisatieWisselenForm(request.POST)
        eigen = {str(m.public_id): m for m in request.actor.memberships}
        if not form.is_valid() or str(form.cleaned_data["membership"]) not in eigen:
            messages.error(request, _("You have no membership in that organisation."))
            return redirect("portaal:dashboard")
        gekozen = eigen[str(form.cleaned_data["membership"])]
        request.session[SESSION_KEY] = str(gekozen.public_id)
        messages.success(
            request, _("You now act for %(organisatie)s.") % {"organisatie": gekozen.organisatie}
        )
        volgende = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(volgende, allowed_hosts={request.get_host()}):
            return HttpResponseRedirect(volgende)
        return redirect("portaal:dashboard")


class OndernemingRegistrerenView(FormView):
    """Public: an enterprise's representative registers the enterprise and an account (R5).

    Every valid registration ends on the same "check your mail" page, whether the address
    already has an account, is new, or has had its mails for this hour: the answer never tells
    which. The mailbox's owner confirms (RegistratieBevestigenView)."""

    form_class = OndernemingRegistratieForm
    template_name = "accounts/registreren.html"
    request: PortalRequest

    def form_valid(self, form: OndernemingRegistratieForm) -> HttpResponse:
        data = form.cleaned_data
        allowed = mail_allowed(
            scope="registratie", address=data["email"], client=client_ip(self.request)
        )
        if allowed:
            onderneming_registreren(
                onderneming=OndernemingGegevens(
                    **{k: data[k] for k in OndernemingGegevens.__dataclass_fields__}
                ),
                naam=data["vertegenwoordiger_naam"],
                email=data["email"],
                password=data["password1"],
                door=self.request.actor,
            )
        return redirect("accounts:registratie_verzonden")


class RegistratieLinkView(View):
    """The URL in the mail: keep the token in the session and leave its URL, so that no later
    request line, Referer or log holds it (as Django's password reset does)."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        if registratie_token_lezen(token) is None:
            messages.error(request, _("This confirmation link no longer works."))
            return redirect("accounts:login")
        request.session[REGISTRATIE_SESSIE] = token
        return redirect("accounts:registratie_bevestigen")


class RegistratieBevestigenView(View):
    """Confirm the registration the session's link names: a page with one button (a mail
    scanner opening the link confirms nothing)."""

    template_name = "accounts/registratie_bevestigen.html"

    def _gelezen(self, request: HttpRequest) -> tuple[Membership, bool] | None:
        return registratie_token_lezen(request.session.get(REGISTRATIE_SESSIE, ""))

    def get(self, request: HttpRequest) -> HttpResponse:
        gelezen = self._gelezen(request)
        if gelezen is None:
            messages.error(request, _("This confirmation link no longer works."))
            return redirect("accounts:login")
        onderneming = Onderneming.objects.get(pk=gelezen[0].organisatie_id)
        return render(request, self.template_name, {"onderneming": onderneming})

    def post(self, request: PortalRequest) -> HttpResponse:
        gelezen = self._gelezen(request)
        request.session.pop(REGISTRATIE_SESSIE, None)
        if gelezen is None:
            messages.error(request, _("This confirmation link no longer works."))
            return redirect("accounts:login")
        membership, nieuw_account = gelezen
        try:
            membership = registratie_bevestigen(
                membership=membership, nieuw_account=nieuw_account, door=request.actor
            )
        except Refused as fout:
            messages.error(request, fout.message)
            return redirect("accounts:login")
        naam = {"naam": membership.organisatie}
        if nieuw_account and membership.user.is_active:
            # The mailbox is proven and the password was typed minutes ago: go straight in.
            login(request, membership.user, backend="duaal.accounts.backends.PortalBackend")
            messages.success(
                request, _("%(naam)s is registered. Add your establishments next.") % naam
            )
            return redirect("portaal:dashboard")
        messages.success(
            request, _("%(naam)s is registered. Log in with your existing password.") % naam
        )
        return redirect("accounts:login")
