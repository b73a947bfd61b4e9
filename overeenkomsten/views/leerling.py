"""The coach's learner screens: list, register, dossier, screening (R46-R47), approval for a
workplace (R48), release, stop, edit."""

from typing import Any

from django.forms import Form
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.organisaties.models import Onderwijsinstelling
from duaal.views import pagina, vandaag_nu
from mentors.selectors import dossier_tijdlijn
from overeenkomsten import selectors
from overeenkomsten.constants import (
    LEERLING_OVERGANGEN,
    Advies,
    LeerlingStatus,
    OvereenkomstStatus,
)
from overeenkomsten.forms import (
    BevestigenForm,
    LeerlingForm,
    LeerlingGoedkeurenForm,
    ScreenenForm,
    StoppenForm,
    WerkplekForm,
)
from overeenkomsten.models import Leerling, Overeenkomst
from overeenkomsten.services import (
    leerling_goedkeuren,
    leerling_registreren,
    leerling_screenen,
    leerling_stoppen,
    leerling_werkplek_goedkeuren,
    leerling_werkplek_loslaten,
    leerling_wijzigen,
)
from overeenkomsten.services.voorstel import kan_voorstellen

from .basis import LeerlingActieView, OvereenkomstFoutMixin, kruimels_leerling
from .voorstel_weergave import adressaat

# The learner's dossier (screening advice, address, timeline) is the school's: an employer
# sees the learner only as a party in its agreements (403 on these screens).
DOSSIER = perms.LEERLING_BEHEREN


def termijn_markering(leerling: Leerling, *, op, grens) -> str:
    """ "verstreken" (overdue), "nadert" (within five training days) or "" (R48)."""
    uiterlijk = leerling.overeenkomst_uiterlijk
    if uiterlijk is None or leerling.status == LeerlingStatus.GESTOPT:
        return ""
    if uiterlijk < op:
        return "verstreken"
    return "nadert" if uiterlijk <= grens else ""


class LeerlingListView(ActorRequiredMixin, TemplateView):
    """The school's learners with their status and the agreement deadline."""

    permission = DOSSIER
    template_name = "overeenkomsten/leerling_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        op = vandaag_nu()
        grens = selectors.termijn_grens(op)
        page = pagina(self.request, selectors.leerlingen_voor(self.request.actor), 50)
        return super().get_context_data(
            page=page,
            rijen=[(lr, termijn_markering(lr, op=op, grens=grens)) for lr in page.object_list],
            **kwargs,
        )


class LeerlingNieuwView(OvereenkomstFoutMixin, ActorRequiredMixin, FormView):
    permission = DOSSIER
    form_class = LeerlingForm
    template_name = "overeenkomsten/leerling_form.html"

    def uitvoeren(self, form: LeerlingForm) -> Leerling:
        gegevens = form.gegevens()
        return leerling_registreren(
            onderwijsinstelling=Onderwijsinstelling.objects.get(
                pk=self.request.actor.organisatie_id
            ),
            opleiding=gegevens.pop("opleiding"),
            door=self.request.user,
            **gegevens,
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _(
            "%(leerling)s is registered. An agreement must be signed by %(d)s (20 training days, "
            "R48). Record the screening advice next."
        ) % {"leerling": leerling, "d": leerling.overeenkomst_uiterlijk.strftime("%d/%m/%Y")}

    def succes_url(self, leerling: Leerling) -> str:
        return leerling.get_absolute_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            titel=gettext_lazy("Register a learner"), kruimels=kruimels_leerling(), **kwargs
        )


def _kan(leerling: Leerling, nieuw: str) -> bool:
    return nieuw in LEERLING_OVERGANGEN.get(leerling.status, set())


# Approval follows the screening; the way back from a workplace is "release", not this.
TE_BEOORDELEN = [LeerlingStatus.AANGEMELD, LeerlingStatus.AANLOOPFASE]
# An agreement in one of these still stands: no second draft is offered next to it.
LOPEND = [
    OvereenkomstStatus.ONTWERP,
    OvereenkomstStatus.TER_GOEDKEURING,
    OvereenkomstStatus.ONDERTEKEND,
]


class LeerlingDetailView(VisibleObjectMixin, TemplateView):
    """The dossier: data, screening, approvals, the workplace, agreements and the timeline."""

    permission = DOSSIER
    template_name = "overeenkomsten/leerling_detail.html"
    queryset = Leerling.objects.select_related(
        "opleiding", "werkplek__onderneming", "trajectbegeleider", "onderwijsinstelling"
    )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        leerling, op = self.object, vandaag_nu()
        overeenkomsten = list(
            Overeenkomst.objects.visible_to(self.request.actor)
            .filter(leerling=leerling)
            .select_related("onderneming", "vestiging")
            .order_by("-start", "-pk")
        )
        voorstellen = selectors.voorstellen_van_leerling(leerling)
        return super().get_context_data(
            leerling=leerling,
            markering=termijn_markering(leerling, op=op, grens=selectors.termijn_grens(op)),
            overeenkomsten=overeenkomsten,
            screenen=ScreenenForm(
                initial={
                    "advies": leerling.advies,
                    "advies_door": leerling.advies_door,
                    "toelichting": leerling.advies_toelichting,
                }
            ),
            actief=leerling.status != LeerlingStatus.GESTOPT,
            kan_goedkeuren=leerling.status in TE_BEOORDELEN,
            # R48: the employer chooses the learner by accepting the school's proposal.
            kan_voorstellen=kan_voorstellen(
                leerling, door=self.request.user, now=timezone.now()
            ).allowed,
            voorstellen=[(v, adressaat(v)) for v in voorstellen],
            # Only where an employer consented (its accepted proposal or a learners mandate).
            kan_werkplek=_kan(leerling, LeerlingStatus.WERKPLEK_GOEDGEKEURD)
            and selectors.werkplekken_met_instemming(leerling, op=op).exists(),
            kan_loslaten=leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD,
            kan_opstellen=leerling.status == LeerlingStatus.WERKPLEK_GOEDGEKEURD
            and not any(o.status in LOPEND and o.einde >= op for o in overeenkomsten),
            timeline=dossier_tijdlijn([leerling, *overeenkomsten, *voorstellen]),
            kruimels=kruimels_leerling(),
            **kwargs,
        )


class ScreenenView(LeerlingActieView):
    permission = DOSSIER
    form_class = ScreenenForm
    titel = gettext_lazy("Advice on readiness and willingness")
    uitleg = gettext_lazy(
        "The class council of the previous training gives a non-binding advice; without one, "
        "the coach may. A learner may enrol even with a negative advice (R46)."
    )

    def niet_mogelijk(self) -> str | None:
        if self.object.status == LeerlingStatus.GESTOPT:
            return _("The learner stopped the dual training.")
        return None

    def get_initial(self) -> dict[str, Any]:
        return {
            "advies": self.object.advies,
            "advies_door": self.object.advies_door,
            "toelichting": self.object.advies_toelichting,
        }

    def uitvoeren(self, form: ScreenenForm) -> Leerling:
        return leerling_screenen(
            leerling=self.object,
            advies=form.cleaned_data["advies"],
            advies_door=form.cleaned_data["advies_door"],
            toelichting=form.cleaned_data["toelichting"],
            door=self.request.user,
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("Advice recorded: %(advies)s.") % {"advies": Advies(leerling.advies).label}


class LeerlingGoedkeurenView(LeerlingActieView):
    permission = DOSSIER
    form_class = LeerlingGoedkeurenForm
    titel = gettext_lazy("Approve for dual learning")
    uitleg = gettext_lazy(
        "After the screening: a learner who is ready and willing looks for a workplace; one who "
        "is willing but not yet ready goes to the preparatory phase first (R47)."
    )
    knop = gettext_lazy("Approve")

    def niet_mogelijk(self) -> str | None:
        if self.object.status not in TE_BEOORDELEN:
            return _("Not possible while the status is “%(status)s”.") % {
                "status": self.object.get_status_display()
            }
        return None

    def uitvoeren(self, form: LeerlingGoedkeurenForm) -> Leerling:
        return leerling_goedkeuren(
            leerling=self.object,
            arbeidsrijp=form.cleaned_data["arbeidsrijp"],
            door=self.request.user,
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("Status: %(status)s.") % {"status": leerling.get_status_display()}


class WerkplekGoedkeurenView(LeerlingActieView):
    permission = DOSSIER
    form_class = WerkplekForm
    titel = gettext_lazy("Approve for a workplace")
    uitleg = gettext_lazy(
        "After its intake interview the company chose the learner (R48). The agreement is then "
        "drafted for this establishment. Only workplaces whose employer accepted a proposal of "
        "the learner, or mandated your school for learners and agreements, are listed."
    )
    knop = gettext_lazy("Approve for this workplace")

    def niet_mogelijk(self) -> str | None:
        if not _kan(self.object, LeerlingStatus.WERKPLEK_GOEDGEKEURD):
            return _("First approve the learner for dual learning.")
        if not selectors.werkplekken_met_instemming(self.object, op=vandaag_nu()).exists():
            return _(
                "No employer accepted a proposal of this learner, and no employer mandated your "
                "school for learners and agreements. Propose the learner to a workplace first."
            )
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        # Only where the employer consented: its accepted proposal, or a learners mandate.
        vestigingen = selectors.werkplekken_met_instemming(self.object, op=vandaag_nu())
        return {**super().get_form_kwargs(), "vestigingen": vestigingen}

    def uitvoeren(self, form: WerkplekForm) -> Leerling:
        return leerling_werkplek_goedkeuren(
            leerling=self.object,
            vestiging=form.cleaned_data["vestiging"],
            intake_op=form.cleaned_data["intake_op"],
            door=self.request.user,
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("Approved for %(vestiging)s. Draft the agreement next.") % {
            "vestiging": leerling.werkplek
        }


class WerkplekLoslatenView(LeerlingActieView):
    permission = DOSSIER
    form_class = BevestigenForm
    titel = gettext_lazy("Release the workplace")
    uitleg = gettext_lazy("The match fell through: the learner looks for a workplace again.")
    knop = gettext_lazy("Release the workplace")
    knop_klasse = "btn-outline-danger"

    def niet_mogelijk(self) -> str | None:
        if self.object.status != LeerlingStatus.WERKPLEK_GOEDGEKEURD:
            return _("The learner is not approved for a workplace.")
        return None

    def uitvoeren(self, form: Form) -> Leerling:
        return leerling_werkplek_loslaten(leerling=self.object, door=self.request.user)

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The learner looks for a workplace again.")


class LeerlingStoppenView(LeerlingActieView):
    permission = DOSSIER
    form_class = StoppenForm
    titel = gettext_lazy("Stop the dual training")
    uitleg = gettext_lazy(
        "Without an agreement within 20 training days the learner attends school full-time or "
        "stops the training (R48)."
    )
    knop = gettext_lazy("Stop")
    knop_klasse = "btn-danger"

    def niet_mogelijk(self) -> str | None:
        if not _kan(self.object, LeerlingStatus.GESTOPT):
            return _("The learner already stopped.")
        return None

    def uitvoeren(self, form: StoppenForm) -> Leerling:
        return leerling_stoppen(
            leerling=self.object, reden=form.cleaned_data["reden"], door=self.request.user
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The learner stopped the dual training.")


class LeerlingBewerkenView(LeerlingActieView):
    permission = DOSSIER
    form_class = LeerlingForm
    titel = gettext_lazy("Change the learner's data")
    template_name = "overeenkomsten/leerling_form.html"

    def niet_mogelijk(self) -> str | None:
        if self.object.status == LeerlingStatus.GESTOPT:
            return _("The learner stopped the dual training.")
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "bewerken": True}

    def get_initial(self) -> dict[str, Any]:
        # Never the stored INSZ: it would sit in the page's HTML (S7).
        velden = [v for v in LeerlingForm.Meta.fields if v != "insz"]
        return {veld: getattr(self.object, veld) for veld in velden}

    def uitvoeren(self, form: LeerlingForm) -> Leerling:
        return leerling_wijzigen(leerling=self.object, door=self.request.user, **form.gegevens())

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The learner's data are saved.")
