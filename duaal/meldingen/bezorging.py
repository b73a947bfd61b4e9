"""Deliver queued notifications, each at most once."""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import F
from django.utils import timezone

from .constants import MeldingStatus
from .models import Melding

logger = logging.getLogger(__name__)

MAX_POGINGEN = 5


def melding_bezorgen(*, melding_id: int, now: datetime | None = None) -> bool:
    """Send one queued notification. Returns False when another run already took it."""
    now = now or timezone.now()
    # Claim with a conditional UPDATE: of two concurrent deliveries only one gets the row.
    claimed = Melding.objects.filter(pk=melding_id, status=MeldingStatus.TE_VERZENDEN).update(
        status=MeldingStatus.BEZIG, pogingen=F("pogingen") + 1, updated_at=now
    )
    if claimed != 1:
        logger.info("melding %s: skip, already claimed or sent", melding_id)
        return False
    melding = Melding.objects.get(pk=melding_id)
    try:
        send_mail(melding.onderwerp, melding.tekst, settings.DEFAULT_FROM_EMAIL, [melding.e_mail])
    except Exception as exc:  # noqa: BLE001 - any transport error: retry later, up to a cap
        status = (
            MeldingStatus.MISLUKT
            if melding.pogingen >= MAX_POGINGEN
            else MeldingStatus.TE_VERZENDEN
        )
        Melding.objects.filter(pk=melding_id).update(status=status, fout=str(exc)[:2000])
        logger.warning("melding %s: delivery failed (%s)", melding_id, type(exc).__name__)
        return False
    Melding.objects.filter(pk=melding_id).update(status=MeldingStatus.VERZONDEN, verzonden_op=now)
    return True


def openstaande_meldingen(*, limit: int = 500) -> list[int]:
    return list(
        Melding.objects.filter(status=MeldingStatus.TE_VERZENDEN)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
