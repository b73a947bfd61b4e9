"""The partnership's form for a programme's rules: the version's own fields, and one formset
each for its phases, prerequisites and contract-type alternatives (empty rows to add one, a
tick to remove one; no script adds rows: CSP)."""

from dataclasses import asdict
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout

from django import forms
from django.utils.translation import gettext_lazy as _

from duaal.forms import PortalForm

from .constants import Overeenkomsttype
from .opleidingsregels import FaseContext, LeeftijdPeil, Sector
from .opleidingsregels_gegevens import (
    AlternatiefGegevens,
    FaseGegevens,
    Regelgegevens,
    VooropleidingGegevens,
)

LEEG: list[tuple[str, Any]] = [("", "---------")]


def _getal(label: Any, maximum: int, *, minimum: int = 0, **kwargs: Any) -> forms.IntegerField:
    # Bounded, so that no typed number overflows the small integer columns.
    return forms.IntegerField(
        label=label, min_value=minimum, max_value=maximum, required=False, **kwargs
    )


def _dag(label: Any) -> forms.IntegerField:
    return _getal(label, 31, minimum=1)


def _maand(label: Any) -> forms.IntegerField:
    return _getal(label, 12, minimum=1)


def _uren(label: Any, *, required: bool) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=4,
        decimal_places=1,
        min_value=0,
        required=required,
        # "19,5" as Dutch users type it.
        localize=True,
    )


def _paar(titel: Any, prefix: str) -> Fieldset:
    return Fieldset(
        titel,
        Div(
            Div(f"{prefix}_dag", css_class="col-sm-3"),
            Div(f"{prefix}_maand", css_class="col-sm-3"),
            css_class="row",
        ),
    )


class OpleidingsregelsForm(PortalForm):
    """The version's own rules; a day/month pair left empty sets no such rule."""

    start_van_dag = _dag(_("Day"))
    start_van_maand = _maand(_("Month"))
    start_tot_dag = _dag(_("Day"))
    start_tot_maand = _maand(_("Month"))
    late_start_mits_leerling = forms.BooleanField(
        label=_("A later start only when the school already has a learner in the programme"),
        required=False,
    )
    einde_uiterlijk_dag = _dag(_("Day"))
    einde_uiterlijk_maand = _maand(_("Month"))
    max_duur_maanden = _getal(_("Maximum duration (months)"), 60, minimum=1)
    gemiddelde_werkplekuren = _uren(_("Average workplace hours per week"), required=True)
    minimumleeftijd = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=99)
    leeftijd_peil = forms.ChoiceField(
        label=_("The minimum age is reached"),
        choices=LeeftijdPeil.choices,
        widget=forms.RadioSelect,
    )
    leeftijd_peil_dag = _dag(_("Day"))
    leeftijd_peil_maand = _maand(_("Month"))
    maximumleeftijd = forms.IntegerField(label=_("Maximum age"), min_value=0, max_value=99)
    kwalificatieniveau = _getal(_("Qualification level (VKS)"), 99)
    werkplekaandeel_procent = _getal(_("Workplace share of the training time (%)"), 999)
    blokperiodes_toegestaan = forms.BooleanField(
        label=_("Full-time block periods at the workplace allowed"), required=False
    )
    medisch_onderzoek_verplicht = forms.BooleanField(
        label=_("Medical examination before hiring, organised and paid by the employer"),
        required=False,
    )
    dimona_verplicht = forms.BooleanField(
        label=_("Dimona ALT declared before the first working day"), required=False
    )
    toelichting = forms.CharField(
        label=_("Explanation for employers"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The version the page showed: a save over someone else's newer version is refused.
    stand = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            _paar(_("Earliest start"), "start_van"),
            _paar(_("Latest start"), "start_tot"),
            "late_start_mits_leerling",
            _paar(_("Latest end"), "einde_uiterlijk"),
            "max_duur_maanden",
            "gemiddelde_werkplekuren",
            Fieldset(
                _("Age of the learner"),
                "minimumleeftijd",
                "leeftijd_peil",
                Div(
                    Div("leeftijd_peil_dag", css_class="col-sm-3"),
                    Div("leeftijd_peil_maand", css_class="col-sm-3"),
                    css_class="row",
                ),
                "maximumleeftijd",
            ),
            Fieldset(
                _("Premium and organisation"),
                "kwalificatieniveau",
                "werkplekaandeel_procent",
                "blokperiodes_toegestaan",
            ),
            Fieldset(_("Employer formalities"), "medisch_onderzoek_verplicht", "dimona_verplicht"),
            "toelichting",
            "stand",
        )


class FaseForm(PortalForm):
    volgorde = forms.IntegerField(label=_("Order"), min_value=1, max_value=20)
    naam = forms.CharField(label=_("Name of the phase"), max_length=120)
    context = forms.ChoiceField(label=_("Workplace context"), choices=LEEG + FaseContext.choices)
    min_maanden = _getal(_("Minimum months"), 60)
    max_maanden = _getal(_("Maximum months"), 60)
    inschrijvingsnummer_vereist = forms.BooleanField(
        label=_("Registration number as care assistant required before this phase"),
        required=False,
    )
    begeleide_dagen_eerste_maand = _getal(_("Supervised days in the first month"), 31)
    evaluatie_na_maanden = _getal(_("Evaluation required after (months)"), 60)
    wekelijkse_feedback = forms.BooleanField(
        label=_("Weekly feedback by the mentor afterwards"), required=False
    )


class VooropleidingForm(PortalForm):
    naam = forms.CharField(label=_("Diploma or certificate"), max_length=300)
    bewijs = forms.CharField(label=_("Evidence the coach records"), max_length=300)


class AlternatiefForm(PortalForm):
    soort = forms.ChoiceField(label=_("Agreement type"), choices=LEEG + Overeenkomsttype.choices)
    # Not required here: the rules' own check names the alternative that lacks them.
    sectoren = forms.MultipleChoiceField(
        label=_("Sectors"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    uren_per_week = _uren(_("Workplace hours per week"), required=False)
    naam = forms.CharField(label=_("Name of the arrangement"), max_length=200)


def _formset(form: type[PortalForm]) -> type[forms.BaseFormSet]:
    return forms.formset_factory(form, extra=2, can_delete=True, max_num=12, validate_max=True)


FaseFormSet = _formset(FaseForm)
VooropleidingFormSet = _formset(VooropleidingForm)
AlternatiefFormSet = _formset(AlternatiefForm)


def _rijen(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    """The rows kept: filled in and not ticked for removal."""
    return [
        f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def regelgegevens(
    form: OpleidingsregelsForm,
    fases: forms.BaseFormSet,
    vooropleidingen: forms.BaseFormSet,
    alternatieven: forms.BaseFormSet,
) -> Regelgegevens:
    """The rules as typed, from valid forms."""
    c = form.cleaned_data
    velden = {k: v for k, v in c.items() if k != "stand"}
    velden["toelichting"] = c["toelichting"] or ""
    return Regelgegevens(
        **velden,
        fases=tuple(
            FaseGegevens(
                volgorde=r["volgorde"],
                naam=r["naam"],
                context=r["context"],
                min_maanden=r["min_maanden"],
                max_maanden=r["max_maanden"],
                inschrijvingsnummer_vereist=r["inschrijvingsnummer_vereist"],
                begeleide_dagen_eerste_maand=r["begeleide_dagen_eerste_maand"] or 0,
                evaluatie_na_maanden=r["evaluatie_na_maanden"],
                wekelijkse_feedback=r["wekelijkse_feedback"],
            )
            for r in _rijen(fases)
        ),
        vooropleidingen=tuple(
            VooropleidingGegevens(r["naam"], r["bewijs"]) for r in _rijen(vooropleidingen)
        ),
        alternatieven=tuple(
            AlternatiefGegevens(r["soort"], tuple(r["sectoren"]), r["uren_per_week"], r["naam"])
            for r in _rijen(alternatieven)
        ),
    )


def initial_uit(gegevens: Regelgegevens, stand: int | None) -> dict[str, Any]:
    """The main form's starting values: the rules in force."""
    return {**gegevens.velden(), "stand": stand or 0}


def rijen_uit(gegevens: Regelgegevens) -> dict[str, list[dict[str, Any]]]:
    """The formsets' starting rows, by prefix."""
    return {
        "fases": [asdict(f) for f in gegevens.fases],
        "vooropleidingen": [asdict(v) for v in gegevens.vooropleidingen],
        "alternatieven": [
            {**asdict(a), "sectoren": list(a.sectoren)} for a in gegevens.alternatieven
        ],
    }


__all__ = [
    "AlternatiefFormSet",
    "FaseFormSet",
    "OpleidingsregelsForm",
    "VooropleidingFormSet",
    "initial_uit",
    "regelgegevens",
    "rijen_uit",
]
