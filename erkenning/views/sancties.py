"""Sanctions (R23-R26) and appeals (R27-R29): impose, lodge, receive, decide."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.audit.selectors import timeline_for
from duaal.views import vandaag_nu
from erkenning.constants import AanvraagStatus, BeroepStatus, SanctieSoort
from erkenning.forms import BeroepBeslissingForm, BeroepForm, OntvankelijkheidForm, SanctieForm
from erkenning.models import Aanvraag, Beroep, Sanctie
from erkenning.services import (
    beroep_beslissen,
    beroep_indienen,
    beroep_ontvankelijkheid,
    sanctie_opleggen,
)
from mentors.models import Mentor

from .basis import ActieView, eigen_partnerschap, kruimels_voor
from .erkenning import ErkenningActieView


class SanctieOpleggenView(ErkenningActieView):
    """The partnership admin imposes a measure on a recognition it granted, with motivation;
    the service applies its effect (R24)."""

    permission = perms.SANCTIE_OPLEGGEN
    form_class = SanctieForm
    titel = gettext_lazy("Impose a measure")
    uitleg = gettext_lazy(
        "Guidance actions come first; a sanction only when they fail (R23). A barred mentor is "
        "deactivated for the programme; lifting ends this recognition; an exclusion ends every "
        "recognition of the establishment or enterprise. Running agreements are listed for "
        "early termination. Except for a guidance action, the enterprise can appeal."
    )
    knop = gettext_lazy("Impose")
    knop_klasse = "btn-danger"

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        if request.actor.organisatie_id != self.object.partnerschap_id:
            raise PermissionDenied

    def niet_mogelijk(self) -> str | None:
        return self.niet_lopend()

    def get_form_kwargs(self) -> dict[str, Any]:
        e = self.object
        mentoren = (
            Mentor.objects.filter(
                toewijzingen__vestiging_id=e.vestiging_id, toewijzingen__opleiding_id=e.opleiding_id
            )
            .distinct()
            .order_by("achternaam", "voornaam", "pk")
        )
        return {**super().get_form_kwargs(), "mentoren": mentoren}

    def uitvoeren(self, form: SanctieForm) -> Sanctie:
        e, data = self.object, form.cleaned_data
        return sanctie_opleggen(
            soort=data["soort"],
            onderneming=e.onderneming,
            partnerschap=eigen_partnerschap(self.request.actor),
            motivering=data["motivering"],
            door=self.request.user,
            erkenning=e,
            vestiging=e.vestiging,
            mentor=data["mentor"],
            opleiding=e.opleiding,
            tot=data["tot"],
        )

    def succes_url(self, sanctie: Sanctie) -> str:
        return sanctie.get_absolute_url()

    def succesbericht(self, sanctie: Sanctie) -> str:
        return _("%(soort)s recorded. The enterprise has been notified.") % {
            "soort": sanctie.get_soort_display()
        }


class SanctieDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.ERKENNING_BEKIJKEN
    template_name = "erkenning/sanctie_detail.html"
    queryset = Sanctie.objects.select_related(
        "onderneming",
        "partnerschap",
        "erkenning",
        "vestiging",
        "mentor",
        "opleiding",
        "opgelegd_door",
    ).prefetch_related("getroffen_erkenningen__vestiging", "getroffen_erkenningen__opleiding")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, sanctie, op = self.request.actor, self.object, vandaag_nu()
        beroepen = list(Beroep.objects.visible_to(actor).filter(sanctie=sanctie))
        return super().get_context_data(
            sanctie=sanctie,
            beroepen=beroepen,
            beroep_mogelijk=sanctie.beroep_uiterlijk_op is not None
            and sanctie.beroep_uiterlijk_op >= op
            and not beroepen,
            mag_beroep=actor.has_perm(perms.BEROEP_INDIENEN),
            timeline=timeline_for(sanctie),
            kruimels=kruimels_voor(actor),
            **kwargs,
        )


class BeroepIndienenView(ActieView):
    """Only the enterprise itself appeals, motivated, within the term (R27-R28)."""

    permission = perms.BEROEP_INDIENEN
    form_class = BeroepForm
    template_name = "erkenning/beroep_indienen.html"
    titel = gettext_lazy("Lodge an appeal")
    knop = gettext_lazy("Lodge the appeal")

    def onderwerp(self) -> dict[str, Model]:
        raise NotImplementedError

    def niet_mogelijk(self) -> str | None:
        obj = self.object
        if obj.beroep_uiterlijk_op is None:
            return _("This decision cannot be appealed.")
        if vandaag_nu() > obj.beroep_uiterlijk_op:
            return _("The appeal term ended on %(datum)s.") % {
                "datum": obj.beroep_uiterlijk_op.strftime("%d/%m/%Y")
            }
        if Beroep.objects.filter(**self.onderwerp()).exists():
            return _("An appeal against this decision has already been lodged.")
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            beroep_uiterlijk_op=self.object.beroep_uiterlijk_op, **kwargs
        )

    def uitvoeren(self, form: BeroepForm) -> Beroep:
        return beroep_indienen(
            onderneming=self.object.onderneming,
            motivering=form.cleaned_data["motivering"],
            door=self.request.user,
            **self.onderwerp(),
        )

    def succes_url(self, beroep: Beroep) -> str:
        return beroep.get_absolute_url()

    def succesbericht(self, beroep: Beroep) -> str:
        return _(
            "Appeal lodged. The appeal coordinator confirms receipt and admissibility in writing."
        )


class AanvraagBeroepView(BeroepIndienenView):
    queryset = Aanvraag.objects.select_related("onderneming", "vestiging", "opleiding")

    def onderwerp(self) -> dict[str, Model]:
        return {"aanvraag": self.object}

    def niet_mogelijk(self) -> str | None:
        if self.object.status != AanvraagStatus.AFGEWEZEN:
            return _("Only a refusal can be appealed.")
        return super().niet_mogelijk()


class SanctieBeroepView(BeroepIndienenView):
    queryset = Sanctie.objects.select_related("onderneming")

    def onderwerp(self) -> dict[str, Model]:
        return {"sanctie": self.object}

    def niet_mogelijk(self) -> str | None:
        if self.object.soort == SanctieSoort.BEGELEIDINGSACTIE:
            return _("A guidance action is not a sanction and cannot be appealed.")
        return super().niet_mogelijk()


class BeroepDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.ERKENNING_BEKIJKEN
    template_name = "erkenning/beroep_detail.html"
    queryset = Beroep.objects.select_related(
        "onderneming",
        "partnerschap",
        "aanvraag__vestiging",
        "aanvraag__opleiding",
        "sanctie",
        "ingediend_door",
        "behandeld_door",
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, beroep = self.request.actor, self.object
        return super().get_context_data(
            beroep=beroep,
            mag_behandelen=actor.has_perm(perms.BEROEP_BEHANDELEN),
            timeline=timeline_for(beroep),
            kruimels=kruimels_voor(actor),
            **kwargs,
        )


class BeroepActieView(ActieView):
    permission = perms.BEROEP_BEHANDELEN
    queryset = Beroep.objects.select_related("onderneming", "partnerschap")
    status_nodig = ""

    def samenvatting(self) -> list[tuple[Any, Any]]:
        b = self.object
        return [
            (gettext_lazy("Enterprise"), b.onderneming),
            (gettext_lazy("Partnership that decided"), b.partnerschap),
            (gettext_lazy("Lodged at"), b.ingediend_op.strftime("%d/%m/%Y")),
            (gettext_lazy("Status"), b.get_status_display()),
            (gettext_lazy("Motivated request for review"), b.motivering),
        ]

    def niet_mogelijk(self) -> str | None:
        if self.object.status != self.status_nodig:
            return _("This step is not possible while the appeal is “%(status)s”.") % {
                "status": self.object.get_status_display()
            }
        return None


class OntvankelijkheidView(BeroepActieView):
    """Confirm receipt with the admissibility check (R29)."""

    form_class = OntvankelijkheidForm
    status_nodig = BeroepStatus.INGEDIEND
    titel = gettext_lazy("Confirm receipt and admissibility")
    uitleg = gettext_lazy(
        "Confirm receipt within 10 calendar days, with the outcome of the admissibility check; "
        "an inadmissible appeal is confirmed with reasons (R29)."
    )
    knop = gettext_lazy("Confirm")

    def uitvoeren(self, form: OntvankelijkheidForm) -> Beroep:
        return beroep_ontvankelijkheid(
            beroep=self.object,
            ontvankelijk=form.positief,
            motivering=form.cleaned_data["motivering"],
            door=self.request.user,
        )

    def succesbericht(self, beroep: Beroep) -> str:
        return _("Receipt confirmed: %(status)s.") % {"status": beroep.get_status_display().lower()}


class BeroepBeslissenView(BeroepActieView):
    """Record the appeal committee's outcome; an upheld appeal is applied (R27)."""

    form_class = BeroepBeslissingForm
    status_nodig = BeroepStatus.ONTVANKELIJK
    titel = gettext_lazy("Record the outcome of the appeal")
    uitleg = gettext_lazy(
        "Upheld against a refusal grants the recognition; against a lifting or exclusion it "
        "restores the recognitions still valid."
    )
    knop = gettext_lazy("Record the outcome")

    def uitvoeren(self, form: BeroepBeslissingForm) -> Beroep:
        return beroep_beslissen(
            beroep=self.object,
            gegrond=form.positief,
            motivering=form.cleaned_data["motivering"],
            door=self.request.user,
        )

    def succesbericht(self, beroep: Beroep) -> str:
        return _("Outcome recorded: %(status)s. The enterprise has been notified.") % {
            "status": beroep.get_status_display().lower()
        }


__all__ = [
    "AanvraagBeroepView",
    "BeroepBeslissenView",
    "BeroepDetailView",
    "OntvankelijkheidView",
    "SanctieBeroepView",
    "SanctieDetailView",
    "SanctieOpleggenView",
]
