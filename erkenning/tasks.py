"""Beat sweeps for applications and recognitions; idempotent, safe under acks_late."""

from datetime import datetime

from celery import shared_task

from .services import (
    aanvraag_uittreksels_opruimen,
    beslistermijn_escaleren,
    beslistermijn_herinneren,
    erkenningen_laten_verlopen,
    erkenningen_mentorstatus_bijwerken,
    hernieuwing_herinneren,
)


@shared_task(name="erkenning.tasks.beslistermijnen")
def beslistermijnen_task() -> dict[str, int]:
    return {"herinnerd": beslistermijn_herinneren(), "geescaleerd": beslistermijn_escaleren()}


@shared_task(name="erkenning.tasks.erkenningen")
def erkenningen_task() -> dict[str, int]:
    return {"verlopen": erkenningen_laten_verlopen(), "herinnerd": hernieuwing_herinneren()}


@shared_task(name="erkenning.tasks.aanvraag_uittreksels_opruimen")
def aanvraag_uittreksels_opruimen_task() -> int:
    return aanvraag_uittreksels_opruimen()


@shared_task(name="erkenning.tasks.erkenningen_mentorstatus")
def erkenningen_mentorstatus_task(
    now: str | None = None, vestiging_id: int | None = None, opleiding_id: int | None = None
) -> int:
    """R43 from the mentor register's stored state: every few minutes over all places, or
    for one place right after this app changed its designations (ids and the moment of that
    change). Idempotent: the sweep changes only recognitions whose status is out of date."""
    plaats = (vestiging_id, opleiding_id) if vestiging_id and opleiding_id else None
    return erkenningen_mentorstatus_bijwerken(
        now=datetime.fromisoformat(now) if now else None, plaats=plaats
    )
