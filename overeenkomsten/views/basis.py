"""What is the learner and agreement screens' own: every objection of a refused check listed
on the form, the breadcrumbs, one action on one visible learner or agreement."""

from typing import Any

from django.forms import Form
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal import views as shared
from overeenkomsten.models import Leerling, Overeenkomst
from overeenkomsten.services import Bezwaren

__all__ = [
    "ActieView",
    "LeerlingActieView",
    "OvereenkomstActieView",
    "OvereenkomstFoutMixin",
    "kruimels_leerling",
    "kruimels_overeenkomst",
]


def kruimels_leerling(leerling: Leerling | None = None) -> list[shared.Crumb]:
    return shared.breadcrumbs((_("Learners"), reverse("overeenkomsten:leerling_list")), leerling)


def kruimels_overeenkomst(overeenkomst: Overeenkomst | None = None) -> list[shared.Crumb]:
    return shared.breadcrumbs(
        (_("Agreements"), reverse("overeenkomsten:overeenkomst_list")), overeenkomst
    )


class OvereenkomstFoutMixin(shared.ServiceFoutMixin):
    """Every failed check of `Bezwaren` is listed above the form, so the coach fixes them in
    one go."""

    def fout_tonen(self, form: Form, fout: Exception) -> None:
        if isinstance(fout, Bezwaren):
            for melding in fout.fouten:
                form.add_error(None, melding)
        else:
            super().fout_tonen(form, fout)


class ActieView(OvereenkomstFoutMixin, shared.ActieView):
    """One action on one learner or agreement, its refused checks listed one by one."""


class LeerlingActieView(ActieView):
    """One action on one learner of the coach's school."""

    queryset = Leerling.objects.select_related("opleiding", "werkplek")

    def kruimels(self) -> list[shared.Crumb]:
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

    def kruimels(self) -> list[shared.Crumb]:
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
