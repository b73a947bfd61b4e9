"""Forms for the recognition screens: they validate input; the services decide and record."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from duaal.forms import MAATREGEL_EINDE, DatumField, PortalForm, UploadField, text_field
from duaal.invoer import has_control_characters
from duaal.organisaties.constants import OrganisatieSoort
from duaal.organisaties.models import CriteriumDocument, Opleiding, Organisatie, Vestiging
from duaal.organisaties.validators import validate_postcode
from mentors.models import Mentor

from .constants import OPEN_STATUSSEN, AanvraagStatus, SanctieSoort
from .models import CriteriumAntwoord

VERKLARING_OP_EER = _(
    "I declare on my honour, for the enterprise, that the information in this application and "
    "its documents is true and complete, that the enterprise meets the criteria ticked, and "
    "that it will honour the engagements that come with the recognition and with the "
    "agreements it signs."
)


def _opleiding_label(opleiding: Opleiding) -> str:
    return f"{opleiding.officiele_naam} ({opleiding.code}) – {opleiding.partnerschap.naam}"


def actieve_opleidingen() -> QuerySet[Opleiding]:
    return (
        Opleiding.objects.filter(actief=True)
        .select_related("partnerschap")
        .order_by("officiele_naam", "pk")
    )


class AanvraagNieuwForm(PortalForm):
    """Choose the establishment and programme. An organisation filing under mandates sees the
    establishments grouped per enterprise that mandated it (R4)."""

    vestiging = forms.ChoiceField(label=_("Establishment"))
    opleiding = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Opleiding.objects.none(),
        to_field_name="public_id",
        help_text=_("The application goes to the partnership competent for the programme."),
    )

    def __init__(self, *args, vestigingen: QuerySet[Vestiging], gegroepeerd: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self._vestigingen = {str(v.public_id): v for v in vestigingen}
        if gegroepeerd:
            groepen: dict[str, list[tuple[str, str]]] = {}
            for sleutel, v in self._vestigingen.items():
                groepen.setdefault(v.onderneming.naam, []).append((sleutel, self._label(v)))
            keuzes: list = [("", "---------"), *groepen.items()]
            self.fields["vestiging"].help_text = _(
                "The establishments of the enterprises that gave your organisation a mandate."
            )
        else:
            keuzes = [("", "---------")]
            keuzes += [(k, self._label(v)) for k, v in self._vestigingen.items()]
        self.fields["vestiging"].choices = keuzes
        self.fields["opleiding"].queryset = actieve_opleidingen()
        self.fields["opleiding"].label_from_instance = _opleiding_label

    @staticmethod
    def _label(vestiging: Vestiging) -> str:
        return f"{vestiging.naam} ({vestiging.postcode} {vestiging.gemeente})"

    def clean_vestiging(self) -> Vestiging:
        return self._vestigingen[self.cleaned_data["vestiging"]]


class AanvraagBewerkenForm(PortalForm):
    """A tick and an explanation per criterion of the partnership (R7), and the named mentors
    from the enterprise's register. Drafts save and resume."""

    mentoren = forms.ModelMultipleChoiceField(
        label=_("Named mentors"),
        queryset=Mentor.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("At least one mentor is needed to submit. Register mentors in the register."),
    )

    def __init__(
        self,
        *args,
        antwoorden: list[CriteriumAntwoord],
        mentoren: QuerySet[Mentor],
        gekozen: list[Mentor],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.antwoorden = antwoorden
        self.criteria_velden: list[tuple[CriteriumAntwoord, str, str]] = []
        for antwoord in antwoorden:
            voldaan, toelichting = (
                f"voldaan_{antwoord.criterium_id}",
                f"toel_{antwoord.criterium_id}",
            )
            self.fields[voldaan] = forms.BooleanField(
                label=_("The enterprise meets this criterion"),
                required=False,
                initial=antwoord.voldaan,
            )
            self.fields[toelichting] = text_field(_("Explanation"), required=False, rows=2)
            self.fields[toelichting].initial = antwoord.toelichting
            self.criteria_velden.append((antwoord, voldaan, toelichting))
        self.fields["mentoren"].queryset = mentoren
        self.fields["mentoren"].initial = [m.public_id for m in gekozen]

    def criteria(self) -> list[tuple[CriteriumAntwoord, forms.BoundField, forms.BoundField]]:
        return [(a, self[v], self[t]) for a, v, t in self.criteria_velden]

    def antwoorden_data(self) -> dict[int, tuple[bool, str]]:
        return {
            a.criterium_id: (self.cleaned_data[v], self.cleaned_data[t].strip())
            for a, v, t in self.criteria_velden
        }


class DocumentForm(PortalForm):
    vereist = forms.TypedChoiceField(label=_("Document"), coerce=int)
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Mentor.objects.none(),
        to_field_name="public_id",
        required=False,
        help_text=_("Required for a document asked once per mentor, e.g. the 596.2 extract."),
    )
    bestand = UploadField(label=_("File"))

    def __init__(
        self, *args, vereisten: list[CriteriumDocument], mentoren: QuerySet[Mentor], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self._vereisten = {d.pk: d for d in vereisten}
        self.fields["vereist"].choices = [("", "---------")] + [
            (d.pk, self._label(d)) for d in vereisten
        ]
        self.fields["mentor"].queryset = mentoren

    @staticmethod
    def _label(document: CriteriumDocument) -> str:
        label = f"{document.naam} – {document.criterium.omschrijving}"
        if document.per_mentor:
            label += " · " + str(_("one per mentor"))
        if not document.verplicht:
            label += " · " + str(_("optional"))
        return label

    def clean_vereist(self) -> CriteriumDocument:
        return self._vereisten[self.cleaned_data["vereist"]]

    def clean(self) -> dict:
        cleaned = super().clean()
        vereist = cleaned.get("vereist")
        if vereist is not None and vereist.per_mentor and not cleaned.get("mentor"):
            self.add_error("mentor", _("Choose the mentor this document belongs to."))
        return cleaned


class IndienenForm(PortalForm):
    verklaring_op_eer = forms.BooleanField(
        label=VERKLARING_OP_EER,
        required=True,
        error_messages={"required": _("Sign the declaration on honour to submit.")},
    )


class OntbrekendForm(PortalForm):
    ontbrekend = text_field(
        _("What is missing"),
        _("The employer receives this text. The clock does not run until the file is complete."),
    )


class PlaatsbezoekForm(PortalForm):
    bezocht_op = DatumField(
        label=_("Visited on"),
        future_message=_("Record a site visit once it has taken place."),
    )
    verslag = text_field(_("Visit notes"))


class JaNeeMotiveringForm(PortalForm):
    """A two-way decision with a written motivation the enterprise receives."""

    JA, NEE = "ja", "nee"
    keuzes: list[tuple[str, str]] = []
    label: object = _("Decision")

    beslissing = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    motivering = text_field(_("Motivation"), _("Required. The enterprise receives it."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beslissing"].choices = self.keuzes
        self.fields["beslissing"].label = self.label

    @property
    def positief(self) -> bool:
        return self.cleaned_data["beslissing"] == self.JA


class AanvraagBeslissingForm(JaNeeMotiveringForm):
    keuzes = [
        (JaNeeMotiveringForm.JA, _("Approve: grant the recognition")),
        (JaNeeMotiveringForm.NEE, _("Refuse")),
    ]


class OntvankelijkheidForm(JaNeeMotiveringForm):
    label = _("Admissibility")
    keuzes = [
        (JaNeeMotiveringForm.JA, _("Admissible: confirm receipt")),
        (JaNeeMotiveringForm.NEE, _("Inadmissible")),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["motivering"].required = False
        self.fields["motivering"].help_text = _("Required when the appeal is inadmissible.")

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("beslissing") == self.NEE and not (cleaned.get("motivering") or "").strip():
            self.add_error("motivering", _("Say why the appeal is inadmissible."))
        return cleaned


class BeroepBeslissingForm(JaNeeMotiveringForm):
    label = _("Outcome")
    keuzes = [
        (JaNeeMotiveringForm.JA, _("Upheld: the decision is reversed")),
        (JaNeeMotiveringForm.NEE, _("Rejected: the decision stands")),
    ]


class BeroepForm(PortalForm):
    motivering = text_field(
        _("Motivated request for review"),
        _("Explain why the decision should be reviewed."),
        rows=6,
    )


class PublicatieForm(PortalForm):
    publiek_zichtbaar = forms.BooleanField(
        label=_("Show this workplace in the public search"),
        required=False,
        help_text=_("Learners and schools find it by programme and municipality."),
    )
    plaatsen_beschikbaar = forms.BooleanField(
        label=_("Places available"),
        required=False,
        help_text=_("Shown only when the workplace is in the public search."),
    )


class MachtigingForm(PortalForm):
    """Mandate a school or partnership. Partnerships are listed; a school is found by name or
    institution number first, so the page never lists every school of Flanders."""

    zoek = forms.CharField(widget=forms.HiddenInput, required=False)
    gemachtigde = forms.ModelChoiceField(
        label=_("Organisation to mandate"),
        queryset=Organisatie.objects.none(),
        to_field_name="public_id",
        help_text=_("It may then file applications for your enterprise."),
    )
    voor_aanvragen = forms.BooleanField(
        label=_("Applications for recognition"),
        required=False,
        initial=True,
        help_text=_("It may file applications for recognition for your enterprise."),
    )
    voor_leerlingen = forms.BooleanField(
        label=_("Learners and agreements"),
        required=False,
        help_text=_(
            "A school only: its coaches may match learners with your workplaces and draft "
            "agreements without you accepting each proposal. You still approve every agreement."
        ),
    )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not (cleaned.get("voor_aanvragen") or cleaned.get("voor_leerlingen")):
            # Added, not raised: the checks below still run in the same round.
            self.add_error(None, _("Choose what the mandate covers."))
        gemachtigde = cleaned.get("gemachtigde")
        if (
            cleaned.get("voor_leerlingen")
            and gemachtigde is not None
            and gemachtigde.soort != OrganisatieSoort.ONDERWIJSINSTELLING
        ):
            self.add_error(
                "voor_leerlingen",
                _("Only a training provider can be mandated for learners and agreements."),
            )
        return cleaned

    def __init__(self, *args, zoekterm: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        zoekterm = (self.data.get("zoek") if self.is_bound else zoekterm) or ""
        zoekterm = zoekterm.strip()[:100]
        if has_control_characters(zoekterm):
            zoekterm = ""  # the field refuses it (PortalForm); never into the school query
        self.fields["zoek"].initial = zoekterm
        scholen = Q(pk__in=[])
        if len(zoekterm) >= 3:
            scholen = Q(soort=OrganisatieSoort.ONDERWIJSINSTELLING) & (
                Q(naam__icontains=zoekterm) | Q(onderwijsinstelling__instellingsnummer=zoekterm)
            )
        self.fields["gemachtigde"].queryset = Organisatie.objects.filter(
            Q(soort=OrganisatieSoort.PARTNERSCHAP) | scholen
        ).order_by("soort", "naam", "pk")
        self.fields["gemachtigde"].label_from_instance = lambda o: (
            f"{o.naam} ({o.get_soort_display().lower()})"
        )


class SanctieForm(PortalForm):
    soort = forms.ChoiceField(
        label=_("Measure"), choices=SanctieSoort.choices, widget=forms.RadioSelect
    )
    motivering = text_field(_("Motivation"), _("Required. The enterprise receives it."))
    mentor = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=Mentor.objects.none(),
        to_field_name="public_id",
        required=False,
        help_text=_("Only for “mentor may no longer act”: a mentor designated here."),
    )
    tot = DatumField(
        bounds=MAATREGEL_EINDE,
        label=_("Until"),
        required=False,
        help_text=_("Day/month/year. Empty: definitive (e.g. a definitive exclusion)."),
    )

    def __init__(self, *args, mentoren: QuerySet[Mentor], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentoren

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("soort") == SanctieSoort.MENTOR_GESCHORST:
            if not cleaned.get("mentor"):
                self.add_error("mentor", _("Choose the mentor who may no longer act."))
        else:
            cleaned["mentor"] = None
        return cleaned


class WachtrijFilterForm(PortalForm):
    status = forms.ChoiceField(label=_("Status"), required=False)
    opleiding = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Opleiding.objects.none(),
        to_field_name="public_id",
        required=False,
    )

    def __init__(self, *args, partnerschap_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All open files"))] + [
            (s.value, s.label) for s in AanvraagStatus if s in OPEN_STATUSSEN
        ]
        self.fields["opleiding"].queryset = Opleiding.objects.filter(
            partnerschap_id=partnerschap_id
        ).order_by("officiele_naam", "pk")
        self.fields["opleiding"].empty_label = _("All programmes")
        self.fields["opleiding"].label_from_instance = lambda o: f"{o.officiele_naam} ({o.code})"


class ZoekForm(PortalForm):
    opleiding = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Opleiding.objects.none(),
        to_field_name="public_id",
        required=False,
    )
    plaats = forms.CharField(
        label=_("Postcode or municipality"),
        required=False,
        max_length=100,
        help_text=_("E.g. 9000 or Gent."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["opleiding"].queryset = actieve_opleidingen()
        self.fields["opleiding"].empty_label = _("All programmes")
        self.fields["opleiding"].label_from_instance = _opleiding_label

    def clean_plaats(self) -> str:
        plaats = self.cleaned_data["plaats"]
        if any(teken.isdigit() for teken in plaats) or plaats.startswith(("+", "-")):
            validate_postcode(plaats)  # a number is a postcode; a municipality has no digits
        return plaats
