"""The partnership's page for a programme's rules: the version in force as a form with its
phases, prerequisites and alternatives, saved as a new version, and every version with who
made it and when."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.exceptions import DomainError
from duaal.http import PortalRequest

from .forms_opleidingsregels import (
    AlternatiefFormSet,
    FaseFormSet,
    OpleidingsregelsForm,
    VooropleidingFormSet,
    initial_uit,
    regelgegevens,
    rijen_uit,
)
from .models import Opleiding, OpleidingsRegels
from .opleidingsregels_beheer import (
    OngeldigeOpleidingsregels,
    kan_opleidingsregels_wijzigen,
    opleidingsregels_wijzigen,
)
from .opleidingsregels_gegevens import gegevens_uit
from .programmaregels import Programmaregels, opleidingsregels_voor

FORMSETS = {
    "fases": FaseFormSet,
    "vooropleidingen": VooropleidingFormSet,
    "alternatieven": AlternatiefFormSet,
}


def regelversies_van(opleiding: Opleiding) -> list[OpleidingsRegels]:
    """Every dated and undated version of the programme's rules, newest first, with its author."""
    return list(
        OpleidingsRegels.objects.filter(opleiding=opleiding)
        .select_related("gewijzigd_door")
        .order_by("-geldig_vanaf", "-pk")
    )


class OpleidingsregelsView(VisibleObjectMixin, TemplateView):
    """404 for what one cannot see (the catalogue is public, so nothing), 403 for anyone the
    guard refuses: only the owning partnership's administrators and platform staff."""

    # Everyone may look at partnerships; the guard below decides who changes a programme.
    permission = perms.PARTNERSCHAP_BEKIJKEN
    queryset = Opleiding.objects.select_related("partnerschap")
    template_name = "organisaties/opleidingsregels_form.html"

    def check_access(self, request: PortalRequest) -> None:
        super().check_access(request)
        guard = kan_opleidingsregels_wijzigen(self.object, door=request.actor, now=timezone.now())
        if not guard.allowed:
            raise PermissionDenied(guard.message)

    def in_kracht(self) -> Programmaregels:
        return opleidingsregels_voor(self.object, op=timezone.now())

    def formulieren(
        self, data: Any = None
    ) -> tuple[OpleidingsregelsForm, dict[str, forms.BaseFormSet]]:
        regels = self.in_kracht()
        gegevens = gegevens_uit(regels)
        rijen = rijen_uit(gegevens)
        form = OpleidingsregelsForm(data, initial=initial_uit(gegevens, regels.versie_id))
        formsets = {
            prefix: klasse(data, initial=rijen[prefix], prefix=prefix)
            for prefix, klasse in FORMSETS.items()
        }
        return form, formsets

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, formsets = self.formulieren()
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, formsets = self.formulieren(request.POST)
        geldig = form.is_valid() & all([fs.is_valid() for fs in formsets.values()])
        if geldig and self.opslaan(form, formsets):
            messages.success(
                self.request,
                _("The rules were saved as a new version; agreements sent from now on follow it."),
            )
            return HttpResponseRedirect(self.request.path)
        return self.render_to_response(self.get_context_data(form=form, formsets=formsets))

    def opslaan(self, form: OpleidingsregelsForm, formsets: dict[str, forms.BaseFormSet]) -> bool:
        if (form.cleaned_data["stand"] or None) != self.in_kracht().versie_id:
            form.add_error(
                None,
                _(
                    "Someone saved a new version of these rules since you opened this page. "
                    "Open the page again to see it, then make your change."
                ),
            )
            return False
        gegevens = regelgegevens(
            form, formsets["fases"], formsets["vooropleidingen"], formsets["alternatieven"]
        )
        try:
            opleidingsregels_wijzigen(
                self.object, gegevens, door=self.request.actor, now=timezone.now()
            )
        except OngeldigeOpleidingsregels as fout:
            for f in fout.fouten:
                form.add_error(f.veld if f.veld in form.fields else None, f.bericht)
            return False
        except DomainError as fout:
            form.add_error(None, fout.message)
            return False
        return True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        opleiding = self.object
        formsets = kwargs["formsets"]
        return super().get_context_data(
            opleiding=opleiding,
            fases=formsets["fases"],
            vooropleidingen=formsets["vooropleidingen"],
            alternatieven=formsets["alternatieven"],
            fouten_in_rijen=any(fs.total_error_count() for fs in formsets.values()),
            versies=regelversies_van(opleiding),
            **kwargs,
        )


def opleidingsregels_url(opleiding: Opleiding) -> str:
    return reverse("organisaties:opleidingsregels", kwargs={"public_id": opleiding.public_id})
