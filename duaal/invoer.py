"""Typed input the portal refuses in one place: control characters.

A NUL byte makes PostgreSQL refuse the whole query (a 500), and the other C0 control characters
(U+0000-U+001F) have no business in a name, a number or a search term. Tab and line breaks are
text in a multi-line field (a motivation, visit notes) and nowhere else. Two places apply it:

- `ControlCharacterMiddleware`: every query parameter (name and value), for every page, before
  any view reads it; the answer is a 400 page in the portal's layout.
- `duaal.forms.PortalForm` / `PortalModelForm`: every form field, before the field's own
  validation; the form is shown again with what was typed and a message on the field.
"""

import re
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# C0 controls without tab (\t), line feed (\n) and carriage return (\r).
_IN_MULTILINE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_IN_ONE_LINE = re.compile(r"[\x00-\x1f]")


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    """True when `value` holds a C0 control character; tab and line breaks count only outside
    multi-line text."""
    return bool((_IN_MULTILINE_TEXT if multiline else _IN_ONE_LINE).search(value))


def any_control_characters(values: Iterable[object], *, multiline: bool = False) -> bool:
    """`has_control_characters` over the strings among `values` (files and None pass)."""
    return any(
        isinstance(value, str) and has_control_characters(value, multiline=multiline)
        for value in values
    )


class ControlCharacterMiddleware:
    """Refuse a request whose query string holds a control character, with a 400 page.

    Query parameters are never multi-line text, so tab and line breaks are refused too. Views
    read them directly (`?q=`, `?zoek=`, `?pagina=`), so this is the one place that sees them
    all, the management site's included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            has_control_characters(key) or any_control_characters(values)
            for key, values in request.GET.lists()
        ):
            return render(request, "portaal/ongeldige_invoer.html", status=400)
        return self.get_response(request)
