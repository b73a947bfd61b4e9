"""Beat sweeps for applications and recognitions; idempotent, safe under acks_late."""

from celery import shared_task

from .services import (
    aanvraag_uittreksels_opruimen,
    beslistermijn_escaleren,
    beslistermijn_herinneren,
    erkenningen_laten_verlopen,
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
