"""What every portal form shares: the control-character check on every field, date fields
with plausible bounds, the upload, INSZ and multi-line text fields, and the confirmation form.

Every form of the apps derives from `PortalForm` or `PortalModelForm` (a test walks them all),
so a NUL byte or a stray control character in any field is refused there, with the typed
input kept and a message on the field, before the field's own validation (a select's query, a
search term) can send it to the database.
"""

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from duaal import kept_uploads
from duaal.insz import geboortedatum_uit_insz, normalise_insz
from duaal.invoer import any_control_characters
from duaal.termijnen import vandaag
from duaal.uploads import controleer_bewijsstuk

CONTROL_CHARACTERS_ONE_LINE = _(
    "This field contains a control character (such as a tab, a line break or a NUL byte) "
    "that it does not accept. Remove it and try again."
)
CONTROL_CHARACTERS_TEXT = _(
    "This text contains an invisible control character (such as a NUL byte). Remove it and "
    "try again."
)


def _is_multiline(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


if TYPE_CHECKING:
    # For the checker only: these mixins go into Django forms (at run time plain mixins).
    _FormBase = forms.BaseForm
else:
    _FormBase = object


class ControlCharacterCheckMixin(_FormBase):
    """Refuse C0 control characters in every field of the form (duaal.invoer); tab and line
    breaks only outside multi-line text (a Textarea).

    Runs on the raw values before any field is cleaned: the refused fields are left out while
    the others are validated (so nothing sends their value to the database), then get the
    message. The page shows the form again with everything as typed."""

    def full_clean(self) -> None:
        refused = self._fields_with_control_characters() if self.is_bound else []
        if not refused:
            super().full_clean()
            return
        typed = self.data
        self.data = _without(typed, [key for bound in refused for key in _keys(bound)])
        try:
            super().full_clean()
        finally:
            self.data = typed
        for bound in refused:
            # e.g. "required", now that it was left out (full_clean has just filled `errors`)
            self.errors.pop(bound.name, None)
            multiline = _is_multiline(bound.field)
            message = CONTROL_CHARACTERS_TEXT if multiline else CONTROL_CHARACTERS_ONE_LINE
            self.add_error(bound.name, ValidationError(message, code="control_characters"))

    def _fields_with_control_characters(self) -> list[forms.BoundField]:
        refused = []
        for name, field in self.fields.items():
            if field.disabled or isinstance(field, forms.FileField):
                continue
            bound = self[name]
            # The raw values as posted: a widget may turn them into something else first (a
            # checkbox makes any text True).
            values = [v for key in _keys(bound) for v in _raw(self.data, key)]
            if getattr(field, "strip", False):
                # Surrounding whitespace (a pasted line break) is stripped, never stored.
                values = [v.strip() for v in values]
            if any_control_characters(values, multiline=_is_multiline(field)):
                refused.append(bound)
        return refused


def _raw(data: Any, key: str) -> list[str]:
    values = data.getlist(key) if hasattr(data, "getlist") else [data.get(key)]
    return [v for v in values if isinstance(v, str)]


def _keys(bound: forms.BoundField) -> list[str]:
    """The data keys of a field: its name, or one per subwidget (`<name>_0`, ...)."""
    suffixes = getattr(bound.field.widget, "widgets_names", None) or [""]
    return [f"{bound.html_name}{suffix}" for suffix in suffixes]


def _without(data: Any, keys: list[str]) -> Any:
    copy = data.copy()
    for key in keys:
        copy.pop(key, None)
    return copy


class KeptUploadsMixin(_FormBase):
    """Keep a valid upload when the form fails for another reason (duaal.kept_uploads).

    The view sets `upload_owner` (duaal.views.ServiceFoutMixin does); without one nothing is
    kept and no token is read. A submit without a new file but with a kept file's token uses
    the kept file; a new file replaces it."""

    upload_owner: str | None = None

    def _upload_fields(self) -> list[str]:
        return [name for name, field in self.fields.items() if isinstance(field, UploadField)]

    def full_clean(self) -> None:
        names = self._upload_fields() if self.is_bound and self.upload_owner else []
        if not names:
            super().full_clean()
            return
        typed_names, kept = self._take_kept(names)
        super().full_clean()
        for name in names:
            if self.errors and name not in self.errors and name not in kept:
                bestand = self.cleaned_data.get(name)
                if isinstance(bestand, UploadedFile):
                    kept[name] = kept_uploads.keep(
                        bestand, naam=typed_names.get(name), owner=self.upload_owner or ""
                    )
            if name in kept and name not in self.errors:
                self.fields[name].widget.kept = kept[name]

    def _take_kept(self, names: list[str]) -> tuple[dict[str, str], dict[str, Any]]:
        """The names the user gave new files, and the kept files their tokens bring back."""
        typed_names: dict[str, str] = {}
        kept: dict[str, Any] = {}
        files = self.files.copy()
        for name in names:
            key = self.add_prefix(name)
            if key in files:
                typed_names[name] = str(getattr(files.get(key), "name", "") or "")
                continue
            token = self.data.get(f"{key}{KEPT_SUFFIX}")
            loaded = kept_uploads.load(token, owner=self.upload_owner or "") if token else None
            if loaded is not None:
                files[key], kept[name] = loaded
        self.files = files
        return typed_names, kept


class PortalForm(KeptUploadsMixin, ControlCharacterCheckMixin, forms.Form):
    """The base of every portal form."""


class PortalModelForm(KeptUploadsMixin, ControlCharacterCheckMixin, forms.ModelForm):
    """The base of every portal model form."""


class ConfirmForm(PortalForm):
    """A confirmation without fields: the page's button is the whole form."""


def text_field(
    label: Any, help_text: Any = "", *, required: bool = True, rows: int = 4, max_length: int = 4000
) -> forms.CharField:
    """A multi-line text: a motivation, a reason, notes."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


# What an upload may be. The picker offers only these; the service checks the content (S5).
UPLOAD_TYPES = "application/pdf,image/png,image/jpeg"


# The hidden field beside a file input that carries a kept file's token.
KEPT_SUFFIX = "__bewaard"


class KeptFileInput(forms.widgets.Input):
    """A file input that, once a file is kept (`kept`, set by the form), says so and carries
    its token; choosing another file replaces it.

    Django's FileInput, rebuilt on Input: crispy-forms renders a FileInput with a template of
    its own that would leave out what `render` adds here."""

    input_type = "file"
    needs_multipart_form = True
    template_name = "django/forms/widgets/file.html"
    kept: "kept_uploads.KeptUpload | None" = None

    def format_value(self, value: Any) -> None:
        """A file input never shows a value."""
        return None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return files.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in files

    def use_required_attribute(self, initial: Any) -> bool:
        return super().use_required_attribute(initial) and not initial

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> Any:
        html = super().render(name, value, attrs, renderer)
        if self.kept is None:
            return html
        return format_html(
            '<p class="mb-1" data-testid="bewaard">{}</p>'
            '<input type="hidden" name="{}" value="{}">{}'
            '<div class="form-text">{}</div>',
            _("Kept: %(name)s") % {"name": self.kept.naam},
            f"{name}{KEPT_SUFFIX}",
            self.kept.token,
            html,
            _("Choose another file only to replace it."),
        )


class UploadField(forms.FileField):
    """A PDF or a photo (evidence, an asked document, a scan), checked by its content here, so
    that a wrong file is named in the same round as the other errors; the service checks it
    again (S5)."""

    def __init__(self, **kwargs: Any) -> None:
        # MAX_BESTAND_BYTES: 10 MB (interpolating here would translate at import time).
        kwargs.setdefault("help_text", _("A PDF or a photo (PNG or JPEG) of at most 10 MB."))
        kwargs.setdefault("widget", KeptFileInput(attrs={"accept": UPLOAD_TYPES}))
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        bestand = super().clean(data, initial)
        if isinstance(bestand, UploadedFile):
            controleer_bewijsstuk(bestand)
        return bestand


class InszField(forms.CharField):
    """A national register number as people type it, the dotted form 85.07.30-033.28 too
    (hence wider than the 11 digits), cleaned to its 11 digits; wrong check digits are
    refused. Empty stays empty (a field that is not required)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("National register number (INSZ)"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"})
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value)
        return normalise_insz(cleaned) if cleaned else cleaned


class InszBirthDateMixin(_FormBase):
    """A person's `geboortedatum`: in the past, and the one their `insz` encodes (when it
    encodes one: BIS numbers may not). Forms set `birth_date_mismatch_message`, which gets
    the encoded date as %(datum)s."""

    birth_date_mismatch_message: str

    def clean_geboortedatum(self) -> dt.date:
        geboortedatum: dt.date = self.cleaned_data["geboortedatum"]
        if geboortedatum >= vandaag(timezone.now()):
            raise ValidationError(_("The date of birth must lie in the past."), code="toekomst")
        return geboortedatum

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's Form.clean returns the cleaned data
        insz, geboortedatum = cleaned.get("insz"), cleaned.get("geboortedatum")
        uit_insz = geboortedatum_uit_insz(insz) if insz else None
        if geboortedatum and uit_insz and uit_insz != geboortedatum:
            self.add_error(
                "geboortedatum",
                ValidationError(
                    self.birth_date_mismatch_message,
                    code="insz_geboortedatum",
                    params={"datum": uit_insz.strftime("%d/%m/%Y")},
                ),
            )
        return cleaned


# Day first, as written in Belgium; fixed so that English pages do not read 03/04 as 4 March.
DATUM_FORMATEN = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


@dataclass(frozen=True)
class DateBounds:
    """The plausible dates of one kind: a fixed earliest date, or years back from today, and
    years ahead of today (None: no bound on that side)."""

    earliest: dt.date | None = None
    years_back: int | None = None
    years_ahead: int | None = None

    def window(self, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
        earliest = self.earliest
        if earliest is None and self.years_back is not None:
            earliest = _years_later(today, -self.years_back)
        latest = None if self.years_ahead is None else _years_later(today, self.years_ahead)
        return earliest, latest


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# The bounds per kind of date. They only refuse what cannot be meant (a site visit in year 1);
# the services keep their own, narrower rules (an issue date not in the future, at most 3
# years per agreement (R60), a measure that does not end before it is imposed).
# - A date of birth: from 1900 up to today ("before today" is the form's own check, with
#   its own message).
GEBOORTEDATUM = DateBounds(earliest=dt.date(1900, 1, 1), years_ahead=0)
# - What happens or happened in a file (a site visit, an intake, the start of lessons or of
#   an agreement, an issue or completion date, a suspension, a planned training): at most
#   5 years back or ahead of today.
GEBEURTENIS = DateBounds(years_back=5, years_ahead=5)
# - The end of a temporary measure (a sanction "until"): up to 10 years ahead.
MAATREGEL_EINDE = DateBounds(years_back=5, years_ahead=10)


def _datum(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


class DatumField(forms.DateField):
    """A date typed day first, refused outside the plausible `bounds` of its kind."""

    default_bounds = GEBEURTENIS

    def __init__(
        self, *, bounds: DateBounds | None = None, future_message: Any = None, **kwargs: Any
    ) -> None:
        self.bounds = bounds or self.default_bounds
        # The service's own "not in the future" rule, checked here as well so that its message
        # stands beside the other fields' errors on the first submit (the service keeps it).
        self.future_message = future_message
        kwargs.setdefault("input_formats", DATUM_FORMATEN)
        kwargs.setdefault("help_text", _("Day/month/year, e.g. 30/07/2026."))
        kwargs.setdefault(
            "widget", forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric"})
        )
        super().__init__(**kwargs)

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        earliest, latest = self.bounds.window(vandaag(timezone.now()))
        if (earliest and value < earliest) or (latest and value > latest):
            raise ValidationError(_bounds_message(earliest, latest), code="buiten_bereik")
        if self.future_message and value > vandaag(timezone.now()):
            raise ValidationError(self.future_message, code="toekomst")


def _bounds_message(earliest: dt.date | None, latest: dt.date | None) -> str:
    if earliest and latest:
        return _("Give a date from %(van)s to %(tot)s.") % {
            "van": _datum(earliest),
            "tot": _datum(latest),
        }
    if earliest:
        return _("Give a date from %(van)s onwards.") % {"van": _datum(earliest)}
    assert latest is not None  # only a date outside a bound is refused
    return _("Give a date up to %(tot)s.") % {"tot": _datum(latest)}


class GeboortedatumField(DatumField):
    """A date of birth (also for a model form's `field_classes`)."""

    default_bounds = GEBOORTEDATUM
