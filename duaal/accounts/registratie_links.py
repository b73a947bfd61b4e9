"""The link that confirms a registration, built when its mail is delivered
(duaal/meldingen/links.py): the outbox stores only a reference to the membership, never the
token. Two kinds, because confirming switches on a new account but never an existing one."""

from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Membership

REGISTRATIE_NIEUW_LINK = "accounts.registratie"
REGISTRATIE_BESTAAND_LINK = "accounts.registratie_bestaand"
_SALT = "accounts.registratie"


def _verlopen(gepland_op: datetime) -> bool:
    return timezone.now() - gepland_op > timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)


def _bouwen(public_id: UUID, gepland_op: datetime, *, nieuw: bool) -> str | None:
    """None once the mail is older than the link lives, or the registration was confirmed or
    removed meanwhile: the mail then lapses unsent."""
    if _verlopen(gepland_op):
        return None
    if not Membership.objects.filter(public_id=public_id, actief=False).exists():
        return None
    token = signing.dumps({"m": str(public_id), "n": nieuw}, salt=_SALT)
    return settings.PORTAAL_URL + reverse("accounts:registratie_link", kwargs={"token": token})


def registratie_nieuw_link_bouwen(public_id: UUID, gepland_op: datetime) -> str | None:
    return _bouwen(public_id, gepland_op, nieuw=True)


def registratie_bestaand_link_bouwen(public_id: UUID, gepland_op: datetime) -> str | None:
    return _bouwen(public_id, gepland_op, nieuw=False)


def registratie_token_lezen(token: str) -> tuple[Membership, bool] | None:
    """The unconfirmed membership a token names and whether its account is new; None when the
    token is forged, expired, or its registration already confirmed."""
    try:
        inhoud = signing.loads(token, salt=_SALT, max_age=settings.PASSWORD_RESET_TIMEOUT)
        membership = Membership.objects.select_related("user", "organisatie").get(
            public_id=UUID(inhoud["m"]), actief=False
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, Membership.DoesNotExist):
        return None
    return membership, bool(inhoud["n"])
