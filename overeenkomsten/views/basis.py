"""What the learner and agreement screens share: refused service calls shown on the form, the
breadcrumbs, one action on one visible object."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from erkenning.views.basis import ActieView, vandaag_nu
from overeenkomsten.exceptions import OngeldigeStatusOvergang, OvereenkomstFout
from overeenkomsten.models import Leerling, Overeenkomst
from overeenkomsten.services import Bezwaren

__all__ = [
    "LeerlingActieView",
    "OvereenkomstActieView",
    "OvereenkomstFoutMixin",
    "kruimels_leerling",
    "kruimels_overeenkomst",
    "vandaag_nu",
]


def kruimels_leerling(leerling: Leerling | None = None) -> list[tuple[Any, str]]:
    kruimels: list[tuple[Any, str]] = [(_("Learners"), reverse("overeenkomsten:leerling_list"))]
    if leerling is not None:
        kruimels.append((str(leerling), leerling.get_absolute_url()))
    return kruimels


def kruimels_overeenkomst(overeenkomst: Overeenkomst | None = None) -> list[tuple[Any, str]]:
    kruimels: list[tuple[Any, str]] = [
        (_("Agreements"), reverse("overeenkomsten:overeenkomst_list"))
    ]
    if overeenkomst is not None:
        kruimels.append((str(overeenkomst), overeenkomst.get_absolute_url()))
    return kruimels


class OvereenkomstFoutMixin:
    """Show a refused service call on the form: nothing typed is lost and the message says why.

    Every failed guard of `Bezwaren` is listed above the form; another `OvereenkomstFout` goes
    on `fout_veld` (None: above the form), a transition no longer possible always above it.
    The view (or `ActieView`) supplies `succesbericht` and `succes_url`."""

    fout_veld: str | None = None

    def fout_tonen(self, form: Form, fout: Exception) -> None:
        if isinstance(fout, Bezwaren):
            for melding in fout.fouten:
                form.add_error(None, melding)
        elif isinstance(fout, ValidationError):
            form.add_error(None, fout)
        else:
            assert isinstance(fout, OvereenkomstFout)
            veld = None if isinstance(fout, OngeldigeStatusOvergang) else self.fout_veld
            form.add_error(veld, fout.message)

    def uitvoeren(self, form: Form) -> Model:
        """Call the one service this view exists for."""
        raise NotImplementedError

    def form_valid(self, form: Form) -> HttpResponse:
        # A POST for an action the page no longer offers (the status moved on) says why,
        # rather than handing the service arguments that no longer fit.
        niet_mogelijk = getattr(self, "niet_mogelijk", None)
        if niet_mogelijk is not None and (reden := niet_mogelijk()):
            form.add_error(None, reden)
            return self.form_invalid(form)
        try:
            resultaat = self.uitvoeren(form)
        except (OvereenkomstFout, ValidationError) as fout:
            self.fout_tonen(form, fout)
            return self.form_invalid(form)
        messages.success(self.request, self.succesbericht(resultaat))
        return HttpResponseRedirect(self.succes_url(resultaat))


class LeerlingActieView(OvereenkomstFoutMixin, ActieView):
    """One action on one learner of the coach's school."""

    template_name = "overeenkomsten/actie_form.html"
    queryset = Leerling.objects.select_related("opleiding", "werkplek")

    def kruimels(self) -> list[tuple[Any, str]]:
        return kruimels_leerling(self.object)

    def samenvatting(self) -> list[tuple[Any, Any]]:
        leerling = self.object
        return [
            (_("Learner"), leerling),
            (_("National register number (INSZ)"), leerling.insz_gemaskeerd),
            (_("Programme"), f"{leerling.opleiding.officiele_naam} ({leerling.opleiding.code})"),
            (_("Status"), leerling.get_status_display()),
        ]


class OvereenkomstActieView(OvereenkomstFoutMixin, ActieView):
    """One action on one agreement the actor may see."""

    template_name = "overeenkomsten/actie_form.html"
    queryset = Overeenkomst.objects.select_related(
        "leerling", "onderneming", "vestiging", "opleiding", "toewijzing__mentor"
    )

    def kruimels(self) -> list[tuple[Any, str]]:
        return kruimels_overeenkomst(self.object)

    def samenvatting(self) -> list[tuple[Any, Any]]:
        o = self.object
        return [
            (_("Learner"), o.leerling),
            (_("Enterprise"), f"{o.onderneming.naam} – {o.vestiging.naam}"),
            (_("Programme"), o.opleiding.officiele_naam),
            (_("Agreement type"), o.get_soort_display()),
            (_("Period"), f"{o.start:%d/%m/%Y} – {o.einde:%d/%m/%Y}"),
            (_("Status"), o.get_status_display()),
            (_("Version"), o.versie),
        ]
