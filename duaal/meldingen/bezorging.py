"""Deliver queued notifications: claim a row, send it, mark it sent; release dead claims.

Delivery is at least once, on purpose. A row is claimed (te_verzenden -> bezig) before the
mail goes out and marked sent after, so a retried or duplicated task never sends it again. A
worker killed between the claim and the final update leaves the row "bezig"; after
`claim_timeout()` the sweep puts it back in the queue. If that worker died after the mail server
had accepted the mail, the recipient gets it twice. The alternative, never releasing (at most
once), silently loses that notice instead. The outbox carries legal notices (deadlines,
approvals, refusals), where a missing mail costs more than a duplicate, so a duplicate after a
crash is the price. SMTP offers no way to ask the server whether it already has a message, so
nothing in this code can tell those two crashes apart.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Case, F, Value, When
from django.utils import timezone

from .constants import MeldingStatus
from .links import LinkVerwijzing, link_bouwen
from .models import Melding
from .rendering import RenderedMail, render_mail

logger = logging.getLogger(__name__)

MAX_POGINGEN = 5


def claim_timeout() -> timedelta:
    """How long a row may stay "bezig" before the sweep takes its worker for dead."""
    # Twice the hard time limit: by then the prefork pool has killed any task still sending,
    # so a released row has no live sender left. (The solo and thread pools do not enforce
    # time limits; production runs prefork.)
    default = 2 * settings.CELERY_TASK_TIME_LIMIT
    return timedelta(seconds=getattr(settings, "MELDING_CLAIM_TIMEOUT", default))


def melding_bezorgen(*, melding_id: int, now: datetime | None = None) -> bool:
    """Send one queued notification. Returns False when another run already took it."""
    now = now or timezone.now()
    # Claim with a conditional UPDATE: of two concurrent deliveries only one gets the row.
    claimed = Melding.objects.filter(pk=melding_id, status=MeldingStatus.TE_VERZENDEN).update(
        status=MeldingStatus.BEZIG, pogingen=F("pogingen") + 1, geclaimd_op=now, updated_at=now
    )
    if claimed != 1:
        logger.info("melding %s: skip, already claimed or sent", melding_id)
        return False
    melding = Melding.objects.select_related("ontvanger").get(pk=melding_id)
    try:
        bericht = _als_verzonden(melding)
        if bericht is None:
            # The link it was to carry no longer works: a mail with a dead link only confuses.
            Melding.objects.filter(
                pk=melding_id, status=MeldingStatus.BEZIG, geclaimd_op=now
            ).update(status=MeldingStatus.VERVALLEN, fout="The link no longer works.")
            logger.info("melding %s: lapsed, its link no longer works", melding_id)
            return False
        send_mail(bericht.subject, bericht.body, settings.DEFAULT_FROM_EMAIL, [melding.e_mail])
    except Exception as exc:  # noqa: BLE001 - any transport error: retry later, up to a cap
        status = (
            MeldingStatus.MISLUKT
            if melding.pogingen >= MAX_POGINGEN
            else MeldingStatus.TE_VERZENDEN
        )
        # Only while our own claim holds: if it expired, another run may be sending the row or
        # have sent it, and putting it back in the queue would send it again.
        Melding.objects.filter(pk=melding_id, status=MeldingStatus.BEZIG, geclaimd_op=now).update(
            status=status, fout=str(exc)[:2000]
        )
        logger.warning("melding %s: delivery failed (%s)", melding_id, type(exc).__name__)
        return False
    # Unconditional: the mail is out, even if our claim expired meanwhile; recording that
    # keeps a released copy from going out again.
    Melding.objects.filter(pk=melding_id).update(status=MeldingStatus.VERZONDEN, verzonden_op=now)
    return True


def _als_verzonden(melding: Melding) -> RenderedMail | None:
    """The mail as sent: rendered now from its template, in the recipient's language, with its
    link built now if it carries one (None: the link is dead). The link exists only in this
    mail; the row keeps the reference."""
    if not melding.link_soort:
        return render_mail(melding)
    assert melding.link_naar is not None  # a check constraint stores both or neither
    verwijzing = LinkVerwijzing(soort=melding.link_soort, public_id=melding.link_naar)
    link = link_bouwen(verwijzing, gepland_op=melding.created_at)
    return None if link is None else render_mail(melding, link=link)


def vastgelopen_meldingen_vrijgeven(*, now: datetime) -> int:
    """Put rows whose delivery has been "bezig" longer than `claim_timeout()` back in the queue.

    Returns how many rows it released. A row whose attempts are used up becomes "mislukt"
    instead, so a mail that kills its worker every time stops being retried. No audit event:
    the outbox row is itself the record.
    """
    vrijgegeven = Melding.objects.filter(
        status=MeldingStatus.BEZIG, geclaimd_op__lt=now - claim_timeout()
    ).update(
        status=Case(
            When(pogingen__gte=MAX_POGINGEN, then=Value(MeldingStatus.MISLUKT)),
            default=Value(MeldingStatus.TE_VERZENDEN),
        ),
        fout="The delivering worker stopped before the outcome was recorded.",
        updated_at=now,
    )
    if vrijgegeven:
        logger.warning("released %s meldingen whose delivery never finished", vrijgegeven)
    return vrijgegeven


def openstaande_meldingen(*, limit: int = 500) -> list[int]:
    return list(
        Melding.objects.filter(status=MeldingStatus.TE_VERZENDEN)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def openstaande_meldingen_bezorgen(*, now: datetime) -> int:
    """Release dead claims, then deliver every queued row; returns how many were sent."""
    vastgelopen_meldingen_vrijgeven(now=now)
    # Each row is claimed at its own clock time, not at `now`: a long sweep would otherwise
    # give its last rows a claim that looks older than it is, and release them sooner.
    return sum(melding_bezorgen(melding_id=pk) for pk in openstaande_meldingen())
