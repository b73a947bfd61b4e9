"""Evaluations (R52), the class council's decision, and the home-care records: the supervised
days and weekly feedback the employer records, the registration number the coach records."""

import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal import views as shared
from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.http import PortalRequest
from duaal.organisaties.models import Onderneming
from duaal.organisaties.programmaregels import Fase
from duaal.termijnen import vandaag
from duaal.workflow import Refusals
from overeenkomsten import evaluaties as lezen
from overeenkomsten.forms_evaluatie import (
    BegeleideDagForm,
    EvaluatieForm,
    FeedbackForm,
    InschrijvingsnummerForm,
    KlassenraadForm,
)
from overeenkomsten.models import (
    BegeleideDag,
    Evaluatie,
    Feedbackmoment,
    KlassenraadBeslissing,
    Leerling,
    Overeenkomst,
    VerplichteEvaluatie,
)
from overeenkomsten.services import (
    begeleide_dag_registreren,
    evaluatie_registreren,
    feedbackmoment_registreren,
    inschrijvingsnummer_registreren,
    kan_begeleide_dag_registreren,
    kan_evaluatie_registreren,
    kan_feedbackmoment_registreren,
    kan_inschrijvingsnummer_registreren,
    kan_klassenraadbeslissing_registreren,
    klassenraadbeslissing_registreren,
)
from overeenkomsten.services.thuiszorg import inschrijvingsnummer_ontbreekt

from .basis import LeerlingActieView, OvereenkomstActieView

__all__ = [
    "BegeleideDagToevoegenView",
    "EvaluatieDocumentView",
    "EvaluatieToevoegenView",
    "EvaluatiesView",
    "FeedbackToevoegenView",
    "InschrijvingsnummerView",
    "KlassenraadView",
]


class EvaluatieToevoegenView(OvereenkomstActieView):
    """The mentor's employer or the coach records an evaluation of the agreement."""

    permission = perms.OVEREENKOMST_OPVOLGEN
    form_class = EvaluatieForm
    titel = gettext_lazy("Record an evaluation")
    uitleg = gettext_lazy(
        "Mentor and trajectory coach evaluate the learner, together or each on their own. "
        "An evaluation that is not positive needs a motivated report: the supervised period "
        "then goes on and a new evaluation is due a month later."
    )

    def guard(self) -> Refusals:
        return kan_evaluatie_registreren(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: EvaluatieForm) -> Evaluatie:
        gegevens = form.cleaned_data
        return evaluatie_registreren(
            overeenkomst=self.object,
            datum=gegevens["datum"],
            soort=gegevens["soort"],
            uitkomst=gegevens["uitkomst"],
            notities=gegevens["notities"],
            verslag=gegevens["verslag"],
            document=gegevens.get("document") or None,
            door=self.request.actor,
        )

    def succesbericht(self, evaluatie: Evaluatie) -> str:
        return _("Evaluation recorded: %(e)s.") % {"e": evaluatie}


class _Zichtbaar:
    """Evaluations as the access policy shows them (lezen.evaluaties_zichtbaar)."""

    model = Evaluatie

    def all(self) -> "_Zichtbaar":
        return self

    def visible_to(self, actor: Actor) -> QuerySet[Evaluatie]:
        return lezen.evaluaties_zichtbaar(actor)


class EvaluatieDocumentView(shared.FileView):
    permission = perms.OVEREENKOMST_BEKIJKEN
    queryset = _Zichtbaar()
    veld = "document"

    def bestandsnaam(self) -> str:
        return f"evaluatie-{self.object.datum:%Y-%m-%d}"


class EvaluatiesView(VisibleObjectMixin, TemplateView):
    """The learner's evaluations: the school sees them all, an enterprise those of its own
    agreements; the school also sees the class council's decisions."""

    permission = perms.LEERLING_BEKIJKEN
    template_name = "overeenkomsten/evaluaties.html"
    queryset = Leerling.objects.select_related("opleiding")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, leerling = self.request.actor, self.object
        school = actor.has_perm(perms.LEERLING_BEHEREN)
        return super().get_context_data(
            leerling=leerling,
            evaluaties=lezen.evaluaties_van_leerling(actor, leerling),
            klassenraad=lezen.klassenraadbeslissingen(leerling) if school else [],
            is_school=school,
            kruimels=shared.breadcrumbs(leerling) if school else [],
            **kwargs,
        )


KLASSENRAAD_UITLEG = gettext_lazy(
    "The class council decides whether the learner completed the training year successfully "
    "and may progress. The decision is only recorded for now: its effect on the level of the "
    "learning allowance will be applied later, not yet by the portal."
)


class KlassenraadView(LeerlingActieView):
    permission = perms.LEERLING_BEHEREN
    form_class = KlassenraadForm
    template_name = "overeenkomsten/klassenraad.html"
    titel = gettext_lazy("Class council decision")
    uitleg = KLASSENRAAD_UITLEG

    def guard(self) -> Refusals:
        return kan_klassenraadbeslissing_registreren(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def get_initial(self) -> dict[str, Any]:
        op = shared.vandaag_nu()
        # From January to August a decision is about the school year that started last year.
        return {"schooljaar": op.year if op.month >= 9 else op.year - 1}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            beslissingen=lezen.klassenraadbeslissingen(self.object), **kwargs
        )

    def uitvoeren(self, form: KlassenraadForm) -> KlassenraadBeslissing:
        gegevens = form.cleaned_data
        return klassenraadbeslissing_registreren(
            leerling=self.object,
            schooljaar=gegevens["schooljaar"],
            datum=gegevens["datum"],
            beslissing=gegevens["beslissing"],
            toelichting=gegevens["toelichting"],
            door=self.request.actor,
        )

    def succesbericht(self, beslissing: KlassenraadBeslissing) -> str:
        return _("The class council's decision for %(a)s-%(b)s is recorded.") % {
            "a": beslissing.schooljaar,
            "b": beslissing.schooljaar + 1,
        }


class _WerkgeverActieView(OvereenkomstActieView):
    """The employer's side only: the mentor works there. Anyone else who sees the agreement
    gets 403 (the guard says the same for a POST that got through)."""

    permission = perms.OVEREENKOMST_OPVOLGEN

    def check_access(self, request: PortalRequest) -> None:
        super().check_access(request)
        if not shared.acts_as(request.actor, Onderneming):
            raise PermissionDenied


class BegeleideDagToevoegenView(_WerkgeverActieView):
    form_class = BegeleideDagForm
    titel = gettext_lazy("Record a supervised day")
    uitleg = gettext_lazy(
        "A day the learner worked in the presence or under the supervision of the mentor. "
        "The phase asks a number of them in its first month."
    )

    def guard(self) -> Refusals:
        return kan_begeleide_dag_registreren(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def uitvoeren(self, form: BegeleideDagForm) -> BegeleideDag:
        return begeleide_dag_registreren(
            overeenkomst=self.object,
            datum=form.cleaned_data["datum"],
            notities=form.cleaned_data["notities"],
            door=self.request.actor,
        )

    def succesbericht(self, dag: BegeleideDag) -> str:
        return _("Supervised day recorded: %(d)s.") % {"d": dag.datum.strftime("%d/%m/%Y")}


class FeedbackToevoegenView(_WerkgeverActieView):
    form_class = FeedbackForm
    titel = gettext_lazy("Record a feedback moment")
    uitleg = gettext_lazy(
        "After the first month the mentor gives the learner feedback every week, for example "
        "by phone or at a neighbourhood meeting."
    )

    def guard(self) -> Refusals:
        return kan_feedbackmoment_registreren(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def uitvoeren(self, form: FeedbackForm) -> Feedbackmoment:
        gegevens = form.cleaned_data
        return feedbackmoment_registreren(
            overeenkomst=self.object,
            datum=gegevens["datum"],
            wijze=gegevens["wijze"],
            notities=gegevens["notities"],
            door=self.request.actor,
        )

    def succesbericht(self, moment: Feedbackmoment) -> str:
        return _("Feedback moment recorded: %(d)s.") % {"d": moment.datum.strftime("%d/%m/%Y")}


class InschrijvingsnummerView(LeerlingActieView):
    permission = perms.LEERLING_BEHEREN
    form_class = InschrijvingsnummerForm
    titel = gettext_lazy("Registration number as care assistant")
    uitleg = gettext_lazy("The home-care phase of the programme requires it before it starts.")

    def guard(self) -> Refusals:
        return kan_inschrijvingsnummer_registreren(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def get_initial(self) -> dict[str, Any]:
        return {"nummer": self.object.inschrijvingsnummer_verzorgende}

    def uitvoeren(self, form: InschrijvingsnummerForm) -> Leerling:
        return inschrijvingsnummer_registreren(
            leerling=self.object, nummer=form.cleaned_data["nummer"], door=self.request.actor
        )

    def succesbericht(self, leerling: Leerling) -> str:
        return _("The registration number as care assistant is recorded.")


@dataclass(frozen=True)
class Opvolging:
    """The agreement page's evaluations and home-care block, with the actions it offers."""

    fase: Fase | None
    evaluaties: list[Evaluatie]
    verplicht: list[VerplichteEvaluatie]
    nieuwe_evaluatie_op: dt.date | None
    thuiszorg: lezen.Thuiszorg | None
    acties: dict[str, bool]
    inschrijvingsnummer_ontbreekt: bool
    op: dt.date


def opvolging_voor(o: Overeenkomst, *, door: Actor, now: datetime) -> Opvolging | None:
    """What the page shows of a signed (or ended) agreement's follow-up; None before that.
    Only the guards of actions the actor's role may take at all are asked."""
    if o.status not in lezen.EVALUEERBAAR:
        return None
    op = vandaag(now)
    fase = lezen.fase_van(o, now=now)
    evaluaties = list(
        lezen.evaluaties_zichtbaar(door).filter(overeenkomst=o).select_related("door")
    )
    acties = dict.fromkeys(["evaluatie", "begeleide_dag", "feedback"], False)
    if door.has_perm(perms.OVEREENKOMST_OPVOLGEN):
        acties["evaluatie"] = kan_evaluatie_registreren(o, door=door, now=now).allowed
        if shared.acts_as(door, Onderneming):
            acties["begeleide_dag"] = kan_begeleide_dag_registreren(o, door=door, now=now).allowed
            acties["feedback"] = kan_feedbackmoment_registreren(o, door=door, now=now).allowed
    return Opvolging(
        fase=fase,
        evaluaties=evaluaties,
        verplicht=list(o.verplichte_evaluaties.select_related("voldaan_met")),
        nieuwe_evaluatie_op=lezen.nieuwe_evaluatie_nodig(evaluaties, o.fase_volgorde),
        thuiszorg=lezen.thuiszorg(o, fase, op=op),
        acties=acties,
        inschrijvingsnummer_ontbreekt=inschrijvingsnummer_ontbreekt(o.leerling, fase),
        op=op,
    )


@dataclass(frozen=True)
class LeerlingOpvolging:
    """The learner page's evaluations, class council decisions and care registration."""

    evaluaties: list[Evaluatie]
    klassenraad: list[KlassenraadBeslissing]
    acties: dict[str, bool]


def leerling_opvolging_voor(leerling: Leerling, *, door: Actor, now: datetime) -> LeerlingOpvolging:
    mag = kan_klassenraadbeslissing_registreren(leerling, door=door, now=now).allowed
    return LeerlingOpvolging(
        evaluaties=lezen.evaluaties_van_leerling(door, leerling),
        klassenraad=lezen.klassenraadbeslissingen(leerling),
        acties={
            "klassenraad": mag,
            "inschrijvingsnummer": kan_inschrijvingsnummer_registreren(
                leerling, door=door, now=now
            ).allowed,
        },
    )
