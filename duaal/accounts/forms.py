from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duaal.forms import ControlCharacterCheckMixin, PortalForm
from duaal.meldingen.links import LinkVerwijzing
from duaal.meldingen.services import send_mail
from duaal.organisaties.constants import Rechtsvorm
from duaal.organisaties.forms import KboField, PostcodeField
from duaal.organisaties.models import Onderneming

from .links import WACHTWOORD_LINK
from .lockout import normalised_email
from .models import User


class LoginForm(ControlCharacterCheckMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str | None:
        # Registration stores the address lowercased: Foo@x.be logs in as foo@x.be.
        return normalised_email(self.cleaned_data.get("username"))

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        # Once the government login is configured, a deployment may keep passwords for
        # platform staff only (OIDC_LOCAL_LOGIN=false).
        from . import oidc

        if oidc.ingeschakeld() and not settings.OIDC_LOCAL_LOGIN and not user.is_staff:
            raise forms.ValidationError(
                _(
                    "Log in with eID or itsme: this portal no longer accepts a password for "
                    "your account."
                ),
                code="oidc_verplicht",
            )


class WachtwoordResetForm(ControlCharacterCheckMixin, PasswordResetForm):
    """Django's reset form, but the mail goes through the outbox like every other, and with a
    reference to the user instead of the link: the reset token is made at delivery
    (links.py), so no stored text ever holds it."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Django's template names and context (with its uid and token) are not used: the mail
        # is the outbox's template, and its link is made at delivery.
        user = context["user"]
        send_mail(
            "accounts/password_reset",
            recipients=[user],
            event_key=f"wachtwoord:{user.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
            context={},
            link=LinkVerwijzing(soort=WACHTWOORD_LINK, public_id=user.public_id),
        )


class OndernemingRegistratieForm(PortalForm):
    naam = forms.CharField(label=_("Name of the enterprise"), max_length=200)
    kbo_nummer = KboField(
        label=_("Enterprise number (KBO)"),
        max_length=20,
        help_text=_("10 digits, e.g. 0123.456.749."),
    )
    rechtsvorm = forms.ChoiceField(label=_("Legal form"), choices=Rechtsvorm.choices)
    straat = forms.CharField(label=_("Street"), max_length=200)
    huisnummer = forms.CharField(label=_("House number"), max_length=20)
    postcode = PostcodeField(label=_("Postcode"))
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
        kbo: str = self.cleaned_data["kbo_nummer"]
        if Onderneming.objects.filter(kbo_nummer=kbo).exists():
            raise forms.ValidationError(
                _(
                    "This enterprise is already registered. Log in with eID or itsme for "
                    "this enterprise and ask its administrators for access."
                ),
                code="duplicate",
            )
        return kbo

    def clean_email(self) -> str:
        # No "this address already has an account": that would tell anyone who has one. The
        # registration mails the address either way (services.onderneming_registreren).
        email: str = self.cleaned_data["email"]
        return normalised_email(email)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's Form.clean returns the cleaned data
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


class OrganisatieWisselenForm(PortalForm):
    membership = forms.UUIDField(label=_("Organisation"))
