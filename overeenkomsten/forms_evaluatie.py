"""Forms for evaluations, the class council and the home-care records: they validate the
input; the services decide."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from duaal.forms import DatumField, KeptFileInput, PortalForm, UploadField, text_field
from duaal.uploads import soort_van

from .models import BegeleideDag, Evaluatie, Feedbackmoment, KlassenraadBeslissing, Leerling
from .models.evaluatie import EvaluatieSoort, EvaluatieUitkomst


def _label(model: Any, veld: str) -> str:
    return str(capfirst(model._meta.get_field(veld).verbose_name))


class EvaluatieForm(PortalForm):
    datum = DatumField(
        label=_label(Evaluatie, "datum"),
        future_message=_("The date of the evaluation lies in the future."),
    )
    soort = forms.ChoiceField(label=_label(Evaluatie, "soort"), choices=EvaluatieSoort.choices)
    uitkomst = forms.ChoiceField(
        label=_label(Evaluatie, "uitkomst"),
        choices=EvaluatieUitkomst.choices,
        widget=forms.RadioSelect,
    )
    notities = text_field(_label(Evaluatie, "notities"), required=False, rows=3)
    verslag = text_field(
        _label(Evaluatie, "verslag"),
        _("Required when the evaluation is not positive: why, and what comes next."),
        required=False,
        rows=5,
    )
    document = UploadField(
        label=_("Document (optional)"),
        required=False,
        help_text=_("For example the signed evaluation form: a PDF of at most 10 MB."),
        widget=KeptFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_document(self) -> UploadedFile | None:
        document = self.cleaned_data.get("document")
        if isinstance(document, UploadedFile) and soort_van(document) != "pdf":
            raise ValidationError(_("Upload the evaluation document as a PDF."), code="soort")
        return document

    def clean(self) -> dict[str, Any]:
        gegevens = super().clean()
        if (
            gegevens.get("uitkomst") == EvaluatieUitkomst.NIET_POSITIEF
            and not (gegevens.get("verslag") or "").strip()
        ):
            self.add_error(
                "verslag", _("An evaluation that is not positive needs a motivated report.")
            )
        return gegevens


class KlassenraadForm(PortalForm):
    schooljaar = forms.IntegerField(
        label=_label(KlassenraadBeslissing, "schooljaar"),
        min_value=2000,
        max_value=2100,
        help_text=_("For example 2026 for 2026-2027."),
    )
    datum = DatumField(
        label=_label(KlassenraadBeslissing, "datum"),
        future_message=_("The date of the decision lies in the future."),
    )
    beslissing = forms.ChoiceField(
        label=_label(KlassenraadBeslissing, "beslissing"),
        choices=KlassenraadBeslissing.Beslissing.choices,
        widget=forms.RadioSelect,
    )
    toelichting = text_field(_label(KlassenraadBeslissing, "toelichting"), required=False)


class BegeleideDagForm(PortalForm):
    datum = DatumField(
        label=_label(BegeleideDag, "datum"),
        future_message=_("A supervised day is recorded once it took place."),
    )
    notities = forms.CharField(
        label=_label(BegeleideDag, "notities"), max_length=300, required=False
    )


class FeedbackForm(PortalForm):
    datum = DatumField(
        label=_label(Feedbackmoment, "datum"),
        future_message=_("A feedback moment is recorded once it took place."),
    )
    wijze = forms.ChoiceField(
        label=_label(Feedbackmoment, "wijze"), choices=Feedbackmoment.Wijze.choices
    )
    notities = text_field(_label(Feedbackmoment, "notities"), required=False, rows=3)


class InschrijvingsnummerForm(PortalForm):
    nummer = forms.CharField(
        label=_label(Leerling, "inschrijvingsnummer_verzorgende"),
        max_length=32,
        help_text=_("The number of the learner's registration as care assistant."),
    )
