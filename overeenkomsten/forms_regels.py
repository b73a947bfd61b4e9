"""The forms of the programme's rules on the learner and agreement pages: the coach records a
learner's prerequisite, the employer its formalities. They validate input; the services decide."""

from django import forms
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from duaal.forms import DatumField, PortalForm
from duaal.organisaties.models import Vooropleiding

from .models import LeerlingVooropleiding, Overeenkomst


def _label(model, veld: str) -> str:
    return capfirst(model._meta.get_field(veld).verbose_name)


class VooropleidingForm(PortalForm):
    vooropleiding = forms.ModelChoiceField(
        label=_("Diploma or certificate"),
        queryset=Vooropleiding.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choose the diploma or certificate the learner holds."),
            "invalid_choice": _("Choose one of the programme's diplomas or certificates."),
        },
    )
    bewijs = forms.CharField(
        label=_label(LeerlingVooropleiding, "bewijs"),
        max_length=300,
        help_text=_("What the programme asks, e.g. the diploma's number and date."),
        error_messages={"required": _("Record the evidence of the diploma or certificate.")},
    )
    behaald_op = DatumField(
        label=_label(LeerlingVooropleiding, "behaald_op"),
        required=False,
        future_message=_("The date obtained cannot lie in the future."),
    )

    def __init__(self, *args, vooropleidingen: QuerySet[Vooropleiding], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["vooropleiding"]
        veld.queryset = vooropleidingen
        veld.label_from_instance = lambda v: f"{v.naam} ({_('evidence')}: {v.bewijs})"


class VooropleidingVerwijderenForm(PortalForm):
    record = forms.ModelChoiceField(
        label=_("Recorded prior qualification"),
        queryset=LeerlingVooropleiding.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("Choose the record to remove."),
            "invalid_choice": _("Choose one of the learner's recorded qualifications."),
        },
    )

    def __init__(self, *args, records: QuerySet[LeerlingVooropleiding], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["record"]
        veld.queryset = records
        veld.label_from_instance = lambda r: f"{r.vooropleiding.naam}: {r.bewijs}"


class FormaliteitenForm(PortalForm):
    medisch_onderzoek_op = DatumField(
        label=_label(Overeenkomst, "medisch_onderzoek_op"),
        required=False,
        future_message=_("Record the medical examination once it took place."),
    )
    dimona_op = DatumField(
        label=_label(Overeenkomst, "dimona_op"),
        required=False,
        future_message=_("Record the Dimona ALT once it was declared."),
    )
