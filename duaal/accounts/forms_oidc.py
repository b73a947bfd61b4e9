"""Forms of the government login: linking a local account, registering from the claims."""

from django import forms
from django.utils.translation import gettext_lazy as _

from duaal.forms import PortalForm
from duaal.organisaties.constants import Rechtsvorm
from duaal.organisaties.forms import PostcodeField

from .services import OndernemingGegevens


class AccountKoppelenForm(PortalForm):
    password = forms.CharField(
        label=_("Password of your existing account"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class OndernemingVanClaimsForm(PortalForm):
    """The enterprise's details; its number is the one the login service vouched for."""

    naam = forms.CharField(label=_("Name of the enterprise"), max_length=200)
    rechtsvorm = forms.ChoiceField(label=_("Legal form"), choices=Rechtsvorm.choices)
    straat = forms.CharField(label=_("Street"), max_length=200)
    huisnummer = forms.CharField(label=_("House number"), max_length=20)
    postcode = PostcodeField(label=_("Postcode"))
    gemeente = forms.CharField(label=_("Municipality"), max_length=100)

    def gegevens(self, kbo_nummer: str) -> OndernemingGegevens:
        data = self.cleaned_data
        return OndernemingGegevens(
            naam=data["naam"],
            kbo_nummer=kbo_nummer,
            rechtsvorm=data["rechtsvorm"],
            straat=data["straat"],
            huisnummer=data["huisnummer"],
            postcode=data["postcode"],
            gemeente=data["gemeente"],
        )
