from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from duaal.organisaties.constants import Rechtsvorm
from duaal.organisaties.forms import KboField, clean_postcode
from duaal.organisaties.models import Onderneming

from .models import User


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class OndernemingRegistratieForm(forms.Form):
    naam = forms.CharField(label=_("Name of the enterprise"), max_length=200)
    kbo_nummer = KboField(
        label=_("Enterprise number (KBO)"),
        max_length=20,
        help_text=_("10 digits, e.g. 0123.456.749."),
    )
    rechtsvorm = forms.ChoiceField(label=_("Legal form"), choices=Rechtsvorm.choices)
    straat = forms.CharField(label=_("Street"), max_length=200)
    huisnummer = forms.CharField(label=_("House number"), max_length=20)
    postcode = forms.CharField(label=_("Postcode"), max_length=4)
    gemeente = forms.CharField(label=_("Municipality"), max_length=100)
    vertegenwoordiger_naam = forms.CharField(label=_("Your full name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"))
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common or only-numeric password."),
    )
    password2 = forms.CharField(
        label=_("Repeat the password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_kbo_nummer(self) -> str:
        kbo = self.cleaned_data["kbo_nummer"]
        if Onderneming.objects.filter(kbo_nummer=kbo).exists():
            raise forms.ValidationError(
                _(
                    "This enterprise is already registered. Ask its representative in the "
                    "portal to give you access."
                ),
                code="duplicate",
            )
        return kbo

    def clean_postcode(self) -> str:
        return clean_postcode(self.cleaned_data["postcode"])

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail address already exists. Log in instead."),
                code="duplicate",
            )
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = User(
                email=cleaned.get("email", ""), naam=cleaned.get("vertegenwoordiger_naam", "")
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganisatieWisselenForm(forms.Form):
    membership = forms.UUIDField(label=_("Organisation"))
