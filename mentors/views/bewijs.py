"""Evidence: the 596.2 extract (upload, check, download) and exceptions (request, decide)."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from duaal.access import VisibleObjectMixin
from duaal.accounts import permissions as perms
from duaal.audit.selectors import timeline_for
from duaal.forms import ConfirmForm
from duaal.organisaties.models import Partnerschap
from duaal.views import vandaag_nu
from duaal.workflow import Refusals
from mentors import selectors
from mentors.forms import (
    UittrekselForm,
    UitzonderingBeslissingForm,
    UitzonderingForm,
)
from mentors.models import Mentor, Uittreksel, Uitzondering
from mentors.services import (
    kan_uittreksel_controleren,
    kan_uittreksel_opladen,
    kan_uitzondering_aanvragen,
    kan_uitzondering_beslissen,
    uittreksel_controleren,
    uittreksel_opladen,
    uitzondering_aanvragen,
    uitzondering_beslissen,
)

from .basis import BESTAND_OPENEN, ActieView, BestandView, kruimels_voor


class UittrekselOpladenView(ActieView):
    permission = perms.MENTOR_BEHEREN
    queryset = Mentor.objects.all()
    form_class = UittrekselForm
    titel = gettext_lazy("Upload a criminal-record extract")
    uitleg = gettext_lazy(
        "The extract from the criminal record, model 596.2, issued at most 1 year before the "
        "designation. Only your enterprise and the partnership that checks it can open the file; "
        "the portal deletes it after the check and keeps the date and who checked it."
    )
    knop = gettext_lazy("Upload")
    fout_veld = "uitgereikt_op"  # the issue date lies in the future
    validatiefout_veld = "bestand"  # not a PDF or image, too large, unreadable

    def mentor(self) -> Mentor:
        return self.object

    def guard(self) -> Refusals:
        return kan_uittreksel_opladen(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: UittrekselForm) -> Uittreksel:
        return uittreksel_opladen(
            mentor=self.object,
            bestand=form.cleaned_data["bestand"],
            uitgereikt_op=form.cleaned_data["uitgereikt_op"],
            door=self.request.actor,
        )

    def succesbericht(self, uittreksel: Uittreksel) -> str:
        return _("Extract issued on %(datum)s uploaded for %(mentor)s.") % {
            "datum": uittreksel.uitgereikt_op.strftime("%d/%m/%Y"),
            "mentor": self.object,
        }


class UittrekselControlerenView(ActieView):
    """The deciding partnership has seen the extract: the portal keeps 'checked on D by C' and
    deletes the file after the partnership's retention days (S7)."""

    permission = perms.MENTOR_BEOORDELEN
    queryset = Uittreksel.objects.select_related("mentor", "partnerschap")
    form_class = ConfirmForm
    template_name = "mentors/uittreksel_controleren.html"
    titel = gettext_lazy("Check the criminal-record extract")
    uitleg = gettext_lazy(
        "Confirm that you have seen the extract. The portal then keeps the issue date and who "
        "checked it, and deletes the file after your partnership's retention period."
    )
    knop = gettext_lazy("Mark as checked")

    def guard(self) -> Refusals:
        return kan_uittreksel_controleren(self.object, door=self.request.actor, now=timezone.now())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            uittreksel=self.object,
            mag_bestanden=self.request.actor.has_perm(BESTAND_OPENEN),
            **kwargs,
        )

    def uitvoeren(self, form: ConfirmForm) -> Uittreksel:
        return uittreksel_controleren(uittreksel=self.object, door=self.request.actor)

    def succesbericht(self, uittreksel: Uittreksel) -> str:
        return _("Extract of %(mentor)s marked as checked; the file is deleted on %(datum)s.") % {
            "mentor": uittreksel.mentor,
            "datum": uittreksel.verwijderen_na.strftime("%d/%m/%Y"),
        }


class UittrekselBestandView(BestandView):
    queryset = Uittreksel.objects.all()  # strict S7 visibility: employer and deciding partnership
    veld = "bestand"

    def bestandsnaam(self) -> str:
        return f"uittreksel-596-2-{self.object.uitgereikt_op:%Y-%m-%d}"


class UitzonderingAanvragenView(ActieView):
    permission = perms.MENTOR_BEHEREN
    queryset = Mentor.objects.all()
    form_class = UitzonderingForm
    titel = gettext_lazy("Request an exception")
    uitleg = gettext_lazy(
        "On proof of prior education the partnership can allow a mentor from 23 instead of 25, "
        "or waive the 5 years of experience. It decides with a motivation."
    )
    knop = gettext_lazy("Request the exception")
    validatiefout_veld = "bewijs"

    def mentor(self) -> Mentor:
        return self.object

    def partnerschappen(self) -> QuerySet[Partnerschap]:
        return (
            Partnerschap.objects.filter(opleidingen__mentortoewijzingen__mentor=self.object)
            .distinct()
            .order_by("naam", "pk")
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "partnerschappen": self.partnerschappen()}

    def guard(self) -> Refusals:
        return kan_uitzondering_aanvragen(self.object, door=self.request.actor, now=timezone.now())

    def uitvoeren(self, form: UitzonderingForm) -> Uitzondering:
        return uitzondering_aanvragen(
            mentor=self.object,
            partnerschap=form.cleaned_data["partnerschap"],
            soort=form.cleaned_data["soort"],
            bewijs=form.cleaned_data["bewijs"],
            toelichting=form.cleaned_data["toelichting"],
            door=self.request.actor,
        )

    def succes_url(self, uitzondering: Uitzondering) -> str:
        return uitzondering.get_absolute_url()

    def succesbericht(self, uitzondering: Uitzondering) -> str:
        return _("Exception requested from %(partnerschap)s.") % {
            "partnerschap": uitzondering.partnerschap
        }


class UitzonderingDetailView(VisibleObjectMixin, TemplateView):
    permission = perms.MENTOR_BEKIJKEN
    queryset = Uitzondering.objects.select_related(
        "mentor__onderneming", "partnerschap", "aangevraagd_door", "beslist_door"
    ).prefetch_related("mentor__uitzonderingen", "mentor__uittreksels")
    template_name = "mentors/uitzondering_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        actor, uitzondering = self.request.actor, self.object
        return super().get_context_data(
            uitzondering=uitzondering,
            mentor=uitzondering.mentor,
            voorwaarden=selectors.voorwaarden(
                uitzondering.mentor, op=vandaag_nu(), partnerschap_id=uitzondering.partnerschap_id
            ),
            timeline=timeline_for(uitzondering),
            kruimels=kruimels_voor(actor, uitzondering.mentor),
            kan_beslissen=kan_uitzondering_beslissen(
                uitzondering, door=actor, now=timezone.now()
            ).allowed,
            mag_bestanden=actor.has_perm(BESTAND_OPENEN),
            **kwargs,
        )


class UitzonderingBeslissenView(ActieView):
    permission = perms.MENTOR_BEOORDELEN
    queryset = Uitzondering.objects.select_related("mentor", "partnerschap")
    form_class = UitzonderingBeslissingForm
    template_name = "mentors/uitzondering_beslissen.html"
    titel = gettext_lazy("Decide on the exception")
    uitleg = gettext_lazy(
        "Grant or refuse the exception, with a written motivation. The employer is notified."
    )
    knop = gettext_lazy("Record the decision")

    def terug_url(self) -> str:
        return self.object.get_absolute_url()

    def guard(self) -> Refusals:
        return kan_uitzondering_beslissen(self.object, door=self.request.actor, now=timezone.now())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            uitzondering=self.object,
            mag_bestanden=self.request.actor.has_perm(BESTAND_OPENEN),
            **kwargs,
        )

    def uitvoeren(self, form: UitzonderingBeslissingForm) -> Uitzondering:
        return uitzondering_beslissen(
            uitzondering=self.object,
            toekennen=form.positief,
            motivatie=form.cleaned_data["motivatie"],
            door=self.request.actor,
        )

    def succesbericht(self, uitzondering: Uitzondering) -> str:
        return _("Exception for %(mentor)s: %(status)s. The employer has been notified.") % {
            "mentor": uitzondering.mentor,
            "status": uitzondering.get_status_display().lower(),
        }


class UitzonderingBewijsView(BestandView):
    queryset = Uitzondering.objects.all()
    veld = "bewijs"

    def bestandsnaam(self) -> str:
        return "bewijs-vooropleiding"
