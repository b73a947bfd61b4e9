"""Beat sweeps for mentors. Idempotent (claims and 'done' columns), safe under acks_late."""

from celery import shared_task

from .services import (
    mentoropleidingen_achterstallig_melden,
    mentoropleidingen_herinneren,
    uittreksels_opruimen,
)


@shared_task(name="mentors.tasks.mentoropleiding_termijnen")
def mentoropleiding_termijnen_task() -> dict[str, int]:
    return {
        "herinnerd": mentoropleidingen_herinneren(),
        "achterstallig": mentoropleidingen_achterstallig_melden(),
    }


@shared_task(name="mentors.tasks.uittreksels_opruimen")
def uittreksels_opruimen_task() -> int:
    return uittreksels_opruimen()
