"""The access screens: an organisation's administrator sees who has access, invites
colleagues, changes and revokes roles and answers access requests; a colleague accepts an
invitation; a person without a role asks for access. Thin: each POST is one service call."""

from typing import Any, Generic, TypeVar
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from duaal import views as shared
from duaal.access import AUTHENTICATED, ActorRequiredMixin
from duaal.accounts.actor import Actor
from duaal.exceptions import DomainError
from duaal.forms import ConfirmForm
from duaal.http import PortalRequest
from duaal.organisaties.models import Organisatie
from duaal.workflow import Refusals, Refused

from . import selectors
from .constants import TOEGANG_AANVRAGEN_SESSIE, MembershipBron, Rol
from .middleware import SESSION_KEY
from .models import Membership, Toegangsaanvraag, Uitnodiging
from .permissions import TOEGANG_BEHEREN
from .toegang import (
    kan_rol_wijzigen,
    kan_toegang_beheren,
    kan_toegang_intrekken,
    kan_uitnodigen,
    kan_uitnodiging_aanvaarden,
    kan_uitnodiging_intrekken,
    rol_wijzigen,
    toegang_intrekken,
    uitnodigen,
    uitnodiging_aanvaarden,
    uitnodiging_intrekken,
)
from .toegang_forms import RolForm, ToegangAanvragenForm, UitnodigingForm, WeigerenForm
from .toegangsaanvragen import (
    kan_toegang_aanvragen,
    kan_toegangsaanvraag_toekennen,
    kan_toegangsaanvraag_weigeren,
    toegang_aanvragen,
    toegangsaanvraag_toekennen,
    toegangsaanvraag_weigeren,
)
from .uitnodiging_links import uitnodiging_token_lezen

M = TypeVar("M", bound=Model)

# The session key that holds the invitation's token between the link and the button.
UITNODIGING_SESSIE = "accounts:uitnodiging_token"


class VanDeOrganisatie(Generic[M]):
    """The rows of the organisation the actor acts for (memberships, invitations, requests):
    another organisation's are not found (404); the role decides the rest (403)."""

    def __init__(self, model: type[M], *related: str) -> None:
        self.model = model
        self.related = related

    def all(self) -> "VanDeOrganisatie[M]":
        return self

    def visible_to(self, actor: Actor) -> QuerySet[M]:
        rijen = self.model._default_manager.filter(organisatie_id=actor.organisatie_id)
        return rijen.select_related("organisatie", *self.related)


def _toegang_kruimels() -> list[shared.Crumb]:
    return [(gettext_lazy("Access"), reverse("accounts:toegang"))]


class ToegangView(ActorRequiredMixin, TemplateView):
    """Who has access to the organisation the actor acts for, with what to do about it."""

    permission = TOEGANG_BEHEREN
    template_name = "accounts/toegang/overzicht.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, now = self.request.actor, timezone.now()
        organisatie = shared.acting_organisation(actor)
        if not kan_toegang_beheren(organisatie, door=actor, now=now).allowed:
            raise PermissionDenied
        leden = [
            {
                "m": m,
                "claim": m.bron == MembershipBron.CLAIM,
                "intrekken": kan_toegang_intrekken(m, door=actor, now=now),
                "wijzigen": kan_rol_wijzigen(m, door=actor, now=now),
            }
            for m in selectors.leden_van(organisatie.pk)
        ]
        return super().get_context_data(
            organisatie=organisatie,
            leden=leden,
            uitnodigingen=selectors.open_uitnodigingen(organisatie.pk, now=now),
            aanvragen=selectors.open_toegangsaanvragen(organisatie.pk),
            **kwargs,
        )


class ToegangActieView(shared.ActieView):
    """One action on the access of the acting organisation; back to the overview (the
    memberships, invitations and requests have no page of their own, hence `Any` results)."""

    permission = TOEGANG_BEHEREN

    def terug_url(self) -> str:
        return reverse("accounts:toegang")

    def kruimels(self) -> list[shared.Crumb]:
        return _toegang_kruimels()

    def guard_van(self, guard: Any) -> Refusals:
        result: Refusals = guard(self.object, door=self.request.actor, now=timezone.now())
        return result


class UitnodigenView(ToegangActieView):
    form_class = UitnodigingForm
    titel = gettext_lazy("Invite a colleague")
    uitleg = gettext_lazy(
        "Your colleague gets a mail with a link that works once, for 14 days. They accept "
        "with the account they are logged in with."
    )
    knop = gettext_lazy("Send the invitation")

    def get_object(self, queryset: Any = None) -> Organisatie:
        return shared.acting_organisation(self.request.actor)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "soort": self.object.soort}

    def guard(self) -> Refusals:
        return self.guard_van(kan_uitnodigen)

    def uitvoeren(self, form: Form) -> Any:
        return uitnodigen(
            organisatie=self.object,
            email=form.cleaned_data["email"],
            rol=form.cleaned_data["rol"],
            door=self.request.actor,
        )

    def succesbericht(self, resultaat: Any) -> str:
        return _("The invitation was sent to %(email)s.") % {"email": resultaat.email}


class UitnodigingIntrekkenView(ToegangActieView):
    queryset = VanDeOrganisatie(Uitnodiging)
    form_class = ConfirmForm
    titel = gettext_lazy("Withdraw the invitation")
    knop = gettext_lazy("Withdraw")
    knop_klasse = "btn-danger"

    def samenvatting(self) -> list[tuple[Any, Any]]:
        u = self.object
        return [
            (gettext_lazy("E-mail address"), u.email),
            (gettext_lazy("Role"), u.get_rol_display()),
        ]

    def guard(self) -> Refusals:
        return self.guard_van(kan_uitnodiging_intrekken)

    def uitvoeren(self, form: Form) -> Any:
        return uitnodiging_intrekken(uitnodiging=self.object, door=self.request.actor)

    def succesbericht(self, resultaat: Any) -> str:
        return _("The invitation was withdrawn.")


class MembershipActieView(ToegangActieView):
    queryset = VanDeOrganisatie(Membership, "user", "toegekend_door")

    def samenvatting(self) -> list[tuple[Any, Any]]:
        m = self.object
        return [
            (gettext_lazy("Person"), m.user),
            (gettext_lazy("E-mail address"), m.user.email),
            (gettext_lazy("Role"), m.get_rol_display()),
            (gettext_lazy("Source"), m.get_bron_display()),
        ]


class ToegangIntrekkenView(MembershipActieView):
    form_class = ConfirmForm
    titel = gettext_lazy("Revoke access")
    uitleg = gettext_lazy("The person no longer acts for the organisation from their next click.")
    knop = gettext_lazy("Revoke")
    knop_klasse = "btn-danger"

    def guard(self) -> Refusals:
        return self.guard_van(kan_toegang_intrekken)

    def uitvoeren(self, form: Form) -> Any:
        return toegang_intrekken(membership=self.object, door=self.request.actor)

    def succesbericht(self, resultaat: Any) -> str:
        return _("The access of %(naam)s was revoked.") % {"naam": resultaat.user}


class RolWijzigenView(MembershipActieView):
    form_class = RolForm
    titel = gettext_lazy("Change the role")
    knop = gettext_lazy("Change the role")

    def get_form_kwargs(self) -> dict[str, Any]:
        m = self.object
        return {**super().get_form_kwargs(), "soort": m.organisatie.soort, "behalve": m.rol}

    def guard(self) -> Refusals:
        return self.guard_van(kan_rol_wijzigen)

    def uitvoeren(self, form: Form) -> Any:
        rol = form.cleaned_data["rol"]
        return rol_wijzigen(membership=self.object, rol=rol, door=self.request.actor)

    def succesbericht(self, resultaat: Any) -> str:
        return _("%(naam)s is now %(rol)s.") % {
            "naam": resultaat.user,
            "rol": Rol(resultaat.rol).label,
        }


class AanvraagActieView(ToegangActieView):
    queryset = VanDeOrganisatie(Toegangsaanvraag, "user")

    def samenvatting(self) -> list[tuple[Any, Any]]:
        a = self.object
        return [
            (gettext_lazy("Person"), a.user),
            (gettext_lazy("E-mail address"), a.user.email),
            (gettext_lazy("Explanation"), a.toelichting or "–"),
            (gettext_lazy("Asked on"), timezone.localtime(a.created_at).strftime("%d/%m/%Y")),
        ]


class AanvraagToekennenView(AanvraagActieView):
    form_class = RolForm
    titel = gettext_lazy("Grant access")
    knop = gettext_lazy("Grant")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "soort": self.object.organisatie.soort}

    def guard(self) -> Refusals:
        return self.guard_van(kan_toegangsaanvraag_toekennen)

    def uitvoeren(self, form: Form) -> Any:
        rol = form.cleaned_data["rol"]
        return toegangsaanvraag_toekennen(aanvraag=self.object, rol=rol, door=self.request.actor)

    def succesbericht(self, resultaat: Any) -> str:
        return _("%(naam)s now has access.") % {"naam": resultaat.user}


class AanvraagWeigerenView(AanvraagActieView):
    form_class = WeigerenForm
    titel = gettext_lazy("Refuse the request")
    knop = gettext_lazy("Refuse")
    knop_klasse = "btn-danger"
    fout_veld = "reden"

    def guard(self) -> Refusals:
        return self.guard_van(kan_toegangsaanvraag_weigeren)

    def uitvoeren(self, form: Form) -> Any:
        reden = form.cleaned_data["reden"]
        return toegangsaanvraag_weigeren(aanvraag=self.object, reden=reden, door=self.request.actor)

    def succesbericht(self, resultaat: Any) -> str:
        return _("The request was refused; %(naam)s has been told why.") % {"naam": resultaat.user}


# --- Accepting an invitation --------------------------------------------------------------


def _ongeldig(request: HttpRequest, redenen: tuple[str, ...]) -> HttpResponse:
    return render(request, "accounts/toegang/uitnodiging_ongeldig.html", {"redenen": redenen})


GEEN_LINK = gettext_lazy("This invitation link does not work. Ask for a new invitation.")


class UitnodigingLinkView(View):
    """The URL in the mail: keep the token in the session and leave its URL, so that no later
    request line, Referer or log holds it (as RegistratieLinkView does)."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        if uitnodiging_token_lezen(token) is None:
            return _ongeldig(request, (str(GEEN_LINK),))
        request.session[UITNODIGING_SESSIE] = token
        return redirect("accounts:uitnodiging_aanvaarden")


class UitnodigingAanvaardenView(ActorRequiredMixin, View):
    """The invitation the session's link names: to whom and for what it was sent, and one
    button that binds it to the person logged in (anonymous: the login page first)."""

    permission = AUTHENTICATED

    def get(self, request: PortalRequest) -> HttpResponse:
        uitnodiging = uitnodiging_token_lezen(request.session.get(UITNODIGING_SESSIE, ""))
        if uitnodiging is None:
            return _ongeldig(request, (str(GEEN_LINK),))
        refused = kan_uitnodiging_aanvaarden(uitnodiging, door=request.actor, now=timezone.now())
        if not refused.allowed:
            return _ongeldig(request, refused.reasons)
        context = {"uitnodiging": uitnodiging, "organisatie": uitnodiging.organisatie}
        return render(request, "accounts/toegang/uitnodiging_aanvaarden.html", context)

    def post(self, request: PortalRequest) -> HttpResponse:
        # Only the session's token counts: an organisation or role in the POST is not read.
        uitnodiging = uitnodiging_token_lezen(request.session.get(UITNODIGING_SESSIE, ""))
        if uitnodiging is None:
            return _ongeldig(request, (str(GEEN_LINK),))
        try:
            membership = uitnodiging_aanvaarden(uitnodiging=uitnodiging, door=request.actor)
        except Refused as fout:
            return _ongeldig(request, fout.reasons)
        request.session.pop(UITNODIGING_SESSIE, None)
        request.session[SESSION_KEY] = str(membership.public_id)  # act for it at once
        messages.success(
            request,
            _("You now act for %(organisatie)s.") % {"organisatie": membership.organisatie},
        )
        return redirect("portaal:dashboard")


# --- Asking for access --------------------------------------------------------------------


def _gevraagde_organisatie(request: HttpRequest) -> Organisatie | None:
    """The organisation the government login left in the session; never one from the URL or
    the POST."""
    try:
        public_id = UUID(str(request.session.get(TOEGANG_AANVRAGEN_SESSIE, "")))
    except ValueError:
        return None
    return Organisatie.objects.filter(public_id=public_id).first()


class ToegangAanvragenView(ActorRequiredMixin, View):
    permission = AUTHENTICATED
    template_name = "accounts/toegang/aanvragen.html"

    def _render(self, request: PortalRequest, form: ToegangAanvragenForm) -> HttpResponse:
        organisatie = _gevraagde_organisatie(request)
        refused = (
            kan_toegang_aanvragen(organisatie, door=request.actor, now=timezone.now())
            if organisatie is not None
            else None
        )
        context = {"organisatie": organisatie, "form": form, "weigeringen": refused}
        return render(request, self.template_name, context)

    def get(self, request: PortalRequest) -> HttpResponse:
        return self._render(request, ToegangAanvragenForm())

    def post(self, request: PortalRequest) -> HttpResponse:
        organisatie = _gevraagde_organisatie(request)
        form = ToegangAanvragenForm(request.POST)
        if organisatie is None or not form.is_valid():
            return self._render(request, form)
        try:
            toegang_aanvragen(
                organisatie=organisatie,
                toelichting=form.cleaned_data["toelichting"],
                door=request.actor,
            )
        except DomainError as fout:
            form.add_error(None, fout.message)
            return self._render(request, form)
        if selectors.organisatiebeheerders(organisatie.pk, organisatie.soort):
            messages.success(request, _("Your request was sent to the administrators."))
        else:
            messages.info(
                request,
                _(
                    "%(o)s has no administrator in the portal yet: your request waits until "
                    "its first administrator logs in."
                )
                % {"o": organisatie},
            )
        return redirect("accounts:toegang_aanvragen")
