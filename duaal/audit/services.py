"""Write audit events; called by the transition services, in their transaction."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext

from duaal.accounts.actor import Actor
from duaal.accounts.models import User
from duaal.organisaties.models import Organisatie

from .models import Event
from .verbs import UnknownVerb, is_known

SYSTEM_LABEL = "systeem"


def _event(
    *,
    obj: Model,
    verb: str,
    door: User | Actor | None,
    organisatie: Organisatie | None,
    before: dict | None,
    after: dict | None,
    note: str,
    at: datetime,
    actor_label: str = "",
) -> Event:
    if not is_known(verb):
        raise UnknownVerb(verb)
    if isinstance(door, Actor):
        door = door.audit_user
    if not actor_label:
        actor_label = str(door) if door is not None else gettext(SYSTEM_LABEL)
    return Event(
        actor=door,
        actor_label=actor_label[:200],
        organisatie=organisatie,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        verb=verb,
        before=before or {},
        after=after or {},
        note=note,
        at=at,
    )


def audit_record(
    *,
    obj: Model,
    verb: str,
    door: User | Actor | None,
    organisatie: Organisatie | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    now: datetime | None = None,
    actor_label: str = "",
) -> Event:
    """Record one state change; `door` None (or the system actor) means the system did it.

    `verb` is a member of the app's audit-verb enum; an unregistered verb raises.
    `actor_label` names someone who acted without an account (the holder of a personal link)."""
    event = _event(
        obj=obj,
        verb=verb,
        door=door,
        organisatie=organisatie,
        before=before,
        after=after,
        note=note,
        at=now or timezone.now(),
        actor_label=actor_label,
    )
    event.save()
    return event


def audit_record_bulk(
    *,
    objs: Iterable[Model],
    verb: str,
    before: dict | None = None,
    after: dict | None = None,
    now: datetime | None = None,
) -> int:
    """Record the same system change for many objects in one INSERT (used by beat sweeps)."""
    at = now or timezone.now()
    events = [
        _event(
            obj=obj,
            verb=verb,
            door=None,
            organisatie=None,
            before=before,
            after=after,
            note="",
            at=at,
        )
        for obj in objs
    ]
    return len(Event.objects.bulk_create(events, batch_size=1000))
