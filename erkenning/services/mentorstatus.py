"""R43: a running recognition follows whether its establishment x programme has a valid mentor.

This app reads the mentor register's stored state in its own sweep (G27): an active recognition
whose place has no valid mentor any more becomes "without a valid mentor" (no new agreement can
start), and one whose place has a valid mentor again becomes active. Beat runs the sweep every
few minutes; where this app changes designations itself (accepting an application's mentors,
barring a mentor) it enqueues the sweep for that place after commit. Idempotent: a second run
finds nothing to do, so a lost or doubled run is harmless.
"""

from datetime import datetime
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from duaal.accounts.actor import SYSTEM
from duaal.audit.services import audit_record
from duaal.termijnen import vandaag
from duaal.workflow import refusals, refuse_unless, system_sweep, transition_allowed
from erkenning.constants import ERKENNING_OVERGANGEN, AuditVerb, ErkenningStatus
from erkenning.models import Erkenning
from mentors.selectors import geldige_mentor_voor_plaats

# Rows per transaction: a batch locks its recognitions only as long as it takes to audit them.
BATCH = 500

_VERB: dict[str, AuditVerb] = {
    ErkenningStatus.ZONDER_GELDIGE_MENTOR: AuditVerb.ERKENNING_ZONDER_GELDIGE_MENTOR,
    ErkenningStatus.ACTIEF: AuditVerb.ERKENNING_ACTIEF,
}


@system_sweep
def erkenningen_mentorstatus_bijwerken(
    *,
    now: datetime | None = None,
    plaats: tuple[int, int] | None = None,
    batch: int = BATCH,
) -> int:
    """Make both R43 transitions for every running recognition (or only the one of `plaats`,
    an (establishment id, programme id) this app just changed designations for), as the
    system, in batches. Returns how many recognitions changed."""
    now = now or timezone.now()
    heeft_mentor = geldige_mentor_voor_plaats("vestiging_id", "opleiding_id", op=vandaag(now))
    waar = Q() if plaats is None else Q(vestiging_id=plaats[0], opleiding_id=plaats[1])
    return _overgaan(
        waar & ~Q(heeft_mentor),
        ErkenningStatus.ACTIEF,
        ErkenningStatus.ZONDER_GELDIGE_MENTOR,
        now,
        batch,
    ) + _overgaan(
        waar & Q(heeft_mentor),
        ErkenningStatus.ZONDER_GELDIGE_MENTOR,
        ErkenningStatus.ACTIEF,
        now,
        batch,
    )


def _overgaan(waar: Q, van: str, naar: str, now: datetime, batch: int) -> int:
    """Move the recognitions in `van` that match `waar` to `naar`, one transaction per batch,
    in pk order (a keyset, so the loop ends even if a row cannot be taken now)."""
    refuse_unless(
        refusals(transition_allowed(van, naar, ERKENNING_OVERGANGEN, ErkenningStatus(van).label))
    )
    totaal, na_pk = 0, 0
    while True:
        with transaction.atomic():
            # A row a user transaction holds (a sanction, a renewal) is skipped, not waited
            # for: the next run takes it, as it then is.
            rijen = list(
                Erkenning.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("partnerschap", "opleiding", "vestiging")
                .filter(waar, status=van, pk__gt=na_pk)
                .order_by("pk")[:batch]
            )
            if rijen:
                Erkenning.objects.filter(pk__in=[e.pk for e in rijen]).update(
                    status=naar, updated_at=now
                )
            for erkenning in rijen:
                audit_record(
                    obj=erkenning,
                    verb=_VERB[naar],
                    door=SYSTEM,
                    organisatie=erkenning.partnerschap,
                    before={"status": van},
                    after={"status": naar},
                    now=now,
                )
        totaal += len(rijen)
        if len(rijen) < batch:
            return totaal
        na_pk = rijen[-1].pk


def mentorstatus_na_commit(vestiging_id: int, opleiding_id: int, now: datetime) -> None:
    """This app changed designations of this place itself: let the sweep look at the place
    right after commit instead of at its next beat run."""
    from erkenning.tasks import erkenningen_mentorstatus_task  # tasks import the services

    transaction.on_commit(
        partial(
            erkenningen_mentorstatus_task.delay,
            now=now.isoformat(),
            vestiging_id=vestiging_id,
            opleiding_id=opleiding_id,
        )
    )
