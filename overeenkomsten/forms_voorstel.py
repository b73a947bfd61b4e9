"""Forms for proposals: the coach proposes a learner, the employer accepts or refuses."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duaal.forms import DatumField, PortalForm
from duaal.organisaties.models import Vestiging

from .services.voorstel import nummer_normaliseren


def _werkplek_label(v: Vestiging) -> str:
    return f"{v.onderneming.naam} – {v.naam} ({v.postcode} {v.gemeente})"


class VoorstelForm(PortalForm):
    """A listed workplace, or the exact number of one that is not listed."""

    vestiging = forms.ModelChoiceField(
        label=_("Workplace"),
        queryset=Vestiging.objects.none(),
        to_field_name="public_id",
        required=False,
        help_text=_(
            "Workplaces recognised for the programme that are published, or whose employer "
            "already works with your school."
        ),
    )
    nummer = forms.CharField(
        label=_("Or the number of a workplace that is not listed"),
        required=False,
        max_length=20,
        help_text=_(
            "The establishment unit number, or the enterprise number (KBO): the employer then "
            "picks the establishment."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    bericht = forms.CharField(
        label=_("Message to the employer"),
        required=False,
        max_length=2000,
        help_text=_("Optional: why this learner fits this workplace. No personal data."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, vestigingen: QuerySet[Vestiging], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vestiging"].queryset = vestigingen
        self.fields["vestiging"].label_from_instance = _werkplek_label

    def clean_nummer(self) -> str:
        nummer = self.cleaned_data.get("nummer", "").strip()
        return nummer_normaliseren(nummer) if nummer else ""

    def clean(self) -> dict:
        cleaned = super().clean()
        gekozen = cleaned.get("vestiging") is not None
        getypt = bool(cleaned.get("nummer"))
        if gekozen == getypt and not self.errors:
            raise ValidationError(
                _("Choose a workplace from the list, or type a number: one of the two.")
            )
        return cleaned


class AanvaardenForm(PortalForm):
    """The employer gives its intake date and, for a proposal to the enterprise, the
    establishment where the learner trains."""

    vestiging = forms.ModelChoiceField(
        label=_("Establishment"),
        queryset=Vestiging.objects.none(),
        to_field_name="public_id",
        help_text=_("Your establishments recognised for the learner's programme."),
    )
    intake_op = DatumField(
        label=_("Intake interview on"),
        help_text=_("The day you met the learner; day/month/year, e.g. 30/07/2026."),
    )

    def __init__(self, *args, vestigingen: QuerySet[Vestiging] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if vestigingen is None:  # the school proposed one establishment
            del self.fields["vestiging"]
        else:
            self.fields["vestiging"].queryset = vestigingen
            self.fields["vestiging"].label_from_instance = _werkplek_label


class WeigerenForm(PortalForm):
    reden = forms.CharField(
        label=_("Why you refuse"),
        max_length=2000,
        help_text=_("The school's coach reads this."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you refuse: the school reads your reason.")},
    )
