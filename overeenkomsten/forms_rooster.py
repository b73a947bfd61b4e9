"""The timetable annex as the coach enters it: a repeating week (the week formset of forms.py)
or a sequence of periods, each with its own week of blocks. Plain forms and formsets under
their own prefixes, so the page works without script; empty period rows are ignored and the
page always offers a few more than are filled in."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from duaal.forms import DatumField, PortalForm

from .forms import BaseUurroosterFormSet, BlokForm
from .models import Overeenkomst, RoosterPeriode, Roostersoort
from .rooster import Periode

EXTRA_PERIODES, MAX_PERIODES = 3, 60
AANTAL_VELD = "periodes-aantal"


class RoostersoortForm(PortalForm):
    roostersoort = forms.ChoiceField(
        label=_("Kind of timetable"),
        choices=Roostersoort.choices,
        initial=Roostersoort.WEEK,
        widget=forms.RadioSelect,
        # Not chosen (a page without the choice): the repeating week, as before periods.
        required=False,
        error_messages={"invalid_choice": _("Choose a repeating week or a sequence of periods.")},
    )


class PeriodeForm(PortalForm):
    """One period: its kind and dates; an empty row is ignored."""

    soort = forms.ChoiceField(
        label=_("Kind of period"),
        choices=[("", "---------"), *RoosterPeriode.Soort.choices],
        required=False,
    )
    van = DatumField(label=_("From"), required=False)
    tot = DatumField(label=_("Until"), required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        ingevuld = [veld for veld in ("soort", "van", "tot") if cleaned.get(veld)]
        if ingevuld and len(ingevuld) < 3 and not self.errors:
            raise ValidationError(_("Fill in the kind of period and both dates, or none."))
        if len(ingevuld) == 3 and cleaned["tot"] < cleaned["van"]:
            raise ValidationError(_("A period ends on or after the day it starts."))
        return cleaned

    def ingevuld(self) -> bool:
        return bool(self.cleaned_data.get("soort"))


def _blokken_formset(aantal: int) -> type[BaseUurroosterFormSet]:
    return forms.formset_factory(  # type: ignore[return-value]
        BlokForm,
        formset=BaseUurroosterFormSet,
        extra=max(8 - aantal, 2),
        max_num=28,
        validate_max=True,
    )


class PeriodeRij:
    """A period row and its week."""

    def __init__(self, data: QueryDict | None, index: int, initieel: dict[str, Any]) -> None:
        blokken = initieel.get("blokken", [])
        self.nummer = index + 1
        self.form = PeriodeForm(
            data, prefix=f"periode-{index}", initial={k: initieel.get(k) for k in PERIODE_VELDEN}
        )
        klasse = _blokken_formset(len(blokken))
        prefix = f"periode-{index}-blok"
        # A posted page without this period's rows (the repeating week's page of before):
        # the rows stay unbound rather than report a missing management form.
        if data is not None and f"{prefix}-TOTAL_FORMS" in data:
            self.week = klasse(data, prefix=prefix)
        else:
            self.week = klasse(initial=blokken, prefix=prefix)

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.week.is_valid()])


PERIODE_VELDEN = ("soort", "van", "tot")


class RoosterInvoer:
    """The choice of timetable and the period rows, validated together."""

    def __init__(
        self,
        data: QueryDict | None = None,
        *,
        roostersoort: str = Roostersoort.WEEK,
        periodes: list[dict[str, Any]] | None = None,
    ) -> None:
        periodes = periodes or []
        self.keuze = RoostersoortForm(data, initial={"roostersoort": roostersoort})
        aantal = len(periodes) + EXTRA_PERIODES
        if data is not None:
            try:
                aantal = int(data.get(AANTAL_VELD, aantal))
            except ValueError:
                pass
        aantal = min(max(aantal, 1), MAX_PERIODES)
        self.rijen = [
            PeriodeRij(data, i, periodes[i] if i < len(periodes) else {}) for i in range(aantal)
        ]
        self.aantal_veld = AANTAL_VELD

    @property
    def gekozen_periodes(self) -> bool:
        keuze = self.keuze.cleaned_data.get("roostersoort") if self.keuze.is_bound else None
        return (keuze or self.keuze.initial.get("roostersoort")) == Roostersoort.PERIODES

    def is_valid(self) -> bool:
        """The choice, and the period rows when periods are chosen (a repeating week leaves
        the period rows alone: they are not stored)."""
        if not self.keuze.is_valid():
            return False
        if not self.gekozen_periodes:
            return True
        geldig = all([rij.is_valid() for rij in self.rijen])
        for rij in self.rijen:
            if rij.form.is_valid() and not rij.form.ingevuld() and rij.week.blokken():
                rij.form.add_error(None, _("Fill in the kind and dates of this period's week."))
                geldig = False
        return geldig

    def periodes(self) -> list[Periode]:
        gevuld = [rij for rij in self.rijen if rij.form.ingevuld()]
        return [
            Periode(
                volgorde=nummer,
                soort=rij.form.cleaned_data["soort"],
                van=rij.form.cleaned_data["van"],
                tot=rij.form.cleaned_data["tot"],
                blokken=tuple(rij.week.blokken()),
            )
            for nummer, rij in enumerate(gevuld, start=1)
        ]

    def inhoud(self, week: BaseUurroosterFormSet) -> dict[str, Any]:
        """The timetable keywords of the drafting services' `Inhoud`."""
        if self.gekozen_periodes:
            return {
                "roostersoort": Roostersoort.PERIODES,
                "blokken": [],
                "periodes": self.periodes(),
            }
        return {"roostersoort": Roostersoort.WEEK, "blokken": week.blokken(), "periodes": None}


def periodes_initieel(overeenkomst: Overeenkomst) -> list[dict[str, Any]]:
    """The stored periods as the form's initial rows (two queries)."""
    per_periode: dict[int, list[dict[str, Any]]] = {}
    for r in overeenkomst.uurrooster.exclude(periode=None).order_by("dag", "van"):
        if r.periode_id is not None:
            per_periode.setdefault(r.periode_id, []).append(
                {"dag": r.dag, "plaats": r.plaats, "van": r.van, "tot": r.tot}
            )
    return [
        {"soort": p.soort, "van": p.van, "tot": p.tot, "blokken": per_periode.get(p.pk, [])}
        for p in overeenkomst.roosterperiodes.all()
    ]


__all__ = ["PeriodeForm", "RoosterInvoer", "RoostersoortForm", "periodes_initieel"]
