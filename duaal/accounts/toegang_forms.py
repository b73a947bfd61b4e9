"""The forms of the access screens: the role offered is always one of the acting
organisation's kind (`rollen_voor_soort`); the service checks it again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from duaal.forms import PortalForm, text_field

from .constants import Rol, rollen_voor_soort


def rolkeuzes(soort: str, *, behalve: str = "") -> list[tuple[str, str]]:
    return [(rol, str(Rol(rol).label)) for rol in rollen_voor_soort(soort) if rol != behalve]


class RolForm(PortalForm):
    rol = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args: Any, soort: str, behalve: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rol = self.fields["rol"]
        assert isinstance(rol, forms.ChoiceField)
        rol.choices = rolkeuzes(soort, behalve=behalve)


class UitnodigingForm(RolForm):
    email = forms.EmailField(
        label=_("E-mail address of your colleague"),
        help_text=_("The invitation's link works once, for 14 days."),
    )
    field_order = ["email", "rol"]


class WeigerenForm(PortalForm):
    reden = text_field(_("Reason"), _("The requester reads this in the mail."), max_length=1000)


class ToegangAanvragenForm(PortalForm):
    toelichting = text_field(
        _("Explanation"),
        _("Who you are and why you need access, for the organisation's administrator."),
        required=False,
        max_length=500,
    )
