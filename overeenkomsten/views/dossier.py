"""The learner's own dossier ("Mijn dossier"): a person logged in with the government login sees
the learner records that carry their national number, reads and approves their agreements and
downloads the signed copy. They act in their own person, with or without a membership; any
other agreement answers 404, as if it did not exist."""

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.db.models import QuerySet
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from duaal import views as shared
from duaal.access import AUTHENTICATED, ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts.actor import Actor
from duaal.exceptions import DomainError
from duaal.views import bestand_response, vandaag_nu
from duaal.workflow import Refusals
from overeenkomsten import selectors
from overeenkomsten.dossier import (
    dossier_overeenkomst,
    dossier_van_persoon,
    getekende_kopie,
    overeenkomsten_van_persoon,
)
from overeenkomsten.evaluaties import evaluaties_per_leerling
from overeenkomsten.forms import GoedkeurenForm
from overeenkomsten.models import Overeenkomst
from overeenkomsten.presenter import presenteer
from overeenkomsten.services import goedkeuren_als_leerling, kan_goedkeuren_als_leerling

from .leerling import termijn_markering
from .overeenkomst import referentie


def kruimels_dossier(overeenkomst: Overeenkomst | None = None) -> list[shared.Crumb]:
    trail: list[shared.Crumb] = [(_("My dossier"), reverse("overeenkomsten:mijn_dossier"))]
    if overeenkomst is not None:
        trail.append((str(overeenkomst), mijn_overeenkomst_url(overeenkomst)))
    return trail


def mijn_overeenkomst_url(overeenkomst: Overeenkomst) -> str:
    return reverse("overeenkomsten:mijn_overeenkomst", args=[overeenkomst.public_id])


class VanDePersoon:
    """The access policy of the dossier's object pages: the agreements of the person logged in
    (as the learner, once sent), whatever organisation they act for; 404 for any other."""

    model = Overeenkomst

    def all(self) -> "VanDePersoon":
        return self

    def visible_to(self, actor: Actor) -> QuerySet[Overeenkomst]:
        if actor.user is None:
            return Overeenkomst.objects.none()
        return overeenkomsten_van_persoon(actor.user).select_related(
            "leerling", "onderneming", "vestiging", "opleiding", "toewijzing__mentor"
        )


class MijnDossierView(ActorRequiredMixin, TemplateView):
    """Each of the person's learner records: status, the 20-training-day window (R48), school
    and coach, workplace, and every agreement with where each party stands."""

    permission = AUTHENTICATED
    template_name = "overeenkomsten/mijn_dossier.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        op = vandaag_nu()
        grens = selectors.termijn_grens(op)
        dossier = dossier_van_persoon(self.request.actor.person)
        evaluaties = evaluaties_per_leerling([d.leerling for d in dossier])
        return super().get_context_data(
            rijen=[
                (
                    d,
                    termijn_markering(d.leerling, op=op, grens=grens),
                    evaluaties.get(d.leerling.pk, []),
                )
                for d in dossier
            ],
            **kwargs,
        )


class MijnOvereenkomstView(VisibleObjectMixin, TemplateView):
    """One agreement to read in full, where each party stands, the learner's approval button
    (or why not now) and the signed copy."""

    permission = AUTHENTICATED
    template_name = "overeenkomsten/mijn_overeenkomst.html"
    queryset = VanDePersoon()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        o = self.object
        weigering = kan_goedkeuren_als_leerling(o, door=self.request.actor, now=timezone.now())
        return super().get_context_data(
            **presenteer(o).context(),
            dossier=dossier_overeenkomst(o),
            overeenkomst=o,
            weigering=weigering,
            goedkeuren=GoedkeurenForm(initial={"versie": o.versie}),
            kruimels=kruimels_dossier(),
            **kwargs,
        )


class MijnOvereenkomstGoedkeurenView(shared.ActieView):
    """The learner approves the version they read (the form carries it)."""

    permission = AUTHENTICATED
    queryset = VanDePersoon()
    form_class = GoedkeurenForm
    titel = gettext_lazy("Approve your agreement")
    knop = gettext_lazy("I approve this agreement")
    knop_klasse = "btn-success"

    @property
    def uitleg(self) -> str:
        return _(
            "You approve version %(v)s of your agreement as shown on its page, as the learner."
        ) % {"v": self.object.versie}

    def kruimels(self) -> list[shared.Crumb]:
        return kruimels_dossier(self.object)

    def terug_url(self) -> str:
        return mijn_overeenkomst_url(self.object)

    def guard(self) -> Refusals:
        return kan_goedkeuren_als_leerling(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        return {"versie": self.object.versie}

    def form_valid(self, form: Form) -> HttpResponse:
        try:
            goedkeuren_als_leerling(
                overeenkomst=self.object,
                versie=form.cleaned_data["versie"],
                door=self.request.actor,
            )
        except DomainError as fout:
            # Back to the agreement: it shows the current version and why not, if so.
            messages.error(self.request, fout.message)
            return HttpResponseRedirect(self.terug_url())
        messages.success(self.request, _("Your approval is recorded."))
        return HttpResponseRedirect(self.terug_url())


class MijnOvereenkomstPdfView(VisibleObjectMixin, View):
    """The signed copy, once every party signed, for the learner only (404 before)."""

    permission = AUTHENTICATED
    http_method_names = ["get", "head"]
    queryset = VanDePersoon()

    def get(self, request: HttpRequest, public_id: UUID) -> FileResponse:
        kopie = getekende_kopie(self.object)
        if kopie is None:
            raise Http404
        naam = f"overeenkomst-{referentie(self.object)}-v{kopie.versie}-ondertekend"
        return bestand_response(kopie.getekend_bestand, naam)
