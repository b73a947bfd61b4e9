"""Every form of the portal gets the shared input checks (duaal/forms.py): a form class added
anywhere in the apps fails here until it derives from the portal's base, and a date field
until it has plausible bounds."""

import datetime as dt
from importlib import import_module, util

import pytest

from django import forms
from django.apps import apps
from django.urls import get_resolver

from duaal.forms import ControlCharacterCheckMixin, DatumField

PAKKETTEN = ("duaal", "erkenning", "mentors", "overeenkomsten")


def _portaalformulieren() -> list[type[forms.BaseForm]]:
    """Every form class defined in the portal's packages: the apps' forms modules and
    whatever the URL patterns' views import."""
    for app in apps.get_app_configs():
        if app.name.startswith(PAKKETTEN) and util.find_spec(f"{app.name}.forms"):
            import_module(f"{app.name}.forms")
    get_resolver().url_patterns  # noqa: B018 - imports every view module

    def onder(klasse: type) -> list[type]:
        return [k for sub in klasse.__subclasses__() for k in (sub, *onder(sub))]

    # The management site (/beheer/, admin.py) keeps Django's own forms: their text fields
    # refuse a NUL byte themselves, and its query parameters pass the middleware.
    return sorted(
        {
            k
            for k in onder(forms.BaseForm)
            if k.__module__.startswith(PAKKETTEN) and not k.__module__.endswith(".admin")
        },
        key=lambda k: f"{k.__module__}.{k.__qualname__}",
    )


FORMULIEREN = _portaalformulieren()


def test_the_portal_has_forms_to_check() -> None:
    assert len(FORMULIEREN) > 40


@pytest.mark.parametrize("klasse", FORMULIEREN, ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_every_form_refuses_control_characters(klasse: type[forms.BaseForm]) -> None:
    assert issubclass(klasse, ControlCharacterCheckMixin), (
        f"{klasse.__qualname__}: derive from duaal.forms.PortalForm or PortalModelForm"
    )


@pytest.mark.parametrize("klasse", FORMULIEREN, ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_every_date_field_refuses_year_1_and_year_3000(klasse: type[forms.BaseForm]) -> None:
    for naam, veld in klasse.base_fields.items():
        if not isinstance(veld, forms.DateField):
            continue
        assert isinstance(veld, DatumField), f"{klasse.__qualname__}.{naam}: use DatumField"
        for datum in (dt.date(1, 1, 1), dt.date(3000, 1, 1)):
            with pytest.raises(forms.ValidationError):
                veld.clean(datum.strftime("%d/%m/%Y"))
