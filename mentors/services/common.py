"""Helpers the mentor services share: who to tell, a motivation that must be written, and
locking a mentor."""

from django.utils.translation import gettext as _

from mentors.exceptions import MentorFout
from mentors.models import Mentor


def motivatie_verplicht(motivatie: str) -> str:
    motivatie = (motivatie or "").strip()
    if not motivatie:
        raise MentorFout(_("A written motivation is required."))
    return motivatie


def vergrendel_mentor(mentor: Mentor) -> Mentor:
    """Lock the mentor's row (not its enterprise's): what is done to one mentor, one at a time,
    and the guard reads the row as it is now."""
    return (
        Mentor.objects.select_for_update(of=("self",))
        .select_related("onderneming")
        .get(pk=mentor.pk)
    )
