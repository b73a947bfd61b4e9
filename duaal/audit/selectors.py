"""Reads on the audit trail: the timeline a dossier page shows."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q

from .models import Event


def timeline_for(*objects: Model, limit: int = 50) -> list[Event]:
    """The newest events of one object, or of several at once (a mentor and their evidence, a
    learner and their agreements), in one query, newest first.

    Pass only objects the actor may see: the events carry their motivations."""
    per_type: dict[int, set[int]] = {}
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj)
        per_type.setdefault(content_type.pk, set()).add(obj.pk)
    if not per_type:
        return []
    condition = Q()
    for content_type_id, ids in per_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=sorted(ids))
    return list(Event.objects.filter(condition).order_by("-at", "-id")[:limit])
