"""Application documents (R8): what the partnership asks, the upload, the download."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import CriteriumDocument
from duaal.views import bestand_response
from duaal.workflow import Refusals, refusals, refuse_if
from erkenning.forms import DocumentForm
from erkenning.models import Aanvraag, AanvraagDocument
from erkenning.selectors import vereisten_van
from erkenning.services import aanvraag_document_opladen, kan_aanvraag_bewerken
from mentors.models import Mentor

from .basis import BESTAND_OPENEN, AanvraagActieView, IndienerMixin, soort_van


def documenten_per_vereiste(
    vereisten: list[CriteriumDocument], documenten: list[AanvraagDocument], mentoren: list[Mentor]
) -> list[dict[str, Any]]:
    """Each document the partnership asks, with what was uploaded and what is still missing."""
    rijen = []
    for vereist in vereisten:
        opgeladen = [d for d in documenten if d.vereist_id == vereist.pk]
        ontbreekt: list[Any] = []
        if vereist.per_mentor:
            gedekt = {d.mentor_id for d in opgeladen}
            ontbreekt = [m for m in mentoren if m.pk not in gedekt]
        elif not opgeladen:
            ontbreekt = [vereist]
        rijen.append({"vereist": vereist, "opgeladen": opgeladen, "ontbreekt": ontbreekt})
    return rijen


class AanvraagDocumentView(IndienerMixin, AanvraagActieView):
    """Upload a document the partnership asks against a criterion, per mentor where asked."""

    permission = perms.AANVRAAG_INDIENEN
    form_class = DocumentForm
    template_name = "erkenning/aanvraag_document.html"
    titel = gettext_lazy("Upload a document")
    uitleg = gettext_lazy(
        "The documents your partnership asks, e.g. the RSZ certificate, or the "
        "criminal-record extract 596.2 once per named mentor. Only your enterprise and the "
        "partnership can open them."
    )
    knop = gettext_lazy("Upload")
    validatiefout_veld = "bestand"  # not a PDF or image, too large, unreadable

    def vereisten(self) -> list[CriteriumDocument]:
        if not hasattr(self, "_vereisten"):
            self._vereisten = vereisten_van(self.object)
        return self._vereisten

    def guard(self) -> Refusals:
        return refusals(
            kan_aanvraag_bewerken(self.object, door=self.request.actor, now=timezone.now()),
            refuse_if(not self.vereisten(), _("The competent partnership asks no documents.")),
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "vereisten": self.vereisten(),
            "mentoren": self.object.mentoren.order_by("achternaam", "voornaam", "pk"),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        aanvraag = self.object
        return super().get_context_data(
            documenten=documenten_per_vereiste(
                self.vereisten(),
                list(aanvraag.documenten.select_related("mentor")),
                list(aanvraag.mentoren.all()),
            ),
            **kwargs,
        )

    def uitvoeren(self, form: DocumentForm) -> AanvraagDocument:
        return aanvraag_document_opladen(
            aanvraag=self.object,
            vereist=form.cleaned_data["vereist"],
            bestand=form.cleaned_data["bestand"],
            mentor=form.cleaned_data["mentor"],
            door=self.request.actor,
        )

    def succes_url(self, document: AanvraagDocument) -> str:
        return f"{self.object.get_absolute_url()}#documenten"

    def succesbericht(self, document: AanvraagDocument) -> str:
        if document.mentor_id:
            return _("%(document)s for %(mentor)s uploaded.") % {
                "document": document.vereist,
                "mentor": document.mentor,
            }
        return _("%(document)s uploaded.") % {"document": document.vereist}


class AanvraagDocumentQuerySet(models.QuerySet):
    """A document is visible exactly when its application is (the application's policy)."""

    def visible_to(self, actor: Actor) -> "AanvraagDocumentQuerySet":
        return self.filter(aanvraag__in=Aanvraag.objects.visible_to(actor).values("pk"))


class AanvraagDocumentBestandView(VisibleObjectMixin, View):
    """Download one application document: visible application (404), then the role (403);
    a partnership opens only the files of applications routed to it."""

    permission = BESTAND_OPENEN
    queryset = AanvraagDocumentQuerySet(model=AanvraagDocument).select_related(
        "aanvraag", "vereist"
    )
    http_method_names = ["get", "head"]

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        actor, aanvraag = request.actor, self.object.aanvraag
        if (
            soort_van(actor) == OrganisatieSoort.PARTNERSCHAP
            and actor.organisatie_id != aanvraag.partnerschap_id
        ):
            raise PermissionDenied

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        document = self.object
        naam = f"aanvraag-document-{document.created_at:%Y-%m-%d}-{str(document.public_id)[:8]}"
        return bestand_response(document.bestand, naam)
