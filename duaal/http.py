"""The request as the portal's middleware hands it to views, for type annotations.

`RequestIdMiddleware` sets `request_id` and `ActorMiddleware` sets `actor` on every request
before a view runs. Views and mixins annotate `request: PortalRequest` so the checker knows;
nothing ever builds one: at run time the request stays Django's `HttpRequest`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    # Only for the annotation: this module is imported by the logging set-up, before the
    # app registry can load models.
    from duaal.accounts.actor import Actor


class PortalRequest(HttpRequest):
    """An `HttpRequest` after the portal's middleware (annotation only, never instantiated)."""

    actor: Actor
    request_id: str
