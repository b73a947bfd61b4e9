"""The partnership's review: the queue, completeness (starts the clock), site visit, decision."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import ActorRequiredMixin
from duaal.accounts import permissions as perms
from duaal.forms import ConfirmForm
from duaal.views import keuzes_ophalen, pagina, vandaag_nu
from duaal.workflow import Refusals
from erkenning import selectors
from erkenning.forms import (
    AanvraagBeslissingForm,
    OntbrekendForm,
    PlaatsbezoekForm,
    WachtrijFilterForm,
)
from erkenning.models import Aanvraag
from erkenning.services import (
    aanvraag_afwijzen,
    aanvraag_goedkeuren,
    aanvraag_onvolledig_verklaren,
    aanvraag_volledig_verklaren,
    kan_aanvraag_afwijzen,
    kan_onvolledig_verklaren,
    kan_plaatsbezoek_registreren,
    kan_volledig_verklaren,
    plaatsbezoek_registreren,
)
from mentors.selectors import voorwaarden

from .aanvraag import AanvraagActieView
from .basis import BeoordelaarMixin, eigen_partnerschap, met_dagen


class WachtrijView(ActorRequiredMixin, TemplateView):
    """The acting partnership's open files: complete ones by days left, then the rest by age;
    filtered by status and programme."""

    permission = perms.AANVRAAG_BEOORDELEN
    template_name = "erkenning/wachtrij.html"

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        self.partnerschap = eigen_partnerschap(request.actor)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filters = WachtrijFilterForm(self.request.GET or None, partnerschap_id=self.partnerschap.pk)
        keuzes_ophalen(filters.fields["opleiding"])
        status, opleiding = "", None
        if filters.is_bound and filters.is_valid():
            status, opleiding = filters.cleaned_data["status"], filters.cleaned_data["opleiding"]
        op = vandaag_nu()
        page = pagina(
            self.request,
            selectors.wachtrij(
                self.partnerschap.pk,
                status=status,
                opleiding_id=opleiding.pk if opleiding else None,
            ),
            50,
        )
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            partnerschap=self.partnerschap,
            filters=filters,
            page=page,
            rijen=met_dagen(page.object_list, op=op),
            herinnering_dagen=self.partnerschap.herinnering_dagen_voor_termijn,
            query=query.urlencode(),
            **kwargs,
        )


class BeoordelingView(BeoordelaarMixin, AanvraagActieView):
    permission = perms.AANVRAAG_BEOORDELEN


class OnvolledigView(BeoordelingView):
    form_class = OntbrekendForm
    titel = gettext_lazy("Ask for what is missing")
    uitleg = gettext_lazy(
        "The employer is asked for the information or documents below and can resubmit. The "
        "decision term does not run while the file is incomplete."
    )
    knop = gettext_lazy("Send the request")

    def guard(self) -> Refusals:
        return kan_onvolledig_verklaren(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: OntbrekendForm) -> Aanvraag:
        return aanvraag_onvolledig_verklaren(
            aanvraag=self.object,
            ontbrekend=form.cleaned_data["ontbrekend"],
            door=self.request.actor,
        )

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("The employer has been asked for what is missing.")


class VolledigView(BeoordelingView):
    form_class = ConfirmForm
    titel = gettext_lazy("Mark the file complete")
    knop = gettext_lazy("The file is complete")

    @property
    def uitleg(self) -> str:
        return _(
            "The decision term of %(dagen)s days starts today. Decide before it lapses; "
            "a lapsed term is escalated, never a tacit approval."
        ) % {"dagen": self.object.partnerschap.beslistermijn_dagen}

    def guard(self) -> Refusals:
        return kan_volledig_verklaren(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: ConfirmForm) -> Aanvraag:
        return aanvraag_volledig_verklaren(aanvraag=self.object, door=self.request.actor)

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("The file is complete. Decide by %(datum)s.") % {
            "datum": aanvraag.beslissing_uiterlijk_op.strftime("%d/%m/%Y")
        }


class PlaatsbezoekView(BeoordelingView):
    form_class = PlaatsbezoekForm
    titel = gettext_lazy("Record a site visit")
    uitleg = gettext_lazy("Record the visit once it has taken place, with your notes.")
    fout_veld = "bezocht_op"  # the visit lies in the future

    def guard(self) -> Refusals:
        return kan_plaatsbezoek_registreren(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def get_initial(self) -> dict[str, Any]:
        a = self.object
        return {"bezocht_op": a.plaatsbezoek_op, "verslag": a.plaatsbezoek_verslag}

    def uitvoeren(self, form: PlaatsbezoekForm) -> Aanvraag:
        return plaatsbezoek_registreren(
            aanvraag=self.object,
            bezocht_op=form.cleaned_data["bezocht_op"],
            verslag=form.cleaned_data["verslag"],
            door=self.request.actor,
        )

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Site visit of %(datum)s recorded.") % {
            "datum": aanvraag.plaatsbezoek_op.strftime("%d/%m/%Y")
        }


class BeslissenView(BeoordelingView):
    """Approve or refuse with a motivation. Two consultants deciding at once: the second one
    sees that a colleague was first (R4)."""

    form_class = AanvraagBeslissingForm
    template_name = "erkenning/aanvraag_beslissen.html"
    titel = gettext_lazy("Decide on the application")
    uitleg = gettext_lazy(
        "Approval grants the recognition, valid for the partnership's validity from today. "
        "A refusal states the motivation and opens the appeal term."
    )
    knop = gettext_lazy("Record the decision")

    def guard(self) -> Refusals:
        # The page decides either way; approval's own guard (an exclusion) answers the POST.
        return kan_aanvraag_afwijzen(self.object, door=self.request.actor, now=timezone.now())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        aanvraag, op = self.object, vandaag_nu()
        mentoren = aanvraag.mentoren.prefetch_related("uitzonderingen", "uittreksels").order_by(
            "achternaam", "voornaam", "pk"
        )
        return super().get_context_data(
            klok=selectors.klok(aanvraag, op=op),
            mentoren=[
                (m, voorwaarden(m, op=op, partnerschap_id=aanvraag.partnerschap_id))
                for m in mentoren
            ],
            **kwargs,
        )

    def uitvoeren(self, form: AanvraagBeslissingForm) -> Aanvraag:
        beslissen = aanvraag_goedkeuren if form.positief else aanvraag_afwijzen
        return beslissen(
            aanvraag=self.object,
            motivering=form.cleaned_data["motivering"],
            door=self.request.actor,
        )

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Decision recorded: %(status)s. The employer has been notified.") % {
            "status": aanvraag.get_status_display().lower()
        }


__all__ = [
    "BeslissenView",
    "OnvolledigView",
    "PlaatsbezoekView",
    "VolledigView",
    "WachtrijView",
]
