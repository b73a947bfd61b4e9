from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duaal.forms import PortalForm, PortalModelForm

from .models import CriteriumDocument, Vestiging
from .regels import DocumentEis
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


class RegelsForm(PortalForm):
    max_leerlingen_per_mentor = forms.IntegerField(
        label=_("Maximum learners per mentor"),
        min_value=1,
        max_value=50,
        help_text=_("Applies to agreements sent from now on; agreements already sent keep theirs."),
    )
    mentoropleiding_termijn_maanden = forms.IntegerField(
        label=_("Mentor training deadline (months)"),
        min_value=1,
        max_value=60,
        help_text=_(
            "Applies to mentors whose training clock starts from now on; running trainings "
            "keep their deadline."
        ),
    )
    escalatie_e_mail = forms.EmailField(
        label=_("Escalation address"),
        required=False,
        help_text=_(
            "Also receives the escalation when a decision term lapses, besides the partnership "
            "administrators. Leave empty if not needed."
        ),
    )


# Empty rows under a criterion's documents, for new ones; more after saving.
LEGE_DOCUMENTRIJEN = 3


class CriteriumForm(PortalForm):
    """A criterion and its documents: one row per document in force plus empty rows. A row
    whose name is emptied removes that document."""

    omschrijving = forms.CharField(
        label=_("Criterion"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the employer confirms, e.g. “The workplace has a first-aid kit.”"),
    )
    volgorde = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=999,
        initial=0,
        help_text=_("Criteria are listed from the lowest number."),
    )
    # The criteria version the page showed: a save over someone else's newer change is refused.
    stand = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, documenten: list[CriteriumDocument] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rijen: list[int | None] = [d.pk for d in documenten or []]
        self.rijen += [None] * LEGE_DOCUMENTRIJEN
        for i, pk in enumerate(self.rijen):
            document = next((d for d in documenten or [] if d.pk == pk), None)
            self.fields[f"doc_{i}_naam"] = forms.CharField(
                label=_("Document %(nummer)s") % {"nummer": i + 1},
                max_length=200,
                required=False,
                initial=document.naam if document else "",
            )
            self.fields[f"doc_{i}_per_mentor"] = forms.BooleanField(
                label=_("one per mentor"),
                required=False,
                initial=document.per_mentor if document else False,
            )
            self.fields[f"doc_{i}_verplicht"] = forms.BooleanField(
                label=_("required"),
                required=False,
                initial=document.verplicht if document else True,
            )

    def documentrijen(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"doc_{i}_naam"], self[f"doc_{i}_per_mentor"], self[f"doc_{i}_verplicht"])
            for i in range(len(self.rijen))
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        gezien: set[str] = set()
        for i in range(len(self.rijen)):
            naam = (cleaned.get(f"doc_{i}_naam") or "").strip()
            if naam and naam.casefold() in gezien:
                self.add_error(
                    f"doc_{i}_naam",
                    _("This criterion already asks a document with this name."),
                )
            gezien.add(naam.casefold())
        return cleaned

    def documenten(self) -> list[DocumentEis]:
        """The documents as the admin wants them; an emptied row is left out (removed)."""
        eisen = []
        for i, pk in enumerate(self.rijen):
            naam = self.cleaned_data[f"doc_{i}_naam"].strip()
            if naam:
                eisen.append(
                    DocumentEis(
                        naam=naam,
                        per_mentor=self.cleaned_data[f"doc_{i}_per_mentor"],
                        verplicht=self.cleaned_data[f"doc_{i}_verplicht"],
                        bestaand=pk,
                    )
                )
        return eisen
