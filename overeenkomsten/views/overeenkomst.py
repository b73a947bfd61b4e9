"""Agreements for their parties: the list, the dossier, the HTML preview and the PDF versions."""

from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.audit.selectors import timeline_for
from duaal.views import bestand_response, pagina, vandaag_nu
from overeenkomsten import selectors
from overeenkomsten.constants import BEWERKBAAR, Bevestiging, OvereenkomstStatus, Partij
from overeenkomsten.controles import controleren_overeenkomst
from overeenkomsten.forms import GoedkeurenForm
from overeenkomsten.models import Goedkeuring, Overeenkomst, OvereenkomstDocument
from overeenkomsten.presenter import TEMPLATE, presenteer
from overeenkomsten.services import kan_handtekening_bevestigen, vereiste_partijen

from .basis import kruimels_overeenkomst


def referentie(overeenkomst: Overeenkomst) -> str:
    """The reference the model agreement prints (see the presenter)."""
    return str(overeenkomst.public_id)[:8].upper()


def te_bevestigen_voor(
    actor: Actor, stand: list[selectors.Stand]
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
    weigering = kan_handtekening_bevestigen(werkgever, door=actor.user, now=timezone.now())
    return (werkgever, "") if weigering.allowed else (None, weigering.message)


def eigen_partij(actor: Actor, overeenkomst: Overeenkomst) -> str | None:
    """The party the actor approves for: the employer's representative or the school's coach."""
    if actor.rol == Rol.VERTEGENWOORDIGER and actor.organisatie_id == overeenkomst.onderneming_id:
        return Partij.WERKGEVER
    if (
        actor.rol == Rol.TRAJECTBEGELEIDER
        and actor.organisatie_id == overeenkomst.onderwijsinstelling_id
    ):
        return Partij.SCHOOL
    return None


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
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, o = self.request.actor, self.object
        stand = selectors.goedkeuringsstand(o, vereiste_partijen(o))
        partij = eigen_partij(actor, o)
        goedgekeurd = {s.partij for s in stand if s.goedkeuring is not None}
        controle = controleren_overeenkomst(o) if o.status in BEWERKBAAR else None
        ter_goedkeuring = o.status == OvereenkomstStatus.TER_GOEDKEURING
        te_bevestigen, bevestigen_weigering = te_bevestigen_voor(actor, stand)
        return super().get_context_data(
            te_bevestigen=te_bevestigen,
            bevestigen_weigering=bevestigen_weigering,
            o=o,
            op=vandaag_nu(),
            uurrooster=list(o.uurrooster.all()),
            stand=stand if o.status != OvereenkomstStatus.ONTWERP else [],
            controle=controle,
            documenten=list(o.documenten.all()),
            schorsingen=list(o.schorsingen.select_related("door")),
            referentie=referentie(o),
            mag_opstellen=actor.has_perm(perms.OVEREENKOMST_OPSTELLEN),
            mag_goedkeuren=(
                actor.has_perm(perms.OVEREENKOMST_GOEDKEUREN)
                and ter_goedkeuring
                and partij is not None
                and partij not in goedgekeurd
            ),
            mag_opvolgen=(
                actor.has_perm(perms.OVEREENKOMST_OPVOLGEN)
                and o.status == OvereenkomstStatus.ONDERTEKEND
            ),
            goedkeuren=GoedkeurenForm(initial={"versie": o.versie}),
            timeline=timeline_for(o),
            kruimels=kruimels_overeenkomst(),
            **kwargs,
        )


class VoorbeeldView(VisibleObjectMixin, TemplateView):
    """The model agreement as HTML: the same presenter and template as the PDF."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    template_name = TEMPLATE
    queryset = Overeenkomst.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return presenteer(self.object).context()


class DocumentPdfView(VisibleObjectMixin, View):
    """One version's PDF as a download; the name is the server's, the file private (S5)."""

    permission = perms.OVEREENKOMST_BEKIJKEN
    http_method_names = ["get", "head"]
    queryset = OvereenkomstDocument.objects.select_related("overeenkomst")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        document = self.object
        naam = f"overeenkomst-{referentie(document.overeenkomst)}-v{document.versie}"
        return bestand_response(document.bestand, naam)


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
