from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from .models import Event


def timeline_for(obj: Model, *, limit: int = 50) -> list[Event]:
    """The newest events of one object, for the dossier timeline partial."""
    content_type = ContentType.objects.get_for_model(obj)
    return list(
        Event.objects.filter(content_type=content_type, object_id=obj.pk).order_by("-at", "-id")[
            :limit
        ]
    )
