"""Sanctions (R23-R26) and appeals (R27-R29): impose, lodge, receive, decide."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.selectors import timeline_for
from duaal.workflow import Refusals
from erkenning.constants import SanctieSoort
from erkenning.forms import BeroepBeslissingForm, BeroepForm, OntvankelijkheidForm, SanctieForm
from erkenning.models import Aanvraag, Beroep, Erkenning, Sanctie
from erkenning.services import (
    begeleidingsactie_opleggen,
    beroep_gegrond_verklaren,
    beroep_indienen,
    beroep_ongegrond_verklaren,
    beroep_onontvankelijk_verklaren,
    beroep_ontvankelijk_verklaren,
    erkenning_opheffen,
    kan_beroep_gegrond_verklaren,
    kan_beroep_indienen,
    kan_beroep_ontvankelijk_verklaren,
    kan_sanctie_opleggen,
    mentor_schorsen,
    onderneming_uitsluiten,
    vestiging_uitsluiten,
)
from mentors.models import Mentor

from .basis import ActieView, kruimels_voor
from .erkenning import ErkenningActieView

# The measure the form names, imposed from the recognition (R24).
SANCTIE_OPLEGGEN = {
    SanctieSoort.BEGELEIDINGSACTIE: begeleidingsactie_opleggen,
    SanctieSoort.OPHEFFING: erkenning_opheffen,
    SanctieSoort.UITSLUITING_VESTIGING: vestiging_uitsluiten,
    SanctieSoort.UITSLUITING_ONDERNEMING: onderneming_uitsluiten,
}


def sanctie_opleggen(
    soort: str,
    *,
    erkenning: Erkenning,
    motivering: str,
    door: Actor,
    mentor: Mentor | None,
    tot: dt.date | None,
) -> Sanctie:
    """Call the one service of the measure chosen on the form."""
    if soort == SanctieSoort.MENTOR_GESCHORST:
        return mentor_schorsen(
            erkenning=erkenning, mentor=mentor, motivering=motivering, door=door, tot=tot
        )
    return SANCTIE_OPLEGGEN[soort](erkenning=erkenning, motivering=motivering, door=door, tot=tot)


class SanctieOpleggenView(ErkenningActieView):
    """The partnership admin imposes a measure on a recognition it granted, with motivation;
    the service applies its effect (R24)."""

    permission = perms.SANCTIE_OPLEGGEN
    form_class = SanctieForm
    titel = gettext_lazy("Impose a measure")
    uitleg = gettext_lazy(
        "Guidance actions come first; a sanction only when they fail. A barred mentor is "
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

    def guard(self) -> Refusals:
        return kan_sanctie_opleggen(self.object, door=self.request.actor, now=timezone.now())

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
        data = form.cleaned_data
        return sanctie_opleggen(
            data["soort"],
            erkenning=self.object,
            motivering=data["motivering"],
            door=self.request.actor,
            mentor=data["mentor"],
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
        actor, sanctie = self.request.actor, self.object
        beroepen = list(Beroep.objects.visible_to(actor).filter(sanctie=sanctie))
        return super().get_context_data(
            sanctie=sanctie,
            beroepen=beroepen,
            acties={
                # The enterprise sees every appeal against its sanction: those loaded are all.
                "beroep": kan_beroep_indienen(
                    sanctie,
                    door=actor,
                    now=timezone.now(),
                    eerdere=beroepen if actor.organisatie_id == sanctie.onderneming_id else None,
                ).allowed
            },
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

    def guard(self) -> Refusals:
        return kan_beroep_indienen(self.object, door=self.request.actor, now=timezone.now())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            beroep_uiterlijk_op=self.object.beroep_uiterlijk_op, **kwargs
        )

    def uitvoeren(self, form: BeroepForm) -> Beroep:
        return beroep_indienen(
            onderwerp=self.object,
            motivering=form.cleaned_data["motivering"],
            door=self.request.actor,
        )

    def succes_url(self, beroep: Beroep) -> str:
        return beroep.get_absolute_url()

    def succesbericht(self, beroep: Beroep) -> str:
        return _(
            "Appeal lodged. The appeal coordinator confirms receipt and admissibility in writing."
        )


class AanvraagBeroepView(BeroepIndienenView):
    queryset = Aanvraag.objects.select_related("onderneming", "vestiging", "opleiding")


class SanctieBeroepView(BeroepIndienenView):
    queryset = Sanctie.objects.select_related("onderneming")


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
        now = timezone.now()
        return super().get_context_data(
            beroep=beroep,
            acties={
                "ontvankelijkheid": kan_beroep_ontvankelijk_verklaren(
                    beroep, door=actor, now=now
                ).allowed,
                "beslissen": kan_beroep_gegrond_verklaren(beroep, door=actor, now=now).allowed,
            },
            timeline=timeline_for(beroep),
            kruimels=kruimels_voor(actor),
            **kwargs,
        )


class BeroepActieView(ActieView):
    permission = perms.BEROEP_BEHANDELEN
    queryset = Beroep.objects.select_related("onderneming", "partnerschap")

    def samenvatting(self) -> list[tuple[Any, Any]]:
        b = self.object
        return [
            (gettext_lazy("Enterprise"), b.onderneming),
            (gettext_lazy("Partnership that decided"), b.partnerschap),
            (gettext_lazy("Lodged at"), b.ingediend_op.strftime("%d/%m/%Y")),
            (gettext_lazy("Status"), b.get_status_display()),
            (gettext_lazy("Motivated request for review"), b.motivering),
        ]


class OntvankelijkheidView(BeroepActieView):
    """Confirm receipt with the admissibility check (R29)."""

    form_class = OntvankelijkheidForm
    titel = gettext_lazy("Confirm receipt and admissibility")
    uitleg = gettext_lazy(
        "Confirm receipt within 10 calendar days, with the outcome of the admissibility check; "
        "an inadmissible appeal is confirmed with reasons."
    )
    knop = gettext_lazy("Confirm")

    def guard(self) -> Refusals:
        # Either outcome leaves the same status; the chosen one's guard answers the POST.
        return kan_beroep_ontvankelijk_verklaren(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def uitvoeren(self, form: OntvankelijkheidForm) -> Beroep:
        bevestigen = (
            beroep_ontvankelijk_verklaren if form.positief else beroep_onontvankelijk_verklaren
        )
        return bevestigen(
            beroep=self.object,
            motivering=form.cleaned_data["motivering"],
            door=self.request.actor,
        )

    def succesbericht(self, beroep: Beroep) -> str:
        return _("Receipt confirmed: %(status)s.") % {"status": beroep.get_status_display().lower()}


class BeroepBeslissenView(BeroepActieView):
    """Record the appeal committee's outcome; an upheld appeal is applied (R27)."""

    form_class = BeroepBeslissingForm
    titel = gettext_lazy("Record the outcome of the appeal")
    uitleg = gettext_lazy(
        "Upheld against a refusal grants the recognition; against a lifting or exclusion it "
        "restores the recognitions still valid."
    )
    knop = gettext_lazy("Record the outcome")

    def guard(self) -> Refusals:
        # Either outcome leaves the same status; the chosen one's guard answers the POST.
        return kan_beroep_gegrond_verklaren(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def uitvoeren(self, form: BeroepBeslissingForm) -> Beroep:
        beslissen = beroep_gegrond_verklaren if form.positief else beroep_ongegrond_verklaren
        return beslissen(
            beroep=self.object,
            motivering=form.cleaned_data["motivering"],
            door=self.request.actor,
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
