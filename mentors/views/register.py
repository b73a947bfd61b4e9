"""The register: list, register, detail, designate; designations reviewed and (de)activated."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.audit.selectors import timeline_for
from duaal.forms import ConfirmForm
from duaal.views import ServiceFoutMixin, vandaag_nu
from duaal.workflow import Refusals
from mentors import selectors
from mentors.forms import (
    DeactiverenForm,
    MentorForm,
    ToewijzingBeslissingForm,
    ToewijzingForm,
)
from mentors.models import (
    Mentor,
    Mentoropleiding,
    MentorToewijzing,
    Uittreksel,
    Uitzondering,
)
from mentors.services import (
    kan_mentor_registreren,
    kan_mentor_toewijzen,
    kan_mentoropleiding_plannen,
    kan_mentoropleiding_voltooien,
    kan_mentoropleiding_vrijstellen,
    kan_toewijzing_beslissen,
    kan_toewijzing_deactiveren,
    kan_toewijzing_reactiveren,
    kan_uittreksel_controleren,
    mentor_registreren,
    mentor_toewijzen,
    toewijzing_beslissen,
    toewijzing_deactiveren,
    toewijzing_reactiveren,
)

from .basis import BESTAND_OPENEN, ActieView, eigen_onderneming, is_onderneming, kruimels_voor


class MentorListView(ActorRequiredMixin, TemplateView):
    """The acting enterprise's register; other organisations have none (403)."""

    permission = perms.MENTOR_BEKIJKEN
    template_name = "mentors/mentor_list.html"

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        if not is_onderneming(request.actor):
            raise PermissionDenied

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor = self.request.actor
        op = vandaag_nu()
        rijen = [
            (mentor, selectors.voorwaarden(mentor, op=op))
            for mentor in selectors.mentorregister(actor.organisatie_id)
        ]
        return super().get_context_data(
            organisatie=actor.membership.organisatie,
            rijen=rijen,
            op=op,
            mag_beheren=actor.has_perm(perms.MENTOR_BEHEREN),
            **kwargs,
        )


class MentorToevoegenView(ServiceFoutMixin, ActorRequiredMixin, FormView):
    permission = perms.MENTOR_BEHEREN
    form_class = MentorForm
    template_name = "mentors/mentor_form.html"
    fout_veld = None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "onderneming": self.onderneming}

    def check_access(self, request: HttpRequest) -> None:
        super().check_access(request)
        self.onderneming = eigen_onderneming(request.actor)

    def guard(self) -> Refusals:
        return kan_mentor_registreren(self.onderneming, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: MentorForm) -> Mentor:
        return mentor_registreren(
            onderneming=self.onderneming, door=self.request.actor, gegevens=form.cleaned_data
        )

    def succesbericht(self, mentor: Mentor) -> str:
        return _(
            "Mentor %(mentor)s registered. Next, designate the mentor for an establishment and "
            "a programme and upload the criminal-record extract."
        ) % {"mentor": mentor}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            onderneming=self.onderneming, kruimels=kruimels_voor(self.request.actor), **kwargs
        )


class MentorDetailView(VisibleObjectMixin, TemplateView):
    """Everything about one mentor the actor may see: conditions with reasons, designations,
    evidence, trainings and the dossier timeline."""

    permission = perms.MENTOR_BEKIJKEN
    template_name = "mentors/mentor_detail.html"

    def get_queryset(self) -> QuerySet[Mentor]:
        # A partnership sees only the designations to its own programmes.
        toewijzingen = (
            MentorToewijzing.objects.visible_to(self.request.actor)
            .select_related("vestiging", "opleiding__partnerschap")
            .order_by("-aangesteld_op", "pk")
        )
        return Mentor.objects.select_related("onderneming").prefetch_related(
            "uitzonderingen",
            "uittreksels",
            Prefetch("toewijzingen", queryset=toewijzingen, to_attr="zichtbare_toewijzingen"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, mentor, op = self.request.actor, self.object, vandaag_nu()
        toewijzingen = mentor.zichtbare_toewijzingen
        uittreksels = list(
            Uittreksel.objects.visible_to(actor)
            .filter(mentor=mentor)
            .select_related("partnerschap")
        )
        uitzonderingen = list(
            Uitzondering.objects.visible_to(actor)
            .filter(mentor=mentor)
            .select_related("partnerschap")
        )
        opleidingen = list(
            Mentoropleiding.objects.visible_to(actor)
            .filter(mentor=mentor)
            .select_related("partnerschap", "mentor")
        )
        now = timezone.now()
        # The buttons of each row are the rows' guards, so no button restates a rule.
        for u in uittreksels:
            u.kan_controleren = kan_uittreksel_controleren(u, door=actor, now=now).allowed
        for o in opleidingen:
            o.kan_plannen = kan_mentoropleiding_plannen(o, door=actor, now=now).allowed
            o.kan_voltooien = kan_mentoropleiding_voltooien(o, door=actor, now=now).allowed
            o.kan_vrijstellen = kan_mentoropleiding_vrijstellen(o, door=actor, now=now).allowed
        return super().get_context_data(
            mentor=mentor,
            op=op,
            voorwaarden=selectors.voorwaarden(mentor, op=op),
            toewijzingen=[(t, selectors.voorwaarden_toewijzing(t, op=op)) for t in toewijzingen],
            uittreksels=uittreksels,
            uitzonderingen=uitzonderingen,
            opleidingen=opleidingen,
            timeline=timeline_for(
                mentor, *toewijzingen, *uittreksels, *uitzonderingen, *opleidingen
            ),
            kruimels=kruimels_voor(actor),
            mag_beheren=actor.may(perms.MENTOR_BEHEREN, mentor).allowed,
            mag_bestanden=actor.has_perm(BESTAND_OPENEN),
            **kwargs,
        )


class MentorToewijzenView(ActieView):
    permission = perms.MENTOR_BEHEREN
    queryset = Mentor.objects.all()
    form_class = ToewijzingForm
    titel = gettext_lazy("Designate the mentor")
    uitleg = gettext_lazy(
        "Choose the establishment and the programme this mentor guides learners for. The "
        "partnership competent for the programme reviews the designation; the mentor training "
        "deadline starts today."
    )
    knop = gettext_lazy("Designate")

    def mentor(self) -> Mentor:
        return self.object

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "mentor": self.object}

    def guard(self) -> Refusals:
        return kan_mentor_toewijzen(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: ToewijzingForm) -> MentorToewijzing:
        return mentor_toewijzen(
            mentor=self.object,
            vestiging=form.cleaned_data["vestiging"],
            opleiding=form.cleaned_data["opleiding"],
            door=self.request.actor,
        )

    def succesbericht(self, toewijzing: MentorToewijzing) -> str:
        return _(
            "%(mentor)s designated for %(opleiding)s at %(vestiging)s. The partnership reviews "
            "the designation."
        ) % {
            "mentor": toewijzing.mentor,
            "opleiding": toewijzing.opleiding,
            "vestiging": toewijzing.vestiging,
        }


class ToewijzingDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.MENTOR_BEKIJKEN
    queryset = MentorToewijzing.objects.select_related(
        "mentor__onderneming", "vestiging", "opleiding__partnerschap", "beslist_door"
    ).prefetch_related("mentor__uitzonderingen", "mentor__uittreksels")
    template_name = "mentors/toewijzing_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, toewijzing, op = self.request.actor, self.object, vandaag_nu()
        partnerschap_id = toewijzing.opleiding.partnerschap_id
        now = timezone.now()
        uittreksels = list(
            Uittreksel.objects.visible_to(actor)
            .filter(mentor_id=toewijzing.mentor_id)
            .select_related("partnerschap", "mentor")
        )
        for u in uittreksels:
            u.kan_controleren = kan_uittreksel_controleren(u, door=actor, now=now).allowed
        opleidingen = list(
            Mentoropleiding.objects.visible_to(actor)
            .filter(mentor_id=toewijzing.mentor_id, partnerschap_id=partnerschap_id)
            .select_related("partnerschap", "mentor")
        )
        for o in opleidingen:
            o.kan_vrijstellen = kan_mentoropleiding_vrijstellen(o, door=actor, now=now).allowed
        return super().get_context_data(
            toewijzing=toewijzing,
            mentor=toewijzing.mentor,
            op=op,
            voorwaarden=selectors.voorwaarden_toewijzing(toewijzing, op=op),
            geldig=selectors.toewijzing_is_geldig(toewijzing, op=op),
            uittreksels=uittreksels,
            uitzonderingen=list(
                Uitzondering.objects.visible_to(actor).filter(
                    mentor_id=toewijzing.mentor_id, partnerschap_id=partnerschap_id
                )
            ),
            opleidingen=opleidingen,
            timeline=timeline_for(toewijzing),
            kruimels=kruimels_voor(actor, toewijzing.mentor),
            kan_beslissen=kan_toewijzing_beslissen(toewijzing, door=actor, now=now).allowed,
            kan_deactiveren=kan_toewijzing_deactiveren(toewijzing, door=actor, now=now).allowed,
            kan_reactiveren=kan_toewijzing_reactiveren(toewijzing, door=actor, now=now).allowed,
            mag_bestanden=actor.has_perm(BESTAND_OPENEN),
            **kwargs,
        )


class ToewijzingActieView(ActieView):
    queryset = MentorToewijzing.objects.select_related(
        "mentor", "vestiging", "opleiding__partnerschap"
    )

    def terug_url(self) -> str:
        return self.object.get_absolute_url()

    def samenvatting(self) -> list[tuple[Any, Any]]:
        t = self.object
        return [
            (gettext_lazy("Mentor"), t.mentor),
            (gettext_lazy("Establishment"), t.vestiging),
            (gettext_lazy("Programme"), t.opleiding),
            (gettext_lazy("Competent partnership"), t.opleiding.partnerschap),
            (gettext_lazy("Designated on"), t.aangesteld_op.strftime("%d/%m/%Y")),
            (gettext_lazy("Status"), t.get_status_display()),
        ]


class ToewijzingBeslissenView(ToewijzingActieView):
    permission = perms.MENTOR_BEOORDELEN
    form_class = ToewijzingBeslissingForm
    template_name = "mentors/toewijzing_beslissen.html"
    titel = gettext_lazy("Decide on the designation")
    uitleg = gettext_lazy(
        "Accept the mentor for this establishment and programme, or refuse, with a written "
        "motivation. The employer is notified."
    )
    knop = gettext_lazy("Record the decision")

    def guard(self) -> Refusals:
        return kan_toewijzing_beslissen(self.object, door=self.request.actor, now=timezone.now())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            voorwaarden=selectors.voorwaarden_toewijzing(self.object, op=vandaag_nu()), **kwargs
        )

    def uitvoeren(self, form: ToewijzingBeslissingForm) -> MentorToewijzing:
        return toewijzing_beslissen(
            toewijzing=self.object,
            aanvaarden=form.positief,
            motivatie=form.cleaned_data["motivatie"],
            door=self.request.actor,
        )

    def succesbericht(self, toewijzing: MentorToewijzing) -> str:
        return _("Designation of %(mentor)s: %(status)s. The employer has been notified.") % {
            "mentor": toewijzing.mentor,
            "status": toewijzing.get_status_display().lower(),
        }


class ToewijzingDeactiverenView(ToewijzingActieView):
    permission = perms.MENTOR_BEHEREN
    form_class = DeactiverenForm
    titel = gettext_lazy("Deactivate the mentor here")
    uitleg = gettext_lazy(
        "The mentor no longer guides learners for this programme at this establishment. When "
        "no valid mentor is left there, no new agreement can start until one is designated."
    )
    knop = gettext_lazy("Deactivate")
    knop_klasse = "btn-danger"
    fout_veld = None

    def guard(self) -> Refusals:
        return kan_toewijzing_deactiveren(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: DeactiverenForm) -> MentorToewijzing:
        return toewijzing_deactiveren(
            toewijzing=self.object, reden=form.cleaned_data["reden"], door=self.request.actor
        )

    def succesbericht(self, toewijzing: MentorToewijzing) -> str:
        return _("%(mentor)s is no longer active for %(opleiding)s at %(vestiging)s.") % {
            "mentor": toewijzing.mentor,
            "opleiding": toewijzing.opleiding,
            "vestiging": toewijzing.vestiging,
        }


class ToewijzingReactiverenView(ToewijzingActieView):
    permission = perms.MENTOR_BEHEREN
    form_class = ConfirmForm
    titel = gettext_lazy("Reactivate the mentor here")
    uitleg = gettext_lazy(
        "The mentor guides learners for this programme at this establishment again. The "
        "conditions are checked as usual."
    )
    knop = gettext_lazy("Reactivate")

    def guard(self) -> Refusals:
        return kan_toewijzing_reactiveren(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: ConfirmForm) -> MentorToewijzing:
        return toewijzing_reactiveren(toewijzing=self.object, door=self.request.actor)

    def succesbericht(self, toewijzing: MentorToewijzing) -> str:
        return _("%(mentor)s is active again for %(opleiding)s at %(vestiging)s.") % {
            "mentor": toewijzing.mentor,
            "opleiding": toewijzing.opleiding,
            "vestiging": toewijzing.vestiging,
        }


__all__ = [
    "MentorDetailView",
    "MentorListView",
    "MentorToevoegenView",
    "MentorToewijzenView",
    "ToewijzingBeslissenView",
    "ToewijzingDeactiverenView",
    "ToewijzingDetailView",
    "ToewijzingReactiverenView",
]
