"""The link in a colleague's invitation, built when its mail is delivered
(duaal/meldingen/links.py): the outbox stores only a reference to the invitation, never the
token. The token signs the invitation's public id with a salt of its own; it works while the
invitation is open (not used, withdrawn or expired), so it works once."""

from datetime import datetime
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .constants import UITNODIGING_GELDIG_DAGEN
from .models import Uitnodiging

UITNODIGING_LINK = "accounts.uitnodiging"
_SALT = "accounts.uitnodiging"
_MAX_AGE = UITNODIGING_GELDIG_DAGEN * 24 * 3600


def is_open(uitnodiging: Uitnodiging, now: datetime) -> bool:
    return (
        uitnodiging.gebruikt_op is None
        and uitnodiging.ingetrokken_op is None
        and uitnodiging.verloopt_op > now
    )


def uitnodiging_token(uitnodiging: Uitnodiging) -> str:
    return signing.dumps(str(uitnodiging.public_id), salt=_SALT)


def uitnodiging_link_bouwen(public_id: UUID, gepland_op: datetime) -> str | None:
    """None once the invitation was used, withdrawn or expired: the mail then lapses unsent."""
    uitnodiging = Uitnodiging.objects.filter(public_id=public_id).first()
    if uitnodiging is None or not is_open(uitnodiging, timezone.now()):
        return None
    kwargs = {"token": uitnodiging_token(uitnodiging)}
    return settings.PORTAAL_URL + reverse("accounts:uitnodiging_link", kwargs=kwargs)


def uitnodiging_token_lezen(token: str) -> Uitnodiging | None:
    """The invitation a token names, open or not (the page says why it no longer works);
    None when the token is forged or older than an invitation lives."""
    try:
        public_id = UUID(signing.loads(token, salt=_SALT, max_age=_MAX_AGE))
        return Uitnodiging.objects.select_related("organisatie", "uitgenodigd_door").get(
            public_id=public_id
        )
    except (signing.BadSignature, TypeError, ValueError, Uitnodiging.DoesNotExist):
        return None
