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
from duaal.audit.selectors import timeline_for
from duaal.forms import ConfirmForm
from duaal.organisaties.models import Onderwijsinstelling
from duaal.views import pagina, vandaag_nu
from duaal.workflow import Refusals
from overeenkomsten import selectors
from overeenkomsten.constants import STAAT, Advies, LeerlingStatus
from overeenkomsten.forms import (
    LeerlingForm,
    LeerlingGoedkeurenForm,
    ScreenenForm,
    StoppenForm,
    WerkplekForm,
)
from overeenkomsten.models import Leerling, Overeenkomst
from overeenkomsten.services import (
    LeerlingGegevens,
    kan_leerling_goedkeuren,
    kan_leerling_registreren,
    kan_leerling_stoppen,
    kan_leerling_wijzigen,
    kan_opstellen,
    kan_screenen,
    kan_voorstellen,
    kan_werkplek_goedkeuren,
    kan_werkplek_loslaten,
    leerling_goedkeuren,
    leerling_naar_aanloopfase,
    leerling_registreren,
    leerling_screenen,
    leerling_stoppen,
    leerling_werkplek_goedkeuren,
    leerling_werkplek_loslaten,
    leerling_wijzigen,
)
from overeenkomsten.statusvolger import leerling_volger
from overeenkomsten.traject import voor_volgende_fase

from .basis import LeerlingActieView, OvereenkomstFoutMixin, kruimels_leerling
from .evaluatie import leerling_opvolging_voor
from .regels import vooropleidingen_context
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

    def school(self) -> Onderwijsinstelling:
        return Onderwijsinstelling.objects.get(pk=self.request.actor.organisatie_id)

    def guard(self) -> Refusals:
        return kan_leerling_registreren(self.school(), door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: LeerlingForm) -> Leerling:
        return leerling_registreren(
            onderwijsinstelling=self.school(),
            gegevens=LeerlingGegevens(**form.gegevens()),
            door=self.request.actor,
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _(
            "%(leerling)s is registered. An agreement must be signed by %(d)s (20 training days). "
            "Record the screening advice next."
        ) % {"leerling": leerling, "d": leerling.overeenkomst_uiterlijk.strftime("%d/%m/%Y")}

    def succes_url(self, leerling: Leerling) -> str:
        return leerling.get_absolute_url()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            titel=gettext_lazy("Register a learner"), kruimels=kruimels_leerling(), **kwargs
        )


def leerling_acties(leerling: Leerling, overeenkomsten: list, *, door, now) -> dict[str, bool]:
    """What the learner's page offers this actor now, each asked of the action's guard."""
    staat = any(o.status in STAAT and o.einde >= vandaag_nu() for o in overeenkomsten)
    return {
        "goedkeuren": kan_leerling_goedkeuren(leerling, door=door, now=now).allowed,
        # R48: the employer chooses the learner by accepting the school's proposal.
        "voorstellen": kan_voorstellen(leerling, door=door, now=now).allowed,
        # Only where an employer consented (its accepted proposal or a learners mandate).
        "werkplek": kan_werkplek_goedkeuren(leerling, door=door, now=now).allowed,
        "loslaten": kan_werkplek_loslaten(leerling, door=door, now=now).allowed,
        # No second draft is offered next to an agreement that still stands, but for the
        # next phase of a trajectory (traject.py).
        "opstellen": kan_opstellen(leerling, door=door, now=now).allowed
        and (not staat or voor_volgende_fase(leerling)),
        "wijzigen": kan_leerling_wijzigen(leerling, door=door, now=now).allowed,
        "screenen": kan_screenen(leerling, door=door, now=now).allowed,
        # Stopping stays offered to an active learner: its page gives every reason why not.
    }


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
        grens = selectors.termijn_grens(op)
        timeline = timeline_for(leerling, *overeenkomsten, *voorstellen)
        return super().get_context_data(
            leerling=leerling,
            markering=termijn_markering(leerling, op=op, grens=grens),
            statusvolger=leerling_volger(leerling, timeline=timeline, op=op, nadert_tot=grens),
            overeenkomsten=overeenkomsten,
            screenen=ScreenenForm(
                initial={
                    "advies": leerling.advies,
                    "advies_door": leerling.advies_door,
                    "toelichting": leerling.advies_toelichting,
                }
            ),
            actief=leerling.status != LeerlingStatus.GESTOPT,
            acties=leerling_acties(
                leerling, overeenkomsten, door=self.request.actor, now=timezone.now()
            ),
            voorstellen=[(v, adressaat(v)) for v in voorstellen],
            opvolging=leerling_opvolging_voor(
                leerling, door=self.request.actor, now=timezone.now()
            ),
            timeline=timeline,
            kruimels=kruimels_leerling(),
            **vooropleidingen_context(leerling, door=self.request.actor, now=timezone.now()),
            **kwargs,
        )


class ScreenenView(LeerlingActieView):
    permission = DOSSIER
    form_class = ScreenenForm
    titel = gettext_lazy("Advice on readiness and willingness")
    uitleg = gettext_lazy(
        "The class council of the previous training gives a non-binding advice; without one, "
        "the coach may. A learner may enrol even with a negative advice."
    )

    def guard(self) -> Refusals:
        return kan_screenen(self.object, door=self.request.actor, now=timezone.now())

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
            door=self.request.actor,
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("Advice recorded: %(advies)s.") % {"advies": Advies(leerling.advies).label}


class LeerlingGoedkeurenView(LeerlingActieView):
    permission = DOSSIER
    form_class = LeerlingGoedkeurenForm
    titel = gettext_lazy("Approve for dual learning")
    uitleg = gettext_lazy(
        "After the screening: a learner who is ready and willing looks for a workplace; one who "
        "is willing but not yet ready goes to the preparatory phase first."
    )
    knop = gettext_lazy("Approve")

    def guard(self) -> Refusals:
        return kan_leerling_goedkeuren(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: LeerlingGoedkeurenForm) -> Leerling:
        # Ready and willing: dual learning; willing, not yet ready: the preparatory phase.
        if form.cleaned_data["arbeidsrijp"]:
            return leerling_goedkeuren(leerling=self.object, door=self.request.actor)
        return leerling_naar_aanloopfase(leerling=self.object, door=self.request.actor)

    def succesbericht(self, leerling: Leerling) -> str:
        return _("Status: %(status)s.") % {"status": leerling.get_status_display()}


class WerkplekGoedkeurenView(LeerlingActieView):
    permission = DOSSIER
    form_class = WerkplekForm
    titel = gettext_lazy("Approve for a workplace")
    uitleg = gettext_lazy(
        "After its intake interview the company chose the learner. The agreement is then "
        "drafted for this establishment. Only workplaces whose employer accepted a proposal of "
        "the learner, or mandated your school for learners and agreements, are listed."
    )
    knop = gettext_lazy("Approve for this workplace")

    def guard(self) -> Refusals:
        return kan_werkplek_goedkeuren(self.object, door=self.request.actor, now=timezone.now())

    def get_form_kwargs(self) -> dict[str, Any]:
        # Only where the employer consented: its accepted proposal, or a learners mandate.
        vestigingen = selectors.werkplekken_met_instemming(self.object, op=vandaag_nu())
        return {**super().get_form_kwargs(), "vestigingen": vestigingen}

    def uitvoeren(self, form: WerkplekForm) -> Leerling:
        return leerling_werkplek_goedkeuren(
            leerling=self.object,
            vestiging=form.cleaned_data["vestiging"],
            intake_op=form.cleaned_data["intake_op"],
            door=self.request.actor,
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("Approved for %(vestiging)s. Draft the agreement next.") % {
            "vestiging": leerling.werkplek
        }


class WerkplekLoslatenView(LeerlingActieView):
    permission = DOSSIER
    form_class = ConfirmForm
    titel = gettext_lazy("Release the workplace")
    uitleg = gettext_lazy("The match fell through: the learner looks for a workplace again.")
    knop = gettext_lazy("Release the workplace")
    knop_klasse = "btn-outline-danger"

    def guard(self) -> Refusals:
        return kan_werkplek_loslaten(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: Form) -> Leerling:
        return leerling_werkplek_loslaten(leerling=self.object, door=self.request.actor)

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The learner looks for a workplace again.")


class LeerlingStoppenView(LeerlingActieView):
    permission = DOSSIER
    form_class = StoppenForm
    titel = gettext_lazy("Stop the dual training")
    uitleg = gettext_lazy(
        "Without an agreement within 20 training days the learner attends school full-time or "
        "stops the training."
    )
    knop = gettext_lazy("Stop")
    knop_klasse = "btn-danger"

    def guard(self) -> Refusals:
        return kan_leerling_stoppen(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: StoppenForm) -> Leerling:
        return leerling_stoppen(
            leerling=self.object, reden=form.cleaned_data["reden"], door=self.request.actor
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The learner stopped the dual training.")


class LeerlingBewerkenView(LeerlingActieView):
    permission = DOSSIER
    form_class = LeerlingForm
    titel = gettext_lazy("Change the learner's data")
    template_name = "overeenkomsten/leerling_form.html"

    def guard(self) -> Refusals:
        return kan_leerling_wijzigen(self.object, door=self.request.actor, now=timezone.now())

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "bewerken": True}

    def get_initial(self) -> dict[str, Any]:
        # Never the stored INSZ: it would sit in the page's HTML (S7).
        velden = [v for v in LeerlingForm.Meta.fields if v != "insz"]
        return {veld: getattr(self.object, veld) for veld in velden}

    def uitvoeren(self, form: LeerlingForm) -> Leerling:
        # The form leaves the stored INSZ out unless it is typed again (S7).
        gegevens = LeerlingGegevens.van(self.object).met(**form.gegevens())
        return leerling_wijzigen(leerling=self.object, gegevens=gegevens, door=self.request.actor)

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The learner's data are saved.")
