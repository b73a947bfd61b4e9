from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duaal.forms import PortalModelForm

from .models import Vestiging
from .validators import normalise_kbo, normalise_vestigingseenheid, validate_postcode


def clean_postcode(value: str) -> str:
    value = value.strip()
    validate_postcode(value)
    return value


class PostcodeField(forms.CharField):
    """A Belgian postcode, 1000 to 9999, wherever one is typed (also as a model form's
    `field_classes` entry)."""

    default_validators = [validate_postcode]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 4)
        super().__init__(**kwargs)


class KboField(forms.CharField):
    """Accepts '0123.456.749', 'BE 0123456749' or '123456749'; cleans to 10 digits."""

    def clean(self, value: str) -> str:
        value = super().clean(value)
        return normalise_kbo(value) if value else value


class VestigingForm(PortalModelForm):
    # Wider than the stored 10 digits: people type the dotted form 2.123.456.791.
    vestigingseenheidsnummer = forms.CharField(
        label=_("establishment unit number"),
        max_length=20,
        help_text=_("10 digits starting with 2 to 8, as in the KBO."),
    )

    class Meta:
        model = Vestiging
        fields = [
            "naam",
            "vestigingseenheidsnummer",
            "straat",
            "huisnummer",
            "postcode",
            "gemeente",
        ]

    def clean_vestigingseenheidsnummer(self) -> str:
        nummer = normalise_vestigingseenheid(self.cleaned_data["vestigingseenheidsnummer"])
        bestaande = Vestiging.objects.filter(vestigingseenheidsnummer=nummer)
        if self.instance.pk:
            bestaande = bestaande.exclude(pk=self.instance.pk)
        if bestaande.exists():
            raise forms.ValidationError(
                _("This establishment unit is already registered in the portal."),
                code="duplicate",
            )
        return nummer

    def clean_postcode(self) -> str:
        return clean_postcode(self.cleaned_data["postcode"])
