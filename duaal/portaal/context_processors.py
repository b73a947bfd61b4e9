from typing import Any

from django.conf import settings
from django.core.signing import Signer
from django.http import HttpRequest

from .sessie import seconds_left


def portaal(request: HttpRequest) -> dict[str, Any]:
    """The footer's contact details, and the session clock for static/js/sessie.js."""
    context: dict[str, Any] = {
        "helpdesk_email": settings.PORTAAL_HELPDESK_EMAIL,
        "helpdesk_telefoon": settings.PORTAAL_HELPDESK_TELEFOON,
        "portaal_info_url": settings.PORTAAL_INFO_URL,
        # Always present: a missing variable is logged with the request path, and a personal
        # link's path is a bearer token.
        "sessie": None,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["sessie"] = {
            "resterend": seconds_left(request.session),
            "waarschuwing": settings.SESSION_WARN_SECONDS,
            # Saved form input is given back only to the person who typed it; the tag tells
            # them apart without putting an identifier in the browser's storage.
            "eigenaar": Signer(salt="portaal.formbehoud").sign(str(user.pk)).rsplit(":", 1)[1],
        }
    return context
