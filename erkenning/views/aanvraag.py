"""The employer's side of an application: list, start, answer, upload, submit, withdraw."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.selectors import timeline_for
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import Vestiging
from duaal.organisaties.selectors import vestigingen_van
from duaal.views import ServiceFoutMixin, pagina, vandaag_nu
from erkenning import selectors
from erkenning.constants import BEWERKBAAR, AanvraagStatus
from erkenning.forms import (
    AanvraagBewerkenForm,
    AanvraagNieuwForm,
    BevestigenForm,
    IndienenForm,
)
from erkenning.models import Aanvraag, AanvraagDocument, Beroep, CriteriumAntwoord, Erkenning
from erkenning.services import (
    aanvraag_aanmaken,
    aanvraag_antwoorden_opslaan,
    aanvraag_indienen,
    aanvraag_intrekken,
    aanvraag_mentoren_kiezen,
    verklaring_op_eer_ondertekenen,
)
from mentors.models import Mentor
from mentors.selectors import voorwaarden

from .basis import (
    BESTAND_OPENEN,
    INTREKBAAR,
    AanvraagActieView,
    BewerkbaarMixin,
    IndienerMixin,
    eigen_organisatie,
    handelt_voor,
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
            door=self.request.user,
            namens=eigen_organisatie(self.request.actor),
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


def _antwoorden(aanvraag: Aanvraag) -> list[CriteriumAntwoord]:
    return list(
        aanvraag.antwoorden.select_related("criterium")
        .prefetch_related("criterium__documenten")
        .order_by("criterium__volgorde", "criterium_id")
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
        antwoorden = selectors.antwoorden_van(aanvraag)
        vereisten = selectors.vereisten_van(aanvraag)
        eigen_partnerschap = actor.organisatie_id == aanvraag.partnerschap_id
        partnerschap_lid = soort_van(actor) == OrganisatieSoort.PARTNERSCHAP
        beroepen = _beroepen(actor, aanvraag)
        bewerkbaar = aanvraag.status in BEWERKBAAR
        intrekbaar = aanvraag.status in INTREKBAAR
        # Filing actions show only while the file is open: no mandate lookup for a closed one.
        mag_indienen = (
            intrekbaar and actor.has_perm(perms.AANVRAAG_INDIENEN) and handelt_voor(actor, aanvraag)
        )
        return super().get_context_data(
            aanvraag=aanvraag,
            op=op,
            klok=selectors.klok(aanvraag, op=op),
            antwoorden=antwoorden,
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
            if bewerkbaar and mag_indienen
            else [],
            erkenning=_erkenning(actor, aanvraag),
            beroepen=beroepen,
            beroep_mogelijk=(
                aanvraag.status == AanvraagStatus.AFGEWEZEN
                and aanvraag.beroep_uiterlijk_op is not None
                and aanvraag.beroep_uiterlijk_op >= op
                and not beroepen
            ),
            bewerkbaar=bewerkbaar,
            intrekbaar=intrekbaar,
            mag_indienen=mag_indienen,
            mag_tekenen=actor.has_perm(perms.ERKENNING_BEHEREN),
            mag_beoordelen=actor.has_perm(perms.AANVRAAG_BEOORDELEN) and eigen_partnerschap,
            mag_bestanden=actor.has_perm(BESTAND_OPENEN)
            and (eigen_partnerschap or not partnerschap_lid),
            mag_beroep=actor.has_perm(perms.BEROEP_INDIENEN),
            timeline=timeline_for(aanvraag),
            kruimels=kruimels_voor(actor),
            **kwargs,
        )


# The dossier asks only what its status can hold: appeals follow a refusal, a recognition an
# approval. So the page stays within P1's 12 queries in every status.


def _beroepen(actor: Actor, aanvraag: Aanvraag) -> list[Beroep]:
    if aanvraag.status != AanvraagStatus.AFGEWEZEN:
        return []
    return list(Beroep.objects.visible_to(actor).filter(aanvraag=aanvraag))


def _erkenning(actor: Actor, aanvraag: Aanvraag) -> Erkenning | None:
    if aanvraag.status != AanvraagStatus.GOEDGEKEURD:
        return None
    return Erkenning.objects.visible_to(actor).filter(aanvraag=aanvraag).first()


class AanvraagBewerkenView(IndienerMixin, BewerkbaarMixin, AanvraagActieView):
    """Answer the criteria and name the mentors; a draft saves and resumes."""

    permission = perms.AANVRAAG_INDIENEN
    form_class = AanvraagBewerkenForm
    template_name = "erkenning/aanvraag_bewerken.html"
    titel = gettext_lazy("Criteria and mentors")
    uitleg = gettext_lazy(
        "Tick each criterion the enterprise meets and explain where useful (R7). Name at least "
        "one mentor from the enterprise's register. Saving keeps your draft; you submit later."
    )
    knop = gettext_lazy("Save the draft")

    def get_form_kwargs(self) -> dict[str, Any]:
        aanvraag = self.object
        return {
            **super().get_form_kwargs(),
            "antwoorden": _antwoorden(aanvraag),
            "mentoren": Mentor.objects.filter(onderneming_id=aanvraag.onderneming_id).order_by(
                "achternaam", "voornaam", "pk"
            ),
            "gekozen": list(aanvraag.mentoren.all()),
        }

    def uitvoeren(self, form: AanvraagBewerkenForm) -> Aanvraag:
        door = self.request.user
        with transaction.atomic():  # answers and mentors are saved together, or not at all
            aanvraag = aanvraag_antwoorden_opslaan(
                aanvraag=self.object, antwoorden=form.antwoorden_data(), door=door
            )
            return aanvraag_mentoren_kiezen(
                aanvraag=aanvraag, mentoren=list(form.cleaned_data["mentoren"]), door=door
            )

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Draft saved.")


class AanvraagIndienenView(IndienerMixin, AanvraagActieView):
    """Sign the declaration on honour and submit, or resubmit after a request (R4, R7)."""

    permission = perms.AANVRAAG_INDIENEN
    form_class = IndienenForm
    template_name = "erkenning/aanvraag_indienen.html"
    titel = gettext_lazy("Submit the application")
    uitleg = gettext_lazy(
        "The application goes to the competent partnership, which first checks whether the file "
        "is complete. The decision term starts once it is."
    )
    knop = gettext_lazy("Sign and submit")

    def tekorten(self) -> list[str]:
        if not hasattr(self, "_tekorten"):
            self._tekorten = selectors.ontbrekende_onderdelen(self.object)
        return self._tekorten

    def niet_mogelijk(self) -> str | None:
        if self.object.status not in BEWERKBAAR:
            return _("This application cannot be submitted while it is “%(status)s”.") % {
                "status": self.object.get_status_display()
            }
        if self.tekorten():
            return _("Not complete yet: finish what is listed, then submit.")
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            tekorten=self.tekorten() if self.object.status in BEWERKBAAR else [],
            ontbrekend=self.object.ontbrekend
            if self.object.status == AanvraagStatus.ONVOLLEDIG
            else "",
            **kwargs,
        )

    def uitvoeren(self, form: IndienenForm) -> Aanvraag:
        return aanvraag_indienen(
            aanvraag=self.object,
            door=self.request.user,
            verklaring_op_eer=form.cleaned_data["verklaring_op_eer"],
        )

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _(
            "Application submitted to %(partnerschap)s. It checks whether the file is complete; "
            "the decision term starts then."
        ) % {"partnerschap": aanvraag.partnerschap}


class AanvraagIntrekkenView(IndienerMixin, AanvraagActieView):
    permission = perms.AANVRAAG_INDIENEN
    form_class = BevestigenForm
    titel = gettext_lazy("Withdraw the application")
    uitleg = gettext_lazy(
        "A withdrawn application is closed for good; you can start a new one at any time."
    )
    knop = gettext_lazy("Withdraw")
    knop_klasse = "btn-danger"

    def niet_mogelijk(self) -> str | None:
        if self.object.status not in INTREKBAAR:
            return _("This application can no longer be withdrawn: it is “%(status)s”.") % {
                "status": self.object.get_status_display()
            }
        return None

    def uitvoeren(self, form: BevestigenForm) -> Aanvraag:
        return aanvraag_intrekken(aanvraag=self.object, door=self.request.user)

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Application withdrawn.")


__all__ = [
    "AanvraagBewerkenView",
    "AanvraagDetailView",
    "AanvraagIndienenView",
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

    def niet_mogelijk(self) -> str | None:
        if self.object.status not in BEWERKBAAR:
            return _("This application cannot be changed while it is “%(status)s”.") % {
                "status": self.object.get_status_display()
            }
        return None

    def uitvoeren(self, form: IndienenForm) -> Aanvraag:
        return verklaring_op_eer_ondertekenen(aanvraag=self.object, door=self.request.user)

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Declaration on honour signed.")

    def succes_url(self, aanvraag: Aanvraag) -> str:
        return aanvraag.get_absolute_url()

    def terug_url(self) -> str:
        return self.object.get_absolute_url()
