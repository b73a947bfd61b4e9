"""Recognitions: list, dossier, publication and renewal; mandates (R4); the public search."""

from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from duaal.access import AUTHENTICATED, ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.audit.selectors import timeline_for
from duaal.forms import ConfirmForm
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import Onderneming, Opleiding
from duaal.views import ServiceFoutMixin, keuzes_ophalen, pagina, vandaag_nu
from duaal.workflow import Refusals
from erkenning import selectors
from erkenning.forms import MachtigingForm, PublicatieForm, ZoekForm
from erkenning.models import Aanvraag, Erkenning, Machtiging, Sanctie
from erkenning.services import (
    erkenning_hernieuwen,
    erkenning_publicatie_wijzigen,
    kan_erkenning_hernieuwen,
    kan_machtiging_intrekken,
    kan_publicatie_wijzigen,
    kan_sanctie_opleggen,
    machtiging_intrekken,
    machtiging_verlenen,
)
from erkenning.statusvolger import erkenning_volger
from mentors.models import MentorToewijzing

from .basis import ActieView, soort_van


def kruimels_erkenning(*extra: tuple[Any, str]) -> list[tuple[Any, str]]:
    return [(gettext_lazy("Recognitions"), reverse("erkenning:erkenning_list")), *extra]


class ErkenningListView(ActorRequiredMixin, TemplateView):
    """The recognitions the actor may see: enterprises their own, schools those of the
    workplaces that mandated them, partnerships those they granted."""

    permission = perms.ERKENNING_BEKIJKEN
    template_name = "erkenning/erkenning_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        qs = selectors.erkenningen_voor(self.request.actor).order_by("geldig_tot", "pk")
        return super().get_context_data(
            page=pagina(self.request, qs, 50), op=vandaag_nu(), **kwargs
        )


class ErkenningDetailView(VisibleObjectMixin, TemplateView):
    """Status and validity, sanctions, the mentors designated there, publication, renewal."""

    permission = perms.ERKENNING_BEKIJKEN
    template_name = "erkenning/erkenning_detail.html"
    queryset = Erkenning.objects.select_related(
        "onderneming", "vestiging", "opleiding", "partnerschap"
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, erkenning = self.request.actor, self.object
        sancties = (
            Sanctie.objects.visible_to(actor)
            .filter(Q(erkenning=erkenning) | Q(getroffen_erkenningen=erkenning))
            .select_related("mentor")
            .distinct()
            .order_by("-opgelegd_op")
        )
        toewijzingen = (
            MentorToewijzing.objects.visible_to(actor)
            .filter(vestiging_id=erkenning.vestiging_id, opleiding_id=erkenning.opleiding_id)
            .select_related("mentor")
            .order_by("mentor__achternaam", "mentor__voornaam", "pk")
        )
        aanvragen = Aanvraag.objects.visible_to(actor)
        now = timezone.now()
        # The buttons ask the guards (G26); the renewal looks its earlier renewal up only for
        # the enterprise of a running recognition.
        acties = {
            "hernieuwen": kan_erkenning_hernieuwen(erkenning, door=actor, now=now).allowed,
            "sanctie": kan_sanctie_opleggen(erkenning, door=actor, now=now).allowed,
            "publicatie": kan_publicatie_wijzigen(erkenning, door=actor, now=now).allowed,
        }
        op, timeline = vandaag_nu(), timeline_for(erkenning)
        return super().get_context_data(
            erkenning=erkenning,
            op=op,
            statusvolger=erkenning_volger(erkenning, timeline=timeline, op=op),
            aanvraag=aanvragen.filter(pk=erkenning.aanvraag_id).first(),
            hernieuwingen=list(aanvragen.filter(vorige_erkenning=erkenning)),
            sancties=list(sancties),
            toewijzingen=list(toewijzingen),
            acties=acties,
            publicatie=PublicatieForm(
                initial={
                    "publiek_zichtbaar": erkenning.publiek_zichtbaar,
                    "plaatsen_beschikbaar": erkenning.plaatsen_beschikbaar,
                }
            ),
            timeline=timeline,
            kruimels=kruimels_erkenning(),
            **kwargs,
        )


class ErkenningActieView(ActieView):
    queryset = Erkenning.objects.select_related("onderneming", "vestiging", "opleiding")

    def kruimels(self) -> list[tuple[Any, str]]:
        return kruimels_erkenning((str(self.object), self.object.get_absolute_url()))

    def samenvatting(self) -> list[tuple[Any, Any]]:
        e = self.object
        return [
            (gettext_lazy("Enterprise"), e.onderneming),
            (gettext_lazy("Establishment"), e.vestiging),
            (gettext_lazy("Programme"), f"{e.opleiding.officiele_naam} ({e.opleiding.code})"),
            (gettext_lazy("Status"), e.get_status_display()),
            (gettext_lazy("Valid until"), e.geldig_tot.strftime("%d/%m/%Y")),
        ]


class PublicatieView(ErkenningActieView):
    """Opt in to the public search and say whether places are available (R3)."""

    permission = perms.ERKENNING_BEHEREN
    form_class = PublicatieForm
    titel = gettext_lazy("Public search")
    uitleg = gettext_lazy(
        "Recognition is not availability: learners and schools find this workplace only when "
        "you show it, and see whether you have places."
    )

    def guard(self) -> Refusals:
        return kan_publicatie_wijzigen(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        return {
            "publiek_zichtbaar": self.object.publiek_zichtbaar,
            "plaatsen_beschikbaar": self.object.plaatsen_beschikbaar,
        }

    def uitvoeren(self, form: PublicatieForm) -> Erkenning:
        return erkenning_publicatie_wijzigen(
            erkenning=self.object,
            publiek_zichtbaar=form.cleaned_data["publiek_zichtbaar"],
            plaatsen_beschikbaar=form.cleaned_data["plaatsen_beschikbaar"],
            door=self.request.actor,
        )

    def succesbericht(self, erkenning: Erkenning) -> str:
        if erkenning.publiek_zichtbaar:
            return _("The workplace is shown in the public search.")
        return _("The workplace is not shown in the public search.")


class HernieuwenView(ErkenningActieView):
    """Start a renewal: a new draft pre-filled from the last application (R20)."""

    permission = perms.ERKENNING_BEHEREN
    form_class = ConfirmForm
    titel = gettext_lazy("Renew the recognition")
    uitleg = gettext_lazy(
        "A renewal is a new application, pre-filled with the answers and mentors of the last "
        "one. Check them, add the documents and submit."
    )
    knop = gettext_lazy("Start the renewal")

    def guard(self) -> Refusals:
        return kan_erkenning_hernieuwen(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: ConfirmForm) -> Aanvraag:
        return erkenning_hernieuwen(erkenning=self.object, door=self.request.actor)

    def succes_url(self, aanvraag: Aanvraag) -> str:
        return aanvraag.get_absolute_url()

    def succesbericht(self, aanvraag: Aanvraag) -> str:
        return _("Renewal started: check the pre-filled answers, add the documents and submit.")


class MachtigingListView(ServiceFoutMixin, ActorRequiredMixin, FormView):
    """Mandates: the enterprise grants and revokes them; the mandated school or partnership
    sees what it received (R4)."""

    permission = AUTHENTICATED
    form_class = MachtigingForm
    template_name = "erkenning/machtiging_list.html"

    def mag_machtigen(self) -> bool:
        actor = self.request.actor
        return actor.has_perm(perms.MACHTIGING_BEHEREN) and (
            soort_van(actor) == OrganisatieSoort.ONDERNEMING
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.mag_machtigen():
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "zoekterm": self.request.GET.get("zoek", "")}

    def uitvoeren(self, form: MachtigingForm) -> Machtiging:
        return machtiging_verlenen(
            onderneming=Onderneming.objects.get(pk=self.request.actor.organisatie_id),
            gemachtigde=form.cleaned_data["gemachtigde"],
            voor_aanvragen=form.cleaned_data["voor_aanvragen"],
            voor_leerlingen=form.cleaned_data["voor_leerlingen"],
            door=self.request.actor,
        )

    def succes_url(self, machtiging: Machtiging) -> str:
        return reverse("erkenning:machtiging_list")

    def succesbericht(self, machtiging: Machtiging) -> str:
        if not machtiging.voor_aanvragen:
            return _(
                "%(org)s may now match learners and draft agreements with your enterprise."
            ) % {"org": machtiging.gemachtigde}
        return _("%(org)s may now file applications for your enterprise.") % {
            "org": machtiging.gemachtigde
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if "form" not in kwargs:  # an invalid POST brings its own
            kwargs["form"] = self.get_form()
        if mag_machtigen := self.mag_machtigen():
            keuzes_ophalen(kwargs["form"].fields["gemachtigde"])
        return super().get_context_data(
            machtigingen=list(selectors.machtigingen_voor(self.request.actor)),
            mag_machtigen=mag_machtigen,
            zoekterm=self.request.GET.get("zoek", "").strip()[:100],
            **kwargs,
        )


class MachtigingIntrekkenView(ActieView):
    permission = perms.MACHTIGING_BEHEREN
    queryset = Machtiging.objects.select_related("onderneming", "gemachtigde")
    form_class = ConfirmForm
    titel = gettext_lazy("Revoke the mandate")
    uitleg = gettext_lazy(
        "The organisation can no longer file applications for your enterprise. Applications it "
        "filed stay in your dossier."
    )
    knop = gettext_lazy("Revoke")
    knop_klasse = "btn-danger"

    def terug_url(self) -> str:
        return reverse("erkenning:machtiging_list")

    def kruimels(self) -> list[tuple[Any, str]]:
        return [(gettext_lazy("Mandates"), self.terug_url())]

    def samenvatting(self) -> list[tuple[Any, Any]]:
        m = self.object
        return [
            (gettext_lazy("Mandated organisation"), m.gemachtigde),
            (gettext_lazy("Granted on"), m.created_at.strftime("%d/%m/%Y")),
        ]

    def guard(self) -> Refusals:
        return kan_machtiging_intrekken(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: ConfirmForm) -> Machtiging:
        return machtiging_intrekken(machtiging=self.object, door=self.request.actor)

    def succesbericht(self, machtiging: Machtiging) -> str:
        return _("The mandate of %(org)s is revoked.") % {"org": machtiging.gemachtigde}


class PubliekZoekenView(TemplateView):
    """Public: recognised workplaces of employers that opted in, per programme and postcode or
    municipality (R3). Recognition is not availability: 'places available' is shown apart."""

    template_name = "erkenning/publiek_zoeken.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = ZoekForm(self.request.GET or None)
        catalogus = _catalogus_versie()
        _opleiding_keuzes(form, catalogus)
        opleiding, plaats = None, ""
        if form.is_bound and form.is_valid():
            opleiding, plaats = form.cleaned_data["opleiding"], form.cleaned_data["plaats"]
        resultaten: QuerySet[Erkenning] = selectors.publiek_zoeken(
            opleiding_id=opleiding.pk if opleiding else None, plaats=plaats
        )
        query = self.request.GET.copy()
        query.pop("pagina", None)
        return super().get_context_data(
            form=form,
            page=pagina(self.request, resultaten, 25),
            query=query.urlencode(),
            catalogus=catalogus,
            **kwargs,
        )


def _catalogus_versie() -> str:
    """Changes whenever a programme is added, changed or withdrawn: the key of the cached
    programme list (a renamed partnership shows within the cache's 5 minutes)."""
    versie = Opleiding.objects.filter(actief=True).aggregate(
        n=Count("pk"), laatst=Max("updated_at")
    )
    return f"{versie['n']}-{versie['laatst'].timestamp() if versie['laatst'] else 0}"


def _opleiding_keuzes(form: ZoekForm, catalogus: str) -> None:
    """The programme options, cached per catalogue version and language like their rendering
    in the template: on a miss of the template's cache they must not be queried from there
    (P1); the rendering stays cached, it is what costs (~45 ms)."""
    veld = form.fields["opleiding"]
    veld.choices = cache.get_or_set(
        f"zoek-opleidingen:{get_language()}:{catalogus}",
        lambda: [(str(waarde), str(label)) for waarde, label in veld.choices],
        300,
    )


__all__ = [
    "ErkenningDetailView",
    "ErkenningListView",
    "HernieuwenView",
    "MachtigingIntrekkenView",
    "MachtigingListView",
    "PublicatieView",
    "PubliekZoekenView",
]
