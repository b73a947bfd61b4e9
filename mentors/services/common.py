"""Helpers the mentor services share: who to tell, a motivation that must be written, and
locking a mentor."""

from django.utils.translation import gettext as _

from duaal.workflow import required_text
from mentors.exceptions import MentorFout
from mentors.models import Mentor


def motivatie_verplicht(motivatie: str) -> str:
    return required_text(motivatie, _("A written motivation is required."), MentorFout)


def vergrendel_mentor(mentor: Mentor) -> Mentor:
    """Lock the mentor's row (not its enterprise's): what is done to one mentor, one at a time,
    and the guard reads the row as it is now."""
    return (
        Mentor.objects.select_for_update(of=("self",))
        .select_related("onderneming")
        .get(pk=mentor.pk)
    )
