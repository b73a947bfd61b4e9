"""Drafting and changing an agreement (R51, R54-R62): the coach fills the content and the
timetable annex; the guards' objections are listed above the form, nothing typed is lost."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts import permissions as perms
from duaal.organisaties.constants import Overeenkomsttype
from duaal.views import vandaag_nu
from duaal.workflow import Refusals
from mentors.models import MentorToewijzing
from mentors.selectors import geldige_toewijzingen
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.controles import voorcontrole
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.forms import OvereenkomstForm, uurrooster_formset
from overeenkomsten.leervergoeding import leervergoeding
from overeenkomsten.models import Leerling, Overeenkomst
from overeenkomsten.presenter import euro
from overeenkomsten.services import (
    Inhoud,
    kan_opstellen,
    kan_wijzigen,
    overeenkomst_opstellen,
    overeenkomst_wijzigen,
)

from .basis import LeerlingActieView, OvereenkomstActieView


class InhoudMixin:
    """The agreement form and the timetable formset, validated and shown together."""

    template_name = "overeenkomsten/overeenkomst_form.html"
    fout_veld = None

    def opleiding(self):
        raise NotImplementedError

    def toewijzingen(self) -> list[MentorToewijzing]:
        raise NotImplementedError

    def blokken_initieel(self) -> list[dict]:
        return []

    def leervergoeding_tekst(self) -> str:
        raise NotImplementedError

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "toewijzingen": self.toewijzingen(),
            "soort": self.opleiding().overeenkomsttype,
        }

    def get_formset(self):
        initieel = self.blokken_initieel()
        klasse = uurrooster_formset(len(initieel))
        if self.request.method == "POST":
            return klasse(self.request.POST, prefix="blok")
        return klasse(initial=initieel, prefix="blok")

    def leerling(self) -> Leerling:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, self.formset = self.get_form(), self.get_formset()
        # Both validated (no short circuit), so the timetable rows' errors show on the first
        # submit too; the content checks the typed values allow stand beside them.
        form_geldig, rooster_geldig = form.is_valid(), self.formset.is_valid()
        if form_geldig and rooster_geldig:
            return self.form_valid(form)
        self.voorcontrole_tonen(form, rooster_geldig=rooster_geldig)
        return self.form_invalid(form)

    def voorcontrole_tonen(self, form: OvereenkomstForm, *, rooster_geldig: bool) -> None:
        c = form.cleaned_data
        for fout in voorcontrole(
            leerling=self.leerling(),
            start=c.get("start"),
            einde=c.get("einde"),
            werkplekuren=c.get("werkplekuren_per_week"),
            blokken=self.formset.blokken() if rooster_geldig else None,
            op=vandaag_nu(),
        ):
            form.add_error(None, fout)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        opleiding = self.opleiding()
        if not hasattr(self, "formset"):
            self.formset = self.get_formset()
        return super().get_context_data(
            formset=self.formset,
            soort=Overeenkomsttype(opleiding.overeenkomsttype).label,
            is_oao=opleiding.overeenkomsttype == Overeenkomsttype.OAO,
            leervergoeding_tekst=self.leervergoeding_tekst(),
            geen_mentor=not self.toewijzingen(),
            **kwargs,
        )


class OvereenkomstOpstellenView(InhoudMixin, LeerlingActieView):
    """Draft the agreement for the workplace the learner was approved for."""

    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = OvereenkomstForm
    titel = gettext_lazy("Draft the agreement")
    knop = gettext_lazy("Save the draft")

    def opleiding(self):
        return self.object.opleiding

    def leerling(self) -> Leerling:
        return self.object

    def toewijzingen(self) -> list[MentorToewijzing]:
        if not hasattr(self, "_toewijzingen"):
            werkplek = self.object.werkplek
            self._toewijzingen = (
                geldige_toewijzingen(werkplek, self.object.opleiding, op=vandaag_nu())
                if werkplek
                else []
            )
        return self._toewijzingen

    def leervergoeding_tekst(self) -> str:
        leerling = self.object
        try:
            bedrag = leervergoeding(
                soort=leerling.opleiding.overeenkomsttype,
                situatie=leerling.situatie,
                start=vandaag_nu(),
            )
        except OvereenkomstFout as fout:
            return fout.message
        if bedrag is None:
            return ""
        return _(
            "%(bedrag)s per month at level %(niveau)s today; fixed from the GGMMI in force on "
            "the start date."
        ) % {"bedrag": euro(bedrag), "niveau": leerling.situatie}

    def guard(self) -> Refusals:
        return kan_opstellen(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        return {"werkplekuren_per_week": self.object.opleiding.werkplekuren_per_week}

    def samenvatting(self) -> list[tuple[Any, Any]]:
        leerling = self.object
        return [
            *super().samenvatting(),
            (gettext_lazy("Workplace"), leerling.werkplek or "–"),
        ]

    def uitvoeren(self, form: OvereenkomstForm) -> Overeenkomst:
        return overeenkomst_opstellen(
            leerling=self.object,
            vestiging=self.object.werkplek,
            inhoud=Inhoud(**form.inhoud(), blokken=self.formset.blokken()),
            door=self.request.actor,
        )

    def succes_url(self, overeenkomst: Overeenkomst) -> str:
        return overeenkomst.get_absolute_url()

    def succesbericht(self, overeenkomst: Overeenkomst) -> str:
        return _("Draft saved. Check it and send it to the parties for approval.")


class OvereenkomstBewerkenView(InhoudMixin, OvereenkomstActieView):
    """Change the content; awaiting approval, a change makes a new version and every approval
    is reset (the service tells the parties)."""

    permission = perms.OVEREENKOMST_OPSTELLEN
    form_class = OvereenkomstForm
    titel = gettext_lazy("Change the agreement")
    knop = gettext_lazy("Save")

    def opleiding(self):
        return self.object.opleiding

    def leerling(self) -> Leerling:
        return self.object.leerling

    def toewijzingen(self) -> list[MentorToewijzing]:
        if not hasattr(self, "_toewijzingen"):
            o = self.object
            geldig = geldige_toewijzingen(o.vestiging, o.opleiding, op=vandaag_nu())
            # The current mentor stays selectable; the guards say if they no longer qualify.
            if o.toewijzing_id not in {t.pk for t in geldig}:
                geldig.append(o.toewijzing)
            self._toewijzingen = geldig
        return self._toewijzingen

    def leervergoeding_tekst(self) -> str:
        o = self.object
        if o.leervergoeding is None:
            return ""
        return _("%(bedrag)s per month at level %(niveau)s.") % {
            "bedrag": euro(o.leervergoeding),
            "niveau": o.situatie,
        }

    @property
    def uitleg(self) -> str:
        if self.object.status == OvereenkomstStatus.TER_GOEDKEURING:
            return _(
                "The agreement awaits approval: a change makes version %(v)s, every approval is "
                "reset and the parties are asked again."
            ) % {"v": self.object.versie + 1}
        return ""

    def guard(self) -> Refusals:
        return kan_wijzigen(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        o = self.object
        velden = ["start", "einde", "werkplekuren_per_week", "opleidingsplan", "vakantiebijlage"]
        return {veld: getattr(o, veld) for veld in velden} | {
            "toewijzing": o.toewijzing,
            "loon_sectorschaal": o.loon_sectorschaal,
        }

    def blokken_initieel(self) -> list[dict]:
        return [
            {"dag": r.dag, "plaats": r.plaats, "van": r.van, "tot": r.tot}
            for r in self.object.uurrooster.all()
        ]

    def uitvoeren(self, form: OvereenkomstForm) -> Overeenkomst:
        return overeenkomst_wijzigen(
            overeenkomst=self.object,
            inhoud=Inhoud(**form.inhoud(), blokken=self.formset.blokken()),
            door=self.request.actor,
        )

    def succesbericht(self, overeenkomst: Overeenkomst) -> str:
        return _("Agreement saved (version %(v)s).") % {"v": overeenkomst.versie}
