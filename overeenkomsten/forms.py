"""Forms for the learner and agreement screens: they validate input; the services decide."""

from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from duaal.forms import (
    DatumField,
    GeboortedatumField,
    InszBirthDateMixin,
    InszField,
    PortalForm,
    PortalModelForm,
    UploadField,
    text_field,
)
from duaal.organisaties.constants import Overeenkomsttype
from duaal.organisaties.forms import PostcodeField
from duaal.organisaties.models import Opleiding, Vestiging
from duaal.organisaties.programmaregels import Fase
from mentors.models import MentorToewijzing

from .constants import (
    Advies,
    AdviesDoor,
    BeeindigingReden,
    Partij,
    SchorsingReden,
)
from .controles import Blok
from .models import Leerling, Overeenkomst, Schorsing, UurroosterRegel
from .services.leerling import GEGEVENS
from .soorten import Keuze


def _label(model, veld: str) -> str:
    """The model's verbose name: one label for a field everywhere it appears."""
    return capfirst(model._meta.get_field(veld).verbose_name)


def _tekst(label, *, help_text="", required: bool = True, rows: int = 4) -> forms.CharField:
    # An agreement's texts (the training plan, the holiday annex) run longer than a motivation.
    return text_field(label, help_text, required=required, rows=rows, max_length=8000)


class LeerlingForm(InszBirthDateMixin, PortalModelForm):
    """The learner's data as `leerling_registreren` and `leerling_wijzigen` take it. The INSZ
    is validated here; an edit never prints the stored number back into the page (S7)."""

    insz = InszField(
        label=_label(Leerling, "insz"),
        help_text=_("11 digits as on the identity card, e.g. 09.03.15-041.23."),
    )

    class Meta:
        model = Leerling
        fields = GEGEVENS
        field_classes = {
            "geboortedatum": GeboortedatumField,
            "start_lessen": DatumField,
            "postcode": PostcodeField,
        }
        help_texts = {
            "geboortedatum": _("Day/month/year, e.g. 15/03/2009."),
            "start_lessen": _("The 20 training days to sign an agreement count from here."),
            "vertegenwoordiger_naam": _("Required for a learner under 18."),
        }

    def __init__(self, *args, bewerken: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        opleiding = self.fields["opleiding"]
        opleiding.queryset = Opleiding.objects.filter(actief=True).order_by("officiele_naam", "pk")
        opleiding.to_field_name = "public_id"
        opleiding.label_from_instance = lambda o: f"{o.officiele_naam} ({o.code})"
        if bewerken:
            self.fields["insz"].required = False
            self.fields["insz"].help_text = _(
                "Leave empty to keep the number on file; type it in full only to correct it."
            )

    birth_date_mismatch_message = _(
        "This date of birth does not match the INSZ, which gives %(datum)s."
    )

    def _post_clean(self) -> None:
        # The service validates the learner and stores it; an empty INSZ on an edit means
        # "keep", which the model's own validation would refuse.
        pass

    def gegevens(self) -> dict:
        """The keyword arguments for the services; `opleiding` travels apart on registration."""
        gegevens = {veld: self.cleaned_data[veld] for veld in GEGEVENS}
        if not gegevens["insz"]:
            del gegevens["insz"]
        return gegevens


class ScreenenForm(PortalForm):
    advies = forms.ChoiceField(label=_label(Leerling, "advies"), choices=Advies.choices)
    advies_door = forms.ChoiceField(
        label=_label(Leerling, "advies_door"),
        choices=[("", "---------"), *AdviesDoor.choices],
        required=False,
        help_text=_("The class council of the previous training, or the coach when there is none."),
    )
    toelichting = _tekst(_label(Leerling, "advies_toelichting"), required=False)


class LeerlingGoedkeurenForm(PortalForm):
    arbeidsrijp = forms.TypedChoiceField(
        label=_("Outcome of the screening"),
        choices=[
            ("1", _("Ready and willing: approve for dual learning")),
            ("0", _("Willing but not yet ready: preparatory phase")),
        ],
        coerce=lambda waarde: waarde == "1",
        widget=forms.RadioSelect,
    )


class WerkplekForm(PortalForm):
    vestiging = forms.ModelChoiceField(
        label=_("Establishment"),
        queryset=Vestiging.objects.none(),
        to_field_name="public_id",
        help_text=_("Only establishments with a running recognition for the programme."),
    )
    intake_op = DatumField(label=_label(Leerling, "intake_op"))

    def __init__(self, *args, vestigingen: QuerySet[Vestiging], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vestiging"].queryset = vestigingen
        self.fields["vestiging"].label_from_instance = lambda v: (
            f"{v.onderneming.naam} – {v.naam} ({v.postcode} {v.gemeente})"
        )


class StoppenForm(PortalForm):
    reden = _tekst(_("Why the learner stops"), rows=3)


class HandtekeningBevestigenForm(PortalForm):
    """Binding: the representative ticks what it confirms, so nothing binds by a stray click."""

    ondertekend = forms.BooleanField(
        label=_("Our enterprise signed this version of the agreement on paper"),
        error_messages={"required": _("Tick the box to confirm that your enterprise signed.")},
    )


class HandtekeningVerifierenForm(PortalForm):
    nagegaan = forms.BooleanField(
        label=_("I checked with the party that it signed this version"),
        error_messages={"required": _("Tick the box once you checked it with the party.")},
    )


class BetwistenForm(PortalForm):
    """ "This is not ours": the reason goes to the partnership and the coach."""

    toelichting = _tekst(_("Why this signature is not yours"), rows=3)


class OvereenkomstForm(PortalForm):
    """The content of the agreement; the type follows the programme and is not a field (R56)."""

    toewijzing = forms.ModelChoiceField(
        label=_("Mentor"),
        queryset=MentorToewijzing.objects.none(),
        to_field_name="public_id",
        help_text=_("Only mentors who meet every condition today for this programme here."),
    )
    start = DatumField(label=_label(Overeenkomst, "start"))
    einde = DatumField(label=_label(Overeenkomst, "einde"))
    werkplekuren_per_week = forms.DecimalField(
        label=_label(Overeenkomst, "werkplekuren_per_week"),
        min_value=Decimal("0.5"),
        max_value=Decimal(38),
        max_digits=4,
        decimal_places=1,
        help_text=_("Averaged over the year; an OAO needs at least 20."),
    )
    opleidingsplan = _tekst(
        _label(Overeenkomst, "opleidingsplan"),
        rows=6,
        help_text=Overeenkomst._meta.get_field("opleidingsplan").help_text,
    )
    vakantiebijlage = _tekst(
        _label(Overeenkomst, "vakantiebijlage"),
        required=False,
        help_text=Overeenkomst._meta.get_field("vakantiebijlage").help_text,
    )
    loon_sectorschaal = forms.DecimalField(
        label=_label(Overeenkomst, "loon_sectorschaal"),
        min_value=Decimal(1),
        max_digits=8,
        decimal_places=2,
    )

    def __init__(
        self,
        *args,
        toewijzingen: list[MentorToewijzing],
        soort: str,
        fases: Sequence[Fase] = (),
        keuzes: Sequence[Keuze] = (),
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._soort_veld(soort, keuzes)
        if fases:
            # A programme of phases: one agreement per phase (overeenkomsten/traject.py).
            self.fields["fase_volgorde"] = forms.TypedChoiceField(
                label=_("Phase of the trajectory"),
                choices=[(f.volgorde, f"{f.volgorde}. {f.naam}") for f in fases],
                coerce=int,
                help_text=_("The phase this agreement covers; the next phase is chosen for you."),
                error_messages={"required": _("Choose the phase this agreement covers.")},
            )
            self.order_fields(["fase_volgorde"])
        veld = self.fields["toewijzing"]
        veld.queryset = MentorToewijzing.objects.filter(
            pk__in=[t.pk for t in toewijzingen]
        ).select_related("mentor")
        veld.label_from_instance = lambda t: str(t.mentor)
        soorten = {soort} | {k.soort for k in keuzes}
        if Overeenkomsttype.DA not in soorten:
            # R68: only a DA pays a wage; OAO and SAO have the learning allowance or nothing.
            del self.fields["loon_sectorschaal"]
        elif soorten != {Overeenkomsttype.DA}:
            self.fields["loon_sectorschaal"].required = False
            self.fields["loon_sectorschaal"].help_text = _("Only for a DA.")

    def _soort_veld(self, soort: str, keuzes: Sequence[Keuze]) -> None:
        """The type is the programme's (R56); a choice only where a confirmed sector opens a
        named alternative for this employer (soorten.py). An ODO(W) asks since when the
        learner works for the employer."""
        if len(keuzes) > 1:
            self.fields["soort"] = forms.ChoiceField(
                label=_label(Overeenkomst, "soort"),
                choices=[(k.soort, k.label) for k in keuzes],
                initial=soort,
                widget=forms.RadioSelect,
                help_text=_(
                    "The programme's type, or the alternative the partnership confirmed for "
                    "this employer's sector."
                ),
                error_messages={"required": _("Choose the agreement type.")},
            )
            self.order_fields(["soort"])
        if Overeenkomsttype.ODOW in {soort} | {k.soort for k in keuzes}:
            self.fields["in_dienst_sinds"] = DatumField(
                label=_label(Overeenkomst, "in_dienst_sinds"),
                required=False,
                help_text=_(
                    "An ODO(W) is done at the learner's own employer: the day the learner "
                    "started working there."
                ),
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        if (
            cleaned.get("soort") == Overeenkomsttype.DA
            and "loon_sectorschaal" in self.fields
            and not cleaned.get("loon_sectorschaal")
            and "loon_sectorschaal" not in self.errors
        ):
            self.add_error(
                "loon_sectorschaal",
                _("A DA pays the sector's wage scale: enter the monthly wage."),
            )
        return cleaned

    def inhoud(self) -> dict:
        inhoud = dict(self.cleaned_data)
        inhoud.setdefault("loon_sectorschaal", None)
        inhoud.setdefault("soort", None)
        inhoud.setdefault("in_dienst_sinds", None)
        return inhoud


class BlokForm(PortalForm):
    """One row of the timetable annex; an empty row is ignored."""

    dag = forms.TypedChoiceField(
        label=_("Day"),
        choices=[("", "---------"), *UurroosterRegel.Dag.choices],
        coerce=int,
        required=False,
    )
    plaats = forms.ChoiceField(
        label=_("Where"),
        choices=[("", "---------"), *UurroosterRegel.Plaats.choices],
        required=False,
    )
    van = forms.TimeField(label=_("From"), required=False, widget=forms.TimeInput(format="%H:%M"))
    tot = forms.TimeField(label=_("Until"), required=False, widget=forms.TimeInput(format="%H:%M"))

    def clean(self) -> dict:
        cleaned = super().clean()
        ingevuld = [veld for veld in ("dag", "plaats", "van", "tot") if cleaned.get(veld)]
        if ingevuld and len(ingevuld) < 4:
            raise ValidationError(_("Fill in the day, the place, and both times, or none."))
        if ingevuld and cleaned["tot"] <= cleaned["van"]:
            raise ValidationError(_("A block ends after it starts."))
        return cleaned

    def blok(self) -> Blok | None:
        c = self.cleaned_data
        if not c or not c.get("dag"):
            return None
        return Blok(c["dag"], c["plaats"], c["van"], c["tot"])


class BaseUurroosterFormSet(forms.BaseFormSet):
    def blokken(self) -> list[Blok]:
        return [b for form in self.forms if (b := form.blok()) is not None]


def uurrooster_formset(aantal: int):
    """Enough empty rows for a week with a lunch break (no script adds rows: CSP)."""
    return forms.formset_factory(
        BlokForm,
        formset=BaseUurroosterFormSet,
        extra=max(10 - aantal, 3),
        max_num=28,
        validate_max=True,
    )


class GoedkeurenForm(PortalForm):
    # The version the user read: approving after a change must not approve unseen content.
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PapierForm(PortalForm):
    # The version printed and signed: a scan of an older version must not count for a newer one.
    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    partij = forms.ChoiceField(label=_("Party who signed on paper"), choices=())
    naam = forms.CharField(label=_("Name of the person who signed"), max_length=200)
    scan = UploadField(label=_("Scan of the signed agreement"))

    def __init__(self, *args, partijen: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partij"].choices = [(p, Partij(p).label) for p in partijen]


class LinkOpnieuwForm(PortalForm):
    partij = forms.ChoiceField(label=_("Send a new personal link to"), choices=())

    def __init__(self, *args, partijen: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partij"].choices = [(p, Partij(p).label) for p in partijen]


class SchorsingForm(PortalForm):
    reden = forms.ChoiceField(label=_label(Schorsing, "reden"), choices=SchorsingReden.choices)
    van = DatumField(label=_label(Schorsing, "van"))
    tot = DatumField(label=_label(Schorsing, "tot"))
    toelichting = _tekst(_label(Schorsing, "toelichting"), required=False, rows=3)


class BeeindigenForm(PortalForm):
    reden = forms.ChoiceField(
        label=_label(Overeenkomst, "beeindiging_reden"), choices=BeeindigingReden.choices
    )
    laatste_dag = DatumField(label=_("Last day of the agreement"))
    toelichting = _tekst(
        _label(Overeenkomst, "beeindiging_toelichting"),
        required=False,
        rows=3,
        help_text=_("Required when the reason is “Other reason”."),
    )
