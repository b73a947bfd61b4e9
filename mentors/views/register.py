"""The register: list, register, detail, designate; designations reviewed and (de)activated."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from duaal.access import ActorRequiredMixin, VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.audit.selectors import timeline_for
from duaal.views import ServiceFoutMixin, vandaag_nu
from mentors import selectors
from mentors.constants import ToewijzingStatus
from mentors.forms import (
    BevestigenForm,
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

    def uitvoeren(self, form: MentorForm) -> Mentor:
        return mentor_registreren(
            onderneming=self.onderneming, door=self.request.user, gegevens=form.cleaned_data
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
            .select_related("partnerschap")
        )
        return super().get_context_data(
            mentor=mentor,
            op=op,
            voorwaarden=selectors.voorwaarden(mentor, op=op),
            toewijzingen=[(t, selectors.voorwaarden_toewijzing(t, op=op)) for t in toewijzingen],
            uittreksels=uittreksels,
            uitzonderingen=uitzonderingen,
            opleidingen=opleidingen,
            timeline=selectors.dossier_tijdlijn(
                [mentor, *toewijzingen, *uittreksels, *uitzonderingen, *opleidingen]
            ),
            kruimels=kruimels_voor(actor),
            mag_beheren=actor.has_perm(perms.MENTOR_BEHEREN),
            mag_beoordelen=actor.has_perm(perms.MENTOR_BEOORDELEN),
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

    def niet_mogelijk(self) -> str | None:
        if not self.object.onderneming.vestigingen.exists():
            return _("Your enterprise has no establishments in the portal yet. Add one first.")
        return None

    def uitvoeren(self, form: ToewijzingForm) -> MentorToewijzing:
        return mentor_toewijzen(
            mentor=self.object,
            vestiging=form.cleaned_data["vestiging"],
            opleiding=form.cleaned_data["opleiding"],
            door=self.request.user,
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
        return super().get_context_data(
            toewijzing=toewijzing,
            mentor=toewijzing.mentor,
            op=op,
            voorwaarden=selectors.voorwaarden_toewijzing(toewijzing, op=op),
            geldig=selectors.toewijzing_is_geldig(toewijzing, op=op),
            uittreksels=list(
                Uittreksel.objects.visible_to(actor)
                .filter(mentor_id=toewijzing.mentor_id)
                .select_related("partnerschap")
            ),
            uitzonderingen=list(
                Uitzondering.objects.visible_to(actor).filter(
                    mentor_id=toewijzing.mentor_id, partnerschap_id=partnerschap_id
                )
            ),
            opleidingen=list(
                Mentoropleiding.objects.visible_to(actor)
                .filter(mentor_id=toewijzing.mentor_id, partnerschap_id=partnerschap_id)
                .select_related("partnerschap")
            ),
            timeline=timeline_for(toewijzing),
            kruimels=kruimels_voor(actor, toewijzing.mentor),
            te_beslissen=toewijzing.status == ToewijzingStatus.VOORGESTELD,
            mag_beheren=actor.has_perm(perms.MENTOR_BEHEREN),
            mag_beoordelen=actor.has_perm(perms.MENTOR_BEOORDELEN),
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

    def niet_mogelijk(self) -> str | None:
        if self.object.status != ToewijzingStatus.VOORGESTELD:
            return _("This designation has already been decided: %(status)s.") % {
                "status": self.object.get_status_display()
            }
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            voorwaarden=selectors.voorwaarden_toewijzing(self.object, op=vandaag_nu()), **kwargs
        )

    def uitvoeren(self, form: ToewijzingBeslissingForm) -> MentorToewijzing:
        return toewijzing_beslissen(
            toewijzing=self.object,
            aanvaarden=form.positief,
            motivatie=form.cleaned_data["motivatie"],
            door=self.request.user,
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

    def niet_mogelijk(self) -> str | None:
        if not self.object.actief:
            return _("This mentor is already inactive here.")
        return None

    def uitvoeren(self, form: DeactiverenForm) -> MentorToewijzing:
        return toewijzing_deactiveren(
            toewijzing=self.object, reden=form.cleaned_data["reden"], door=self.request.user
        )

    def succesbericht(self, toewijzing: MentorToewijzing) -> str:
        return _("%(mentor)s is no longer active for %(opleiding)s at %(vestiging)s.") % {
            "mentor": toewijzing.mentor,
            "opleiding": toewijzing.opleiding,
            "vestiging": toewijzing.vestiging,
        }


class ToewijzingReactiverenView(ToewijzingActieView):
    permission = perms.MENTOR_BEHEREN
    form_class = BevestigenForm
    titel = gettext_lazy("Reactivate the mentor here")
    uitleg = gettext_lazy(
        "The mentor guides learners for this programme at this establishment again. The "
        "conditions are checked as usual."
    )
    knop = gettext_lazy("Reactivate")

    def niet_mogelijk(self) -> str | None:
        if self.object.actief:
            return _("This mentor is already active here.")
        return None

    def uitvoeren(self, form: BevestigenForm) -> MentorToewijzing:
        return toewijzing_reactiveren(toewijzing=self.object, door=self.request.user)

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
