"""Forms for the mentor screens: they validate input; the services decide and record."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from duaal.forms import (
    DatumField,
    GeboortedatumField,
    InszBirthDateMixin,
    InszField,
    PortalForm,
    UploadField,
    text_field,
)
from duaal.organisaties.models import Onderneming, Opleiding, Partnerschap, Vestiging
from duaal.organisaties.selectors import vestigingen_van

from .constants import UitzonderingSoort
from .models import Mentor


class MentorForm(InszBirthDateMixin, PortalForm):
    voornaam = forms.CharField(label=_("First name"), max_length=100)
    achternaam = forms.CharField(label=_("Last name"), max_length=100)
    insz = InszField(help_text=_("11 digits as on the identity card, e.g. 85.07.30-033.28."))
    geboortedatum = GeboortedatumField(
        label=_("Date of birth"), help_text=_("Day/month/year, e.g. 30/07/1985.")
    )
    functie = forms.CharField(label=_("Job title"), max_length=150)
    jaren_ervaring = forms.IntegerField(
        label=_("Years of practical experience in the occupation"),
        min_value=0,
        max_value=70,
        help_text=_("At least 5 are required, unless the partnership grants an exception."),
    )
    e_mail = forms.EmailField(label=_("E-mail address"), required=False)
    telefoon = forms.CharField(label=_("Telephone"), max_length=30, required=False)

    def __init__(self, *args, onderneming: Onderneming, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.onderneming = onderneming

    def clean_insz(self) -> str:
        insz = self.cleaned_data["insz"]
        if Mentor.objects.filter(onderneming=self.onderneming, insz=insz).exists():
            raise ValidationError(
                _(
                    "Your enterprise already registered a mentor with this national register "
                    "number. Open that mentor in the register instead."
                ),
                code="duplicate",
            )
        return insz

    # InszBirthDateMixin: the date of birth lies in the past and matches the INSZ.
    birth_date_mismatch_message = _(
        "This date of birth does not match the national register number, which "
        "gives %(datum)s. Check both."
    )


class ToewijzingForm(PortalForm):
    vestiging = forms.ModelChoiceField(
        label=_("Establishment"), queryset=Vestiging.objects.none(), to_field_name="public_id"
    )
    opleiding = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Opleiding.objects.none(),
        to_field_name="public_id",
        help_text=_("The partnership competent for the programme reviews the designation."),
    )

    def __init__(self, *args, mentor: Mentor, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vestiging"].queryset = vestigingen_van(mentor.onderneming_id)
        self.fields["opleiding"].queryset = (
            Opleiding.objects.filter(actief=True)
            .select_related("partnerschap")
            .order_by("officiele_naam", "pk")
        )
        self.fields["opleiding"].label_from_instance = lambda o: (
            f"{o.officiele_naam} ({o.code}) – {o.partnerschap.naam}"
        )


class UittrekselForm(PortalForm):
    uitgereikt_op = DatumField(
        label=_("Issued on"),
        future_message=_("The issue date cannot lie in the future."),
        help_text=_("The date on the extract; at most 1 year before the designation."),
    )
    bestand = UploadField(label=_("Criminal-record extract (model 596.2)"))


class UitzonderingForm(PortalForm):
    soort = forms.ChoiceField(
        label=_("Exception"), choices=UitzonderingSoort.choices, widget=forms.RadioSelect
    )
    partnerschap = forms.ModelChoiceField(
        label=_("Partnership"),
        queryset=Partnerschap.objects.none(),
        to_field_name="public_id",
        help_text=_("The partnership competent for the programme the mentor is designated for."),
    )
    bewijs = UploadField(label=_("Proof of prior education"))
    toelichting = forms.CharField(
        label=_("Explanation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, partnerschappen: QuerySet[Partnerschap], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnerschap"].queryset = partnerschappen


class BeslissingForm(PortalForm):
    """Accept or refuse, always with a written motivation (the employer receives it)."""

    JA, NEE = "ja", "nee"
    keuzes: list[tuple[str, str]] = []

    beslissing = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    motivatie = text_field(
        _("Motivation"), _("Required. The employer receives it with the decision.")
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["beslissing"].choices = self.keuzes

    @property
    def positief(self) -> bool:
        return self.cleaned_data["beslissing"] == self.JA


class ToewijzingBeslissingForm(BeslissingForm):
    keuzes = [(BeslissingForm.JA, _("Accept the mentor")), (BeslissingForm.NEE, _("Refuse"))]


class UitzonderingBeslissingForm(BeslissingForm):
    keuzes = [
        (BeslissingForm.JA, _("Grant the exception")),
        (BeslissingForm.NEE, _("Refuse")),
    ]


class DeactiverenForm(PortalForm):
    reden = text_field(_("Reason"), _("E.g. the mentor left this establishment."))


class PlannenForm(PortalForm):
    gepland_op = DatumField(label=_("Planned for"))


class VoltooienForm(PortalForm):
    gevolgd_op = DatumField(
        label=_("Completed on"),
        future_message=_("The completion date cannot lie in the future."),
    )
    certificaat = UploadField(label=_("Certificate"))


class VrijstellenForm(PortalForm):
    reden = text_field(
        _("Reason for the exemption"),
        _("E.g. a similar course followed, or competence shown otherwise."),
    )
