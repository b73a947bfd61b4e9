"""Drafting and changing an agreement (R51, R54-R62): the coach fills the content and the
timetable annex; the guards' objections are listed above the form, nothing typed is lost."""

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts import permissions as perms
from duaal.organisaties.constants import Overeenkomsttype
from duaal.organisaties.models import Vestiging
from duaal.organisaties.programmaregels import Fase
from duaal.views import vandaag_nu
from duaal.workflow import Refusals
from mentors.models import MentorToewijzing
from mentors.selectors import geldige_toewijzingen
from overeenkomsten.constants import OvereenkomstStatus
from overeenkomsten.controles import voorcontrole
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.forms import OvereenkomstForm, uurrooster_formset
from overeenkomsten.forms_rooster import RoosterInvoer, periodes_initieel
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
from overeenkomsten.soorten import Keuze, betaalt_ggmmi, soort_keuzes, uurbedrag_tekst
from overeenkomsten.traject import regels_met_fases, volgende_fase, werkplek_voor_fase

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

    def rooster_initieel(self) -> dict[str, Any]:
        """The kind of timetable and the periods as stored (a new draft: a repeating week)."""
        return {}

    def get_rooster(self) -> RoosterInvoer:
        if self.request.method == "POST":
            return RoosterInvoer(self.request.POST)
        return RoosterInvoer(**self.rooster_initieel())

    def leervergoeding_tekst(self) -> str:
        raise NotImplementedError

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "toewijzingen": self.toewijzingen(),
            "soort": self.huidige_soort(),
            "keuzes": self.soort_keuzes(),
        }

    def huidige_soort(self) -> str:
        """The type the form starts from: the programme's (a change: the agreement's own)."""
        return self.opleiding().overeenkomsttype

    def soort_keuzes(self) -> list[Keuze]:
        """The programme's type and the alternatives this employer's confirmed sector opens."""
        if not hasattr(self, "_soort_keuzes"):
            vestiging = self.vestiging()
            self._soort_keuzes = soort_keuzes(
                opleiding=self.opleiding(),
                onderneming=vestiging.onderneming if vestiging else None,
                op=timezone.now(),
            )
        return self._soort_keuzes

    def get_formset(self):
        initieel = self.blokken_initieel()
        klasse = uurrooster_formset(len(initieel))
        if self.request.method == "POST":
            return klasse(self.request.POST, prefix="blok")
        return klasse(initial=initieel, prefix="blok")

    def leerling(self) -> Leerling:
        raise NotImplementedError

    def vestiging(self):
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form, self.formset = self.get_form(), self.get_formset()
        self.rooster = self.get_rooster()
        # Both validated (no short circuit), so the timetable rows' errors show on the first
        # submit too; the content checks the typed values allow stand beside them.
        form_geldig, rooster_geldig = form.is_valid(), self.formset.is_valid()
        if self.rooster.is_valid() and self.rooster.gekozen_periodes:
            rooster_geldig = True  # the repeating week's rows are not used
        elif self.rooster.gekozen_periodes or not self.rooster.keuze.is_valid():
            rooster_geldig = False
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
            periodes=self.rooster.periodes()
            if rooster_geldig and self.rooster.gekozen_periodes
            else None,
            vestiging=self.vestiging(),
            soort=c.get("soort"),
        ):
            form.add_error(None, fout)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        if not hasattr(self, "formset"):
            self.formset = self.get_formset()
        if not hasattr(self, "rooster"):
            self.rooster = self.get_rooster()
        return super().get_context_data(
            formset=self.formset,
            rooster=self.rooster,
            soort=Overeenkomsttype(self.huidige_soort()).label,
            is_oao=self.huidige_soort() == Overeenkomsttype.OAO,
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

    def vestiging(self):
        return self.object.werkplek

    def fases(self) -> tuple[Fase, ...]:
        """The programme's phases (none for most programmes): the form then asks which one
        the agreement covers."""
        if not hasattr(self, "_regels"):
            self._regels = regels_met_fases(self.object.opleiding, op=timezone.now())
        return self._regels.fases if self._regels else ()

    def fase_volgorde(self) -> int | None:
        """The phase the form is for: the one chosen, else the learner's next phase."""
        if not self.fases() or self._regels is None:
            return None
        gekozen = self.request.POST.get("fase_volgorde", "")
        if gekozen.isdigit():
            return int(gekozen)
        volgende = volgende_fase(self.object, self._regels)
        return volgende.volgorde if volgende else None

    def werkplek(self) -> Vestiging | None:
        """A later phase may be at the establishment whose employer accepted the learner
        for it (traject.py); otherwise the workplace the learner was approved for."""
        if not hasattr(self, "_werkplek"):
            self._werkplek = werkplek_voor_fase(self.object, self.fase_volgorde())
        return self._werkplek

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "fases": self.fases()}

    def toewijzingen(self) -> list[MentorToewijzing]:
        if not hasattr(self, "_toewijzingen"):
            werkplek = self.werkplek()
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
                werkplekuren=Decimal(leerling.opleiding.werkplekuren_per_week),
            )
        except OvereenkomstFout as fout:
            return fout.message
        if bedrag is None:
            return ""
        if not betaalt_ggmmi(leerling.opleiding.overeenkomsttype, op=vandaag_nu()):
            return uurbedrag_tekst(bedrag)
        return _(
            "%(bedrag)s per month at level %(niveau)s today; fixed from the GGMMI in force on "
            "the start date."
        ) % {"bedrag": euro(bedrag), "niveau": leerling.situatie}

    def guard(self) -> Refusals:
        return kan_opstellen(self.object, door=self.request.actor, now=timezone.now())

    def get_initial(self) -> dict[str, Any]:
        return {
            "werkplekuren_per_week": self.object.opleiding.werkplekuren_per_week,
            "fase_volgorde": self.fase_volgorde(),
        }

    def samenvatting(self) -> list[tuple[Any, Any]]:
        return [
            *super().samenvatting(),
            (gettext_lazy("Workplace"), self.werkplek() or "–"),
        ]

    def uitvoeren(self, form: OvereenkomstForm) -> Overeenkomst:
        return overeenkomst_opstellen(
            leerling=self.object,
            vestiging=self.werkplek(),
            inhoud=Inhoud(**form.inhoud(), **self.rooster.inhoud(self.formset)),
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

    def vestiging(self):
        return self.object.vestiging

    def huidige_soort(self) -> str:
        return self.object.soort

    def rooster_initieel(self) -> dict[str, Any]:
        o = self.object
        return {"roostersoort": o.roostersoort, "periodes": periodes_initieel(o)}

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
        if not betaalt_ggmmi(o.soort, op=o.start):
            return uurbedrag_tekst(o.leervergoeding)
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
            "soort": o.soort,
            "in_dienst_sinds": o.in_dienst_sinds,
        }

    def blokken_initieel(self) -> list[dict]:
        return [
            {"dag": r.dag, "plaats": r.plaats, "van": r.van, "tot": r.tot}
            for r in self.object.uurrooster.all()
            if r.periode_id is None
        ]

    def uitvoeren(self, form: OvereenkomstForm) -> Overeenkomst:
        return overeenkomst_wijzigen(
            overeenkomst=self.object,
            inhoud=Inhoud(**form.inhoud(), **self.rooster.inhoud(self.formset)),
            door=self.request.actor,
        )

    def succesbericht(self, overeenkomst: Overeenkomst) -> str:
        return _("Agreement saved (version %(v)s).") % {"v": overeenkomst.versie}
