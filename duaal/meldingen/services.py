"""Queue mails in the outbox; delivery renders and sends them after commit.

Every mail is a template under templates/mail/ (rendering.py). A row stores the template's name
and the facts it shows, never the rendered text: delivery renders it in the recipient's
language, greets them by name and puts in the link it carries (links.py).
"""

import datetime as dt
import json
from collections.abc import Mapping
from functools import partial
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from duaal.accounts.models import User
from duaal.models import WithPage

from .constants import MeldingStatus
from .links import LinkVerwijzing
from .models import Melding
from .rendering import template_exists
from .tasks import bezorg_melding_task

# A fact in a mail's context: what JSON holds. Dates are stored as ISO strings and come back
# as dates when the mail is rendered, so a template formats them ({{ d|date:"d/m/Y" }}).
Fact = str | int | float | bool | None | list[Any] | dict[str, Any]


def send_mail(
    template: str,
    *,
    recipients: list[User],
    event_key: str,
    context: Mapping[str, object],
    e_mails: Mapping[str, str] | None = None,
    link: LinkVerwijzing | None = None,
) -> list[Melding]:
    """Queue the mail `template` ("<app>/<name>") once per recipient; a repeated event adds
    nothing (unique per event and address).

    `context`: the facts the template shows, as primitives: names, dates, absolute URLs
    (`portal_url`), ids. Never a model instance, and never a token: a link that carries one
    is passed as `link`, by reference, and built at delivery.
    `e_mails` reaches people without an account (a learner approving through a link): address
    to the name the mail greets.
    Must run inside the caller's transaction: delivery is scheduled on commit.
    """
    if not template_exists(template):
        raise ValueError(f"unknown mail template {template!r}")
    feiten = _serialisable(context)
    extra = {"link_soort": link.soort, "link_naar": link.public_id} if link else {}
    rows = [
        Melding(
            event_key=event_key,
            ontvanger=u,
            e_mail=u.email,
            naam=u.naam,
            sjabloon=template,
            context=feiten,
            **extra,
        )
        for u in recipients
        if u.email
    ] + [
        Melding(
            event_key=event_key,
            e_mail=adres,
            naam=naam,
            sjabloon=template,
            context=feiten,
            **extra,
        )
        for adres, naam in (e_mails or {}).items()
        if adres
    ]
    Melding.objects.bulk_create(rows, ignore_conflicts=True)
    queued = list(Melding.objects.filter(event_key=event_key, status=MeldingStatus.TE_VERZENDEN))
    for melding in queued:
        transaction.on_commit(partial(bezorg_melding_task.delay, melding.pk))
    return queued


def portal_url(viewname: str, *args: object, **kwargs: object) -> str:
    """The absolute URL of a portal page, as a mail links to it."""
    return settings.PORTAAL_URL + reverse(viewname, args=args or None, kwargs=kwargs or None)


def page_url(obj: WithPage) -> str:
    """The absolute URL of an object's own page (its get_absolute_url)."""
    return settings.PORTAAL_URL + obj.get_absolute_url()


def _serialisable(context: Mapping[str, object]) -> dict[str, Fact]:
    """The context as stored: dates as ISO strings, UUIDs as text; anything else that JSON
    cannot hold (a model instance, a lazy translation) is refused here, not at delivery."""

    def primitief(waarde: object) -> object:
        if isinstance(waarde, dt.datetime):
            return waarde.isoformat()
        if isinstance(waarde, dt.date):
            return waarde.isoformat()
        if isinstance(waarde, UUID):
            return str(waarde)
        raise TypeError(f"a mail's context holds primitives only, not {type(waarde).__name__}")

    stored: dict[str, Fact] = json.loads(json.dumps(dict(context), default=primitief))
    return stored


def untranslated(label: object) -> str:
    """A translatable label (a choice's label) as its English msgid, for the context: the
    template translates it in the recipient's language ({% translate soort as soort %})."""
    with translation.override(None):
        return str(label)
