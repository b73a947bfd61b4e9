"""Structured logs: one JSON object per line, each carrying the id of the request it belongs to.

The id comes from the load balancer's X-Request-ID when it looks sane, else a new one; it is
echoed in the response so a user's report can be matched to the log lines.
"""

import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from duaal.http import PortalRequest

request_id: ContextVar[str] = ContextVar("request_id", default="-")
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: PortalRequest) -> HttpResponse:
        # Sets `request_id`: from here on the request is what PortalRequest describes.
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _SANE.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = rid
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


# Link paths whose segment is a bearer token, for every link a mail carries: the personal
# approval link (overeenkomsten: /goedkeuren/<token>/), the registration confirmation
# (accounts: /registreren/bevestigen/<token>/) and the password reset
# (accounts: /wachtwoord/herstellen/<uid>/<token>/, whose token-free next step is
# "set-password"). A new kind of link adds its path here; tests/test_geen_token_in_logs.py
# checks the links of the registered kinds against this list.
_SEGMENT = r"[^/\s?#\"'<>]+"
TOKEN_PADEN = [
    re.compile(rf"(/goedkeuren/){_SEGMENT}"),
    re.compile(rf"(/registreren/bevestigen/){_SEGMENT}"),
    re.compile(rf"(/wachtwoord/herstellen/{_SEGMENT}/)(?!set-password\b){_SEGMENT}"),
    # accounts: confirming a registration (/registreren/bevestigen/<token>/; the token-free
    # next step is /registreren/bevestigen/ itself).
    re.compile(rf"(/registreren/bevestigen/){_SEGMENT}"),
    # The government login's callback and logout carry the authorization code, the state
    # and the ID token in the query string.
    re.compile(r"([?&](?:code|state|id_token_hint|nonce|code_challenge)=)[^&\s\"'#<>]+"),
]
VERBORGEN = "[token]"


def tokens_verbergen(tekst: str) -> str:
    for patroon in TOKEN_PADEN:
        tekst = patroon.sub(rf"\g<1>{VERBORGEN}", tekst)
    return tekst


class TokenFilter(logging.Filter):
    """Redacts link tokens from a record's message: Django's request and CSRF lines
    ("Gone: /goedkeuren/<token>/"), runserver's and gunicorn's access lines (request line and
    Referer). On a logger it acts before any handler sees the record; on a handler, for the
    records that reach it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            bericht = record.getMessage()
        except (TypeError, ValueError):
            return True  # a malformed record: logging reports it; nothing of ours to redact
        schoon = tokens_verbergen(bericht)
        if schoon != bericht:
            record.msg, record.args = schoon, None
        return True
