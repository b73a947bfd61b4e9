"""The password-reset link, built when its mail is delivered (duaal/meldingen/links.py): the
outbox stores only a reference to the user, never the reset token."""

from datetime import datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .models import User

WACHTWOORD_LINK = "accounts.wachtwoord"


def wachtwoord_link_bouwen(public_id: UUID, gepland_op: datetime) -> str | None:
    """The reset link for the user, if they may still reset: None once the request is older
    than a reset token lives (a mail stuck in the queue must not outlive it), or the account
    was deactivated or has no usable password meanwhile."""
    if timezone.now() - gepland_op > timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT):
        return None
    user = User.objects.filter(public_id=public_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return None
    kwargs = {
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    return settings.PORTAAL_URL + reverse("accounts:password_reset_confirm", kwargs=kwargs)
