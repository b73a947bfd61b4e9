"""Delivery tasks. Idempotent: a melding is claimed before sending, so a redelivered or
duplicated task never sends the same mail twice (acks_late redelivers on worker loss)."""

from celery import shared_task

from django.utils import timezone

from .bezorging import melding_bezorgen, openstaande_meldingen_bezorgen


@shared_task(name="duaal.meldingen.tasks.bezorg_melding")
def bezorg_melding_task(melding_id: int) -> bool:
    return melding_bezorgen(melding_id=melding_id)


@shared_task(name="duaal.meldingen.tasks.bezorg_openstaande_meldingen")
def bezorg_openstaande_meldingen() -> int:
    """Beat sweep: deliver what an after-commit task did not (lost task, broker outage), and
    what a killed worker left half done (see `vastgelopen_meldingen_vrijgeven`)."""
    return openstaande_meldingen_bezorgen(now=timezone.now())
