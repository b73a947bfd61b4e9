"""The government login's pages: start, callback, linking a local account, choosing the
capacity to act in, registering an unknown enterprise, and logging out at the provider.

Every refusal is a Dutch page that says what happened and what to do next (never a 500);
tokens, codes and the national number are never logged nor put in a URL of ours.
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from authlib.integrations.base_client.errors import OAuthError
from joserfc.errors import JoseError

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from duaal.access import AUTHENTICATED, ActorRequiredMixin
from duaal.http import PortalRequest
from duaal.workflow import Refused

from . import oidc
from .aanmelden import Aanmelding, aanmelden_met_identiteit, account_koppelen
from .actor import ANONYMOUS
from .claims import ClaimsGeweigerd, Identiteit, identiteit_lezen
from .constants import TOEGANG_AANVRAGEN_SESSIE
from .forms_oidc import AccountKoppelenForm, OndernemingVanClaimsForm
from .middleware import SESSION_KEY
from .registreren_oidc import onderneming_registreren_als_vertegenwoordiger

log = logging.getLogger(__name__)

BACKEND = "duaal.accounts.backends.PortalBackend"
ID_TOKEN_SESSIE = "oidc:id_token"
CLAIMS_SESSIE = "oidc:claims"  # between the callback and linking a local account
REGISTRATIE_SESSIE = "oidc:registratie"  # the unknown enterprise the person represents
VOLGENDE_SESSIE = "oidc:volgende"


def geweigerd(
    request: HttpRequest,
    uitleg: str | Promise,
    volgende_stap: str | Promise,
    *,
    code: str,
    status: int = 403,
) -> HttpResponse:
    log.info("government login refused: %s", code)  # the reason's code only, no claim
    return render(
        request,
        "accounts/aanmelden_geweigerd.html",
        {"uitleg": uitleg, "volgende_stap": volgende_stap, "oidc": oidc.ingeschakeld()},
        status=status,
    )


def _niet_verbonden(request: HttpRequest) -> HttpResponse:
    return geweigerd(
        request,
        gettext_lazy("The government login service could not be reached."),
        gettext_lazy("Try again in a few minutes."),
        code="onbereikbaar",
        status=503,
    )


class OidcLoginView(View):
    """Send the browser to the provider with a fresh state, nonce and PKCE challenge."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc.ingeschakeld():
            raise Http404
        volgende = request.GET.get("next", "")
        if url_has_allowed_host_and_scheme(volgende, allowed_hosts=None):
            request.session[VOLGENDE_SESSIE] = volgende
        terug = request.build_absolute_uri(reverse("accounts:oidc_callback"))
        try:
            response: HttpResponse = oidc.client().authorize_redirect(request, terug)
        except requests.RequestException:
            return _niet_verbonden(request)
        return response


class OidcCallbackView(View):
    """The provider sends the browser back here with a code: verify, map, log in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not oidc.ingeschakeld():
            raise Http404
        try:
            token = oidc.client().authorize_access_token(request)
        except OAuthError as fout:
            # A replayed or unknown state, an error answer of the provider, a code refused.
            log.info("government login: %s", type(fout).__name__)
            return geweigerd(
                request,
                gettext_lazy(
                    "The login could not be completed: the answer of the login "
                    "service was not valid for this session, or was used before."
                ),
                gettext_lazy("Start again from the login page."),
                code="oauth",
                status=400,
            )
        except JoseError as fout:
            # Signature, iss, aud, exp or nonce: the ID token is not for us, or not now.
            log.info("government login: ID token refused (%s)", type(fout).__name__)
            return geweigerd(
                request,
                gettext_lazy("The login service's answer could not be verified."),
                gettext_lazy(
                    "Start again from the login page; if this keeps happening, "
                    "contact the helpdesk."
                ),
                code="id_token",
                status=400,
            )
        except requests.RequestException:
            return _niet_verbonden(request)
        claims: dict[str, Any] = dict(token.get("userinfo") or {})
        try:
            identiteit = identiteit_lezen(claims, oidc.instellingen())
        except ClaimsGeweigerd as fout:
            return geweigerd(request, fout.uitleg, fout.volgende_stap, code=fout.code)
        aanmelding = aanmelden_met_identiteit(identiteit, door=ANONYMOUS)
        if aanmelding.user is None:
            request.session[CLAIMS_SESSIE] = claims
            request.session[ID_TOKEN_SESSIE] = token.get("id_token", "")
            return redirect("accounts:oidc_koppelen")
        return aangemeld(request, aanmelding, identiteit, id_token=token.get("id_token", ""))


def aangemeld(
    request: HttpRequest, aanmelding: Aanmelding, identiteit: Identiteit, *, id_token: str
) -> HttpResponse:
    """Log the person in (a new session key) and send them where their capacity leads."""
    assert aanmelding.user is not None
    login(request, aanmelding.user, backend=BACKEND)
    request.session[ID_TOKEN_SESSIE] = id_token
    request.session.pop(CLAIMS_SESSIE, None)
    memberships = list(
        aanmelding.user.memberships.filter(actief=True).select_related("organisatie")
    )
    for membership in aanmelding.beeindigd:
        messages.info(
            request,
            _("Your access to %(organisatie)s through the government login has ended.")
            % {"organisatie": membership.organisatie},
        )
    # A page the person was on their way to (an invitation to accept) comes first.
    volgende = request.session.pop(VOLGENDE_SESSIE, "")
    if aanmelding.onbekende_onderneming is not None:
        request.session[REGISTRATIE_SESSIE] = {
            "kbo": aanmelding.onbekende_onderneming.waarde,
            "naam": identiteit.orgnaam,
        }
        if not memberships and not volgende:
            return redirect("accounts:oidc_registreren")
    if aanmelding.zonder_rol is not None:
        request.session[TOEGANG_AANVRAGEN_SESSIE] = str(aanmelding.zonder_rol.public_id)
        if not memberships and not volgende:
            return redirect("accounts:toegang_aanvragen")
    # Act first for the organisation the person logged in for, when they have a role there.
    gekozen = next((m for m in memberships if identiteit.orgcode and _is_org(m, identiteit)), None)
    if gekozen is not None:
        request.session[SESSION_KEY] = str(gekozen.public_id)
    if volgende:
        return HttpResponseRedirect(volgende)
    if len(memberships) > 1:
        return redirect("accounts:capaciteit_kiezen")
    return redirect("portaal:dashboard")


def _is_org(membership: Any, identiteit: Identiteit) -> bool:
    from .aanmelden import organisatie_voor

    assert identiteit.orgcode is not None
    org = organisatie_voor(identiteit.orgcode)
    return org is not None and membership.organisatie_id == org.pk


class AccountKoppelenView(FormView):
    """An account with the login's e-mail address exists: it is linked only after its own
    password is given once (never silently by the address)."""

    form_class = AccountKoppelenForm
    template_name = "accounts/oidc_koppelen.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        claims = request.session.get(CLAIMS_SESSIE)
        if not claims:
            messages.error(request, _("Start again from the login page."))
            return redirect("accounts:login")
        self.identiteit = identiteit_lezen(claims, oidc.instellingen())
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(email=self.identiteit.email, **kwargs)

    def form_valid(self, form: AccountKoppelenForm) -> HttpResponse:
        user = authenticate(
            self.request, username=self.identiteit.email, password=form.cleaned_data["password"]
        )
        if user is None:
            form.add_error("password", _("This password is not right for this account."))
            return self.form_invalid(form)
        try:
            aanmelding = account_koppelen(user, self.identiteit, door=ANONYMOUS)
        except Refused as fout:
            return geweigerd(
                self.request, fout.message, gettext_lazy("Contact the helpdesk."), code="koppelen"
            )
        messages.success(self.request, _("Your account is now linked to the government login."))
        id_token = self.request.session.get(ID_TOKEN_SESSIE, "")
        return aangemeld(self.request, aanmelding, self.identiteit, id_token=id_token)


class CapaciteitKiezenView(ActorRequiredMixin, View):
    """After login: the capacities the person holds, from claims or grants; the choice goes
    to the switcher, which re-checks it against the memberships of that request."""

    permission = AUTHENTICATED

    def get(self, request: PortalRequest) -> HttpResponse:
        return render(
            request,
            "accounts/capaciteit_kiezen.html",
            {"memberships": request.actor.memberships, "actief": request.actor.membership},
        )


class OndernemingRegistrerenOidcView(ActorRequiredMixin, FormView):
    """The legal representative of an enterprise the portal does not know registers it,
    pre-filled from the claims; its number comes from the claims, not from the form."""

    permission = AUTHENTICATED
    form_class = OndernemingVanClaimsForm
    template_name = "accounts/oidc_registreren.html"
    request: PortalRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.gegevens: dict[str, str] = request.session.get(REGISTRATIE_SESSIE) or {}
        if request.user.is_authenticated and not self.gegevens:
            messages.error(
                request,
                _(
                    "Log in with eID or itsme as the enterprise's legal "
                    "representative to register it."
                ),
            )
            return redirect("portaal:dashboard")
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {"naam": self.gegevens.get("naam", "")}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from duaal.organisaties.validators import format_kbo

        return super().get_context_data(kbo=format_kbo(self.gegevens["kbo"]), **kwargs)

    def form_valid(self, form: OndernemingVanClaimsForm) -> HttpResponse:
        try:
            membership = onderneming_registreren_als_vertegenwoordiger(
                gegevens=form.gegevens(self.gegevens["kbo"]), door=self.request.actor
            )
        except Refused as fout:
            form.add_error(None, fout.message)
            return self.form_invalid(form)
        self.request.session.pop(REGISTRATIE_SESSIE, None)
        self.request.session[SESSION_KEY] = str(membership.public_id)
        messages.success(
            self.request,
            _("%(naam)s is registered. Add your establishments next.")
            % {"naam": membership.organisatie},
        )
        return redirect("portaal:dashboard")


class LogoutView(auth_views.LogoutView):
    """Log out here and, after a government login, at the provider too (RP-initiated)."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get(ID_TOKEN_SESSIE, "")
        if not (id_token and oidc.ingeschakeld()):
            return super().post(request, *args, **kwargs)
        logout(request)
        terug = request.build_absolute_uri("/")
        try:
            url = oidc.afmelden_url(id_token, terug)
        except requests.RequestException:
            url = None
        return HttpResponseRedirect(url or terug)
