"""Mentor training: planned and completed (employer), exempted (partnership), certificate."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts import permissions as perms
from duaal.workflow import Refusals
from mentors.forms import PlannenForm, VoltooienForm, VrijstellenForm
from mentors.models import Mentoropleiding
from mentors.services import (
    kan_mentoropleiding_plannen,
    kan_mentoropleiding_voltooien,
    kan_mentoropleiding_vrijstellen,
    mentoropleiding_plannen,
    mentoropleiding_voltooien,
    mentoropleiding_vrijstellen,
)

from .basis import ActieView, BestandView


def _datum(dag) -> str:
    return dag.strftime("%d/%m/%Y") if dag else "–"


class MentoropleidingActieView(ActieView):
    queryset = Mentoropleiding.objects.select_related("mentor", "partnerschap")

    def terug_url(self) -> str:
        return f"{self.object.mentor.get_absolute_url()}#opleidingen"

    def samenvatting(self) -> list[tuple[Any, Any]]:
        o = self.object
        return [
            (gettext_lazy("Mentor"), o.mentor),
            (gettext_lazy("Partnership"), o.partnerschap),
            (gettext_lazy("Status"), o.get_status_display()),
            (gettext_lazy("To be planned by"), _datum(o.plannen_uiterlijk_op)),
            (gettext_lazy("To be completed by"), _datum(o.voltooien_uiterlijk_op)),
            (gettext_lazy("Planned for"), _datum(o.gepland_op)),
        ]


class MentoropleidingPlannenView(MentoropleidingActieView):
    permission = perms.MENTOR_BEHEREN
    form_class = PlannenForm
    titel = gettext_lazy("Plan the mentor training")
    knop = gettext_lazy("Save the date")

    def guard(self) -> Refusals:
        return kan_mentoropleiding_plannen(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        return {"gepland_op": self.object.gepland_op}

    def uitvoeren(self, form: PlannenForm) -> Mentoropleiding:
        return mentoropleiding_plannen(
            opleiding=self.object,
            gepland_op=form.cleaned_data["gepland_op"],
            door=self.request.actor,
        )

    def succesbericht(self, opleiding: Mentoropleiding) -> str:
        return _("Mentor training of %(mentor)s planned for %(datum)s.") % {
            "mentor": opleiding.mentor,
            "datum": _datum(opleiding.gepland_op),
        }


class MentoropleidingVoltooienView(MentoropleidingActieView):
    permission = perms.MENTOR_BEHEREN
    form_class = VoltooienForm
    titel = gettext_lazy("Record the completed mentor training")
    knop = gettext_lazy("Save")
    fout_veld = "gevolgd_op"  # the completion date lies in the future
    validatiefout_veld = "certificaat"

    def guard(self) -> Refusals:
        return kan_mentoropleiding_voltooien(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def uitvoeren(self, form: VoltooienForm) -> Mentoropleiding:
        return mentoropleiding_voltooien(
            opleiding=self.object,
            gevolgd_op=form.cleaned_data["gevolgd_op"],
            certificaat=form.cleaned_data["certificaat"],
            door=self.request.actor,
        )

    def succesbericht(self, opleiding: Mentoropleiding) -> str:
        return _("Mentor training of %(mentor)s completed on %(datum)s.") % {
            "mentor": opleiding.mentor,
            "datum": _datum(opleiding.gevolgd_op),
        }


class MentoropleidingVrijstellenView(MentoropleidingActieView):
    permission = perms.MENTOR_BEOORDELEN
    form_class = VrijstellenForm
    titel = gettext_lazy("Exempt the mentor from the training")
    uitleg = gettext_lazy(
        "For a similar course already followed, or competence shown otherwise. The "
        "reason is kept in the dossier."
    )
    knop = gettext_lazy("Exempt")
    fout_veld = "reden"

    def guard(self) -> Refusals:
        return kan_mentoropleiding_vrijstellen(
            self.object, door=self.request.actor, now=timezone.now()
        )

    def uitvoeren(self, form: VrijstellenForm) -> Mentoropleiding:
        return mentoropleiding_vrijstellen(
            opleiding=self.object, reden=form.cleaned_data["reden"], door=self.request.actor
        )

    def succesbericht(self, opleiding: Mentoropleiding) -> str:
        return _("%(mentor)s is exempted from the mentor training.") % {"mentor": opleiding.mentor}


class MentoropleidingCertificaatView(BestandView):
    queryset = Mentoropleiding.objects.all()
    veld = "certificaat"

    def bestandsnaam(self) -> str:
        return "certificaat-mentoropleiding"
