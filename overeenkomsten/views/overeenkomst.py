"""Agreements for their parties: the list, the dossier, the HTML preview and the PDF versions."""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.selectors import timeline_for
from duaal.views import bestand_response, pagina, vandaag_nu
from overeenkomsten import selectors
from overeenkomsten.constants import BEWERKBAAR, Bevestiging, OvereenkomstStatus, Partij
from overeenkomsten.controles import controleren_overeenkomst
from overeenkomsten.forms import GoedkeurenForm
from overeenkomsten.models import Goedkeuring, Overeenkomst, OvereenkomstDocument
from overeenkomsten.partijen import vereiste_partijen
from overeenkomsten.presenter import TEMPLATE, presenteer
from overeenkomsten.services import (
    kan_annuleren,
    kan_beeindigen,
    kan_goedkeuren,
    kan_handtekening_bevestigen,
    kan_op_papier_vastleggen,
    kan_schorsen,
    kan_uitnodiging_opnieuw_versturen,
    kan_versturen,
    kan_wijzigen,
)
from overeenkomsten.statusvolger import overeenkomst_volger
from overeenkomsten.traject_overzicht import traject_overzicht

from .basis import kruimels_overeenkomst
from .evaluatie import opvolging_voor
from .regels import formaliteiten_context


def referentie(overeenkomst: Overeenkomst) -> str:
    """The reference the model agreement prints (see the presenter)."""
    return str(overeenkomst.public_id)[:8].upper()


def te_bevestigen_voor(
    actor: Actor, stand: list[selectors.Stand], *, now
) -> tuple[Goedkeuring | None, str]:
    """The signature recorded for the employer that this actor may confirm or dispute now, or
    why not (e.g. one person never acts for two parties)."""
    werkgever = next((s.goedkeuring for s in stand if s.partij == Partij.WERKGEVER), None)
    if (
        werkgever is None
        or werkgever.bevestiging != Bevestiging.TE_BEVESTIGEN
        or not actor.has_perm(perms.WERKGEVER_INSTEMMEN)
    ):
        return None, ""
    weigering = kan_handtekening_bevestigen(werkgever, door=actor, now=now)
    return (werkgever, "") if weigering.allowed else (None, weigering.message)


def overeenkomst_acties(o: Overeenkomst, *, door: Actor, now) -> dict[str, bool]:
    """What the agreement's page offers this actor now, each asked of the action's guard.
    Only the guards of actions the actor's role may take at all are asked, so a page costs
    the queries of the buttons it can show."""
    acties = dict.fromkeys(
        ["goedkeuren", "wijzigen", "versturen", "papier", "link_opnieuw", "annuleren"], False
    ) | {"schorsen": False, "beeindigen": False}
    if door.has_perm(perms.OVEREENKOMST_GOEDKEUREN):
        acties["goedkeuren"] = kan_goedkeuren(o, door=door, now=now).allowed
    if door.has_perm(perms.OVEREENKOMST_OPSTELLEN):
        acties["wijzigen"] = kan_wijzigen(o, door=door, now=now).allowed
        acties["versturen"] = kan_versturen(o, door=door, now=now).allowed
        acties["papier"] = kan_op_papier_vastleggen(o, door=door, now=now).allowed
        acties["link_opnieuw"] = kan_uitnodiging_opnieuw_versturen(o, door=door, now=now).allowed
        acties["annuleren"] = kan_annuleren(o, door=door, now=now).allowed
    if door.has_perm(perms.OVEREENKOMST_OPVOLGEN):
        acties["schorsen"] = kan_schorsen(o, door=door, now=now).allowed
        acties["beeindigen"] = kan_beeindigen(o, door=door, now=now).allowed
    return acties


class OvereenkomstListView(ActorRequiredMixin, TemplateView):
    """The school's agreements; an enterprise sees those sent to it for approval."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    template_name = "overeenkomsten/overeenkomst_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor = self.request.actor
        return super().get_context_data(
            page=pagina(self.request, selectors.overeenkomsten_voor(actor), 50),
            is_school=actor.has_perm(perms.OVEREENKOMST_OPSTELLEN),
            **kwargs,
        )


class OvereenkomstDetailView(VisibleObjectMixin, TemplateView):
    """All content, the approval of each party for the current version, warnings, the PDF
    versions, suspensions, the timeline, and the actions the actor may take now."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    template_name = "overeenkomsten/overeenkomst_detail.html"
    queryset = Overeenkomst.objects.select_related(
        "leerling__opleiding",
        "onderneming",
        "vestiging",
        "opleiding",
        "onderwijsinstelling",
        "trajectbegeleider",
        "toewijzing__mentor",
        "regelversie",
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, o, now = self.request.actor, self.object, timezone.now()
        stand = selectors.goedkeuringsstand(o, vereiste_partijen(o))
        controle = controleren_overeenkomst(o) if o.status in BEWERKBAAR else None
        te_bevestigen, bevestigen_weigering = te_bevestigen_voor(actor, stand, now=now)
        documenten = list(o.documenten.all())
        op, timeline = vandaag_nu(), timeline_for(o)
        return super().get_context_data(
            statusvolger=overeenkomst_volger(o, timeline=timeline, op=op),
            te_bevestigen=te_bevestigen,
            bevestigen_weigering=bevestigen_weigering,
            o=o,
            op=op,
            uurrooster=list(
                o.uurrooster.select_related("periode").order_by("periode__volgorde", "dag", "van")
            ),
            stand=stand if o.status != OvereenkomstStatus.ONTWERP else [],
            controle=controle,
            documenten=documenten,
            wordt_gemaakt=selectors.document_wordt_gemaakt(o, documenten),
            schorsingen=list(o.schorsingen.select_related("door")),
            referentie=referentie(o),
            mag_opstellen=actor.has_perm(perms.OVEREENKOMST_OPSTELLEN),
            acties=overeenkomst_acties(o, door=actor, now=now),
            opvolging=opvolging_voor(o, door=actor, now=now),
            goedkeuren=GoedkeurenForm(initial={"versie": o.versie}),
            timeline=timeline,
            kruimels=kruimels_overeenkomst(),
            traject_fases=traject_overzicht(o, Overeenkomst.objects.visible_to(actor)),
            **formaliteiten_context(o, door=actor, now=now),
            **kwargs,
        )


class VoorbeeldView(VisibleObjectMixin, TemplateView):
    """The model agreement as HTML: the same presenter and template as the PDF."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    template_name = TEMPLATE
    queryset = Overeenkomst.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The preview is a page of the portal too: a way back that the PDF never shows.
        return {**presenteer(self.object).context(), "terug_url": self.object.get_absolute_url()}


class DocumentPdfView(VisibleObjectMixin, View):
    """One version's PDF as a download; the name is the server's, the file private (S5)."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    http_method_names = ["get", "head"]
    queryset = OvereenkomstDocument.objects.select_related("overeenkomst")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        document = self.object
        naam = f"overeenkomst-{referentie(document.overeenkomst)}-v{document.versie}"
        return bestand_response(document.bestand, naam)


class DocumentGetekendView(VisibleObjectMixin, View):
    """The signed copy of a version (its PDF with the record of the approvals), once made."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    http_method_names = ["get", "head"]
    queryset = OvereenkomstDocument.objects.select_related("overeenkomst")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        document = self.object
        if not document.getekend_sha256:
            raise Http404
        naam = f"overeenkomst-{referentie(document.overeenkomst)}-v{document.versie}-ondertekend"
        return bestand_response(document.getekend_bestand, naam)


class DocumentStatusView(VisibleObjectMixin, View):
    """Whether the agreement's document is still being made, for the page's status script."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    http_method_names = ["get", "head"]
    queryset = Overeenkomst.objects.all()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        o = self.object
        wordt_gemaakt = selectors.document_wordt_gemaakt(o, list(o.documenten.all()))
        response = JsonResponse({"wordt_gemaakt": wordt_gemaakt})
        response["Cache-Control"] = "private, no-store"
        return response


class GoedkeuringScanView(VisibleObjectMixin, View):
    """The scan of an agreement a party signed outside the portal; also for the competent
    partnership while it may verify the signature (the queryset limits which)."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    http_method_names = ["get", "head"]
    queryset = Goedkeuring.objects.select_related("overeenkomst")

    def check_access(self, request: HttpRequest) -> None:
        if request.actor.has_perm(perms.HANDTEKENING_VERIFIEREN):
            self.object = self.get_object()
            return
        super().check_access(request)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        g = self.object
        naam = f"ondertekend-{referentie(g.overeenkomst)}-v{g.versie}-{g.partij}"
        return bestand_response(g.scan, naam)
