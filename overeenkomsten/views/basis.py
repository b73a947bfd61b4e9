"""What the learner and agreement screens share: refused service calls shown on the form, the
breadcrumbs, one action on one visible object."""

from typing import Any

from django.forms import Form
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal import views as shared
from overeenkomsten.models import Leerling, Overeenkomst
from overeenkomsten.services import Bezwaren

__all__ = [
    "LeerlingActieView",
    "OvereenkomstActieView",
    "OvereenkomstFoutMixin",
    "kruimels_leerling",
    "kruimels_overeenkomst",
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


class OvereenkomstFoutMixin(shared.ServiceFoutMixin):
    """Every failed guard of `Bezwaren` is listed above the form, so the coach fixes them in
    one go; and a POST for an action the page no longer offers is refused with the reason."""

    niet_mogelijk_weigeren = True

    def fout_tonen(self, form: Form, fout: Exception) -> None:
        if isinstance(fout, Bezwaren):
            for melding in fout.fouten:
                form.add_error(None, melding)
        else:
            super().fout_tonen(form, fout)


class ActieView(OvereenkomstFoutMixin, shared.ActieView):
    template_name = "overeenkomsten/actie_form.html"


class LeerlingActieView(ActieView):
    """One action on one learner of the coach's school."""

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


class OvereenkomstActieView(ActieView):
    """One action on one agreement the actor may see."""

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
