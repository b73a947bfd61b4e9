"""The employer's side of an application: list, start, answer, upload, submit, withdraw."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.selectors import timeline_for
from duaal.forms import ConfirmForm
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import Vestiging
from duaal.organisaties.selectors import vestigingen_van
from duaal.views import ServiceFoutMixin, pagina, vandaag_nu
from duaal.workflow import Refusals
from erkenning import selectors
from erkenning.constants import AanvraagStatus
from erkenning.forms import (
    AanvraagBewerkenForm,
    AanvraagNieuwForm,
    IndienenForm,
)
from erkenning.models import Aanvraag, AanvraagDocument, Beroep, Erkenning
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_antwoorden_opslaan,
    aanvraag_intrekken,
    aanvraag_mentoren_kiezen,
    kan_aanvraag_afwijzen,
    kan_aanvraag_bewerken,
    kan_aanvraag_intrekken,
    kan_beroep_indienen,
    kan_onvolledig_verklaren,
    kan_plaatsbezoek_registreren,
    kan_verklaring_op_eer_ondertekenen,
    kan_volledig_verklaren,
    verklaring_op_eer_ondertekenen,
)
from erkenning.statusvolger import aanvraag_volger
from mentors.models import Mentor
from mentors.selectors import voorwaarden

from .basis import (
    BESTAND_OPENEN,
    AanvraagActieView,
    IndienerMixin,
    kruimels_voor,
    met_dagen,
    soort_van,
)
from .documenten import documenten_per_vereiste


class AanvraagListView(ActorRequiredMixin, TemplateView):
    """The applications the actor may see, newest first, with status and clock."""

    permission = perms.AANVRAAG_BEKIJKEN
    template_name = "erkenning/aanvraag_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, op = self.request.actor, vandaag_nu()
        page = pagina(self.request, selectors.aanvragen_voor(actor), 50)
        return super().get_context_data(
            page=page,
            rijen=met_dagen(page.object_list, op=op),
            mag_indienen=actor.has_perm(perms.AANVRAAG_INDIENEN),
            mag_machtigen=actor.has_perm(perms.MACHTIGING_BEHEREN),
            **kwargs,
        )


def _vestigingen_voor(request: HttpRequest) -> tuple[QuerySet[Vestiging], bool]:
    """An enterprise files for its own establishments; a school or partnership for those of
    the enterprises that mandated it (R4), grouped per enterprise."""
    actor = request.actor
    if soort_van(actor) == OrganisatieSoort.ONDERNEMING:
        return vestigingen_van(actor.organisatie_id).select_related("onderneming"), False
    if soort_van(actor) in (OrganisatieSoort.ONDERWIJSINSTELLING, OrganisatieSoort.PARTNERSCHAP):
        return selectors.gemachtigde_vestigingen(actor.organisatie_id), True
    raise PermissionDenied


class AanvraagNieuwView(ServiceFoutMixin, ActorRequiredMixin, FormView):
    permission = perms.AANVRAAG_INDIENEN
    form_class = AanvraagNieuwForm
    template_name = "erkenning/aanvraag_nieuw.html"

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        self.vestigingen, self.gegroepeerd = _vestigingen_voor(request)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "vestigingen": self.vestigingen,
            "gegroepeerd": self.gegroepeerd,
        }

    def uitvoeren(self, form: AanvraagNieuwForm) -> Aanvraag:
        return aanvraag_aanmaken(
            vestiging=form.cleaned_data["vestiging"],
            opleiding=form.cleaned_data["opleiding"],
            door=self.request.actor,
        )

    def succes_url(self, aanvraag: Aanvraag) -> str:
        return reverse("erkenning:aanvraag_bewerken", kwargs={"public_id": aanvraag.public_id})

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _(
            "Draft started for %(aanvraag)s; it goes to %(partnerschap)s. Answer the criteria "
            "and name the mentors; you can save and come back later."
        ) % {"aanvraag": aanvraag, "partnerschap": aanvraag.partnerschap}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            gegroepeerd=self.gegroepeerd,
            geen_vestigingen=not self.vestigingen.exists(),
            kruimels=kruimels_voor(self.request.actor),
            **kwargs,
        )


class AanvraagDetailView(VisibleObjectMixin, TemplateView):
    """The dossier: status, the clock, answers, documents, mentors with their conditions, the
    partnership's requests, site visit, decision, appeal route and the timeline."""

    permission = perms.AANVRAAG_BEKIJKEN
    template_name = "erkenning/aanvraag_detail.html"
    queryset = Aanvraag.objects.select_related(
        "onderneming",
        "vestiging",
        "opleiding",
        "partnerschap",
        "ingediend_namens",
        "aangemaakt_door",
        "verklaring_op_eer_door",
        "beslist_door",
        "vorige_erkenning",
    ).prefetch_related(
        Prefetch(
            "mentoren",
            queryset=Mentor.objects.prefetch_related("uitzonderingen", "uittreksels").order_by(
                "achternaam", "voornaam", "pk"
            ),
        ),
        Prefetch(
            "documenten", queryset=AanvraagDocument.objects.select_related("mentor", "vereist")
        ),
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, aanvraag, op = self.request.actor, self.object, vandaag_nu()
        mentoren = list(aanvraag.mentoren.all())
        criteriaset = selectors.criteria_van(aanvraag)
        antwoorden = selectors.antwoorden_van(aanvraag, criteriaset)
        vereisten = criteriaset.vereisten
        eigen_partnerschap = actor.organisatie_id == aanvraag.partnerschap_id
        partnerschap_lid = soort_van(actor) == OrganisatieSoort.PARTNERSCHAP
        beroepen = _beroepen(actor, aanvraag)
        acties = _acties(actor, aanvraag, beroepen)
        timeline = timeline_for(aanvraag)
        return super().get_context_data(
            aanvraag=aanvraag,
            op=op,
            statusvolger=aanvraag_volger(aanvraag, timeline=timeline, op=op),
            klok=selectors.klok(aanvraag, op=op),
            antwoorden=antwoorden,
            criteriaset=criteriaset,
            documenten=documenten_per_vereiste(
                vereisten, list(aanvraag.documenten.all()), mentoren
            ),
            mentoren=[
                (m, voorwaarden(m, op=op, partnerschap_id=aanvraag.partnerschap_id))
                for m in mentoren
            ],
            tekorten=selectors.ontbrekende_onderdelen(
                aanvraag, antwoorden=antwoorden, vereisten=vereisten
            )
            if acties["bewerken"]
            else [],
            erkenning=_erkenning(actor, aanvraag),
            beroepen=beroepen,
            acties=acties,
            mag_bestanden=actor.has_perm(BESTAND_OPENEN)
            and (eigen_partnerschap or not partnerschap_lid),
            timeline=timeline,
            kruimels=kruimels_voor(actor),
            **kwargs,
        )


# The dossier asks only what its status can hold: appeals follow a refusal, a recognition an
# approval. So the page stays within P1's 12 queries in every status.


def _acties(actor: Actor, aanvraag: Aanvraag, beroepen: list[Beroep]) -> dict[str, bool]:
    """Which action buttons the dossier shows: each asks its guard (G26). The guards look
    nothing up for the file already loaded, except the mandates for a mandated filer (once)."""
    now = timezone.now()
    kan = {
        "bewerken": kan_aanvraag_bewerken,
        "verklaring": kan_verklaring_op_eer_ondertekenen,
        "intrekken": kan_aanvraag_intrekken,
        "volledig": kan_volledig_verklaren,
        "onvolledig": kan_onvolledig_verklaren,
        "beslissen": kan_aanvraag_afwijzen,
        "plaatsbezoek": kan_plaatsbezoek_registreren,
    }
    acties = {actie: guard(aanvraag, door=actor, now=now).allowed for actie, guard in kan.items()}
    # The enterprise sees every appeal against its refusal: those loaded are all of them.
    eerdere = beroepen if actor.organisatie_id == aanvraag.onderneming_id else None
    acties["beroep"] = kan_beroep_indienen(aanvraag, door=actor, now=now, eerdere=eerdere).allowed
    return acties


def _beroepen(actor: Actor, aanvraag: Aanvraag) -> list[Beroep]:
    if aanvraag.status != AanvraagStatus.AFGEWEZEN:
        return []
    return list(Beroep.objects.visible_to(actor).filter(aanvraag=aanvraag))


def _erkenning(actor: Actor, aanvraag: Aanvraag) -> Erkenning | None:
    if aanvraag.status != AanvraagStatus.GOEDGEKEURD:
        return None
    return Erkenning.objects.visible_to(actor).filter(aanvraag=aanvraag).first()


class AanvraagBewerkenView(IndienerMixin, AanvraagActieView):
    """Answer the criteria and name the mentors; a draft saves and resumes."""

    permission = perms.AANVRAAG_INDIENEN
    form_class = AanvraagBewerkenForm
    template_name = "erkenning/aanvraag_bewerken.html"
    titel = gettext_lazy("Criteria and mentors")
    uitleg = gettext_lazy(
        "Tick each criterion the enterprise meets and explain where useful. Name at least "
        "one mentor from the enterprise's register. Saving keeps your draft; you submit later."
    )
    knop = gettext_lazy("Save the draft")

    def guard(self) -> Refusals:
        return kan_aanvraag_bewerken(self.object, door=self.request.actor, now=timezone.now())

    def get_form_kwargs(self) -> dict[str, Any]:
        aanvraag = self.object
        return {
            **super().get_form_kwargs(),
            "antwoorden": selectors.antwoorden_van(aanvraag),
            "mentoren": Mentor.objects.filter(onderneming_id=aanvraag.onderneming_id).order_by(
                "achternaam", "voornaam", "pk"
            ),
            "gekozen": list(aanvraag.mentoren.all()),
        }

    def uitvoeren(self, form: AanvraagBewerkenForm) -> Aanvraag:
        door = self.request.actor
        with transaction.atomic():  # answers and mentors are saved together, or not at all
            aanvraag = aanvraag_antwoorden_opslaan(
                aanvraag=self.object, antwoorden=form.antwoorden_data(), door=door
            )
            return aanvraag_mentoren_kiezen(
                aanvraag=aanvraag, mentoren=list(form.cleaned_data["mentoren"]), door=door
            )

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Draft saved.")


class AanvraagIntrekkenView(IndienerMixin, AanvraagActieView):
    permission = perms.AANVRAAG_INDIENEN
    form_class = ConfirmForm
    titel = gettext_lazy("Withdraw the application")
    uitleg = gettext_lazy(
        "A withdrawn application is closed for good; you can start a new one at any time."
    )
    knop = gettext_lazy("Withdraw")
    knop_klasse = "btn-danger"

    def guard(self) -> Refusals:
        return kan_aanvraag_intrekken(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: ConfirmForm) -> Aanvraag:
        return aanvraag_intrekken(aanvraag=self.object, door=self.request.actor)

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Application withdrawn.")


__all__ = [
    "AanvraagBewerkenView",
    "AanvraagDetailView",
    "AanvraagIntrekkenView",
    "AanvraagListView",
    "AanvraagNieuwView",
]


class VerklaringOpEerView(AanvraagActieView):
    """The representative signs the declaration on honour for a file a school or partnership
    prepared under a mandate; the mandated organisation can then submit it (R4)."""

    permission = perms.ERKENNING_BEHEREN
    form_class = IndienenForm
    titel = gettext_lazy("Sign the declaration on honour")
    uitleg = gettext_lazy(
        "The enterprise signs the declaration on honour for every application, also when a "
        "school or partnership files it under a mandate."
    )
    knop = gettext_lazy("Sign")

    def guard(self) -> Refusals:
        return kan_verklaring_op_eer_ondertekenen(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def uitvoeren(self, form: IndienenForm) -> Aanvraag:
        return verklaring_op_eer_ondertekenen(aanvraag=self.object, door=self.request.actor)

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Declaration on honour signed.")

    def succes_url(self, aanvraag: Aanvraag) -> str:
        return aanvraag.get_absolute_url()

    def terug_url(self) -> str:
        return self.object.get_absolute_url()
