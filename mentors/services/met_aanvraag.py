"""Designations decided with an application for recognition (R21): approving the application
accepts the mentors it names, in one step and without a mail of their own (the approval's
mail tells the employer)."""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.workflow import Refusals, guarded_by, refusals, refuse_unless, transition_allowed
from mentors.constants import TOEWIJZING_OVERGANGEN, TOEWIJZING_VERB, ToewijzingStatus
from mentors.models import MentorToewijzing


def kan_toewijzingen_aanvaarden_met_aanvraag(
    toewijzingen: Sequence[MentorToewijzing], *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not accept these designations now: only the
    partnership each programme is routed to, and only while each awaits review."""
    return refusals(
        *(door.may(perms.MENTOR_BEOORDELEN, toewijzing) for toewijzing in toewijzingen),
        *(
            transition_allowed(
                toewijzing.status,
                ToewijzingStatus.AANVAARD,
                TOEWIJZING_OVERGANGEN,
                toewijzing.get_status_display(),
            )
            for toewijzing in toewijzingen
        ),
    )


@guarded_by(kan_toewijzingen_aanvaarden_met_aanvraag)
@transaction.atomic
def toewijzingen_aanvaarden_met_aanvraag(
    *, toewijzingen: Sequence[MentorToewijzing], door: Actor, now: datetime
) -> int:
    """Accept the designations an approved application named; returns how many. Each gets
    its audit event; no mail (the application's decision tells the employer)."""
    vergrendeld = list(
        MentorToewijzing.objects.select_for_update(of=("self",))
        .select_related("opleiding__partnerschap")
        .filter(pk__in=[t.pk for t in toewijzingen])
        .order_by("pk")
    )
    refuse_unless(kan_toewijzingen_aanvaarden_met_aanvraag(vergrendeld, door=door, now=now))
    if not vergrendeld:
        return 0
    motivatie = _("Accepted with the application.")
    MentorToewijzing.objects.filter(pk__in=[t.pk for t in vergrendeld]).update(
        status=ToewijzingStatus.AANVAARD,
        motivatie=motivatie,
        beslist_door=door.audit_user,
        beslist_op=now,
        updated_at=now,
    )
    for toewijzing in vergrendeld:
        audit_record(
            obj=toewijzing,
            verb=TOEWIJZING_VERB[ToewijzingStatus.AANVAARD],
            door=door,
            organisatie=toewijzing.opleiding.partnerschap,
            before={"status": toewijzing.status},
            after={"status": ToewijzingStatus.AANVAARD},
            note=motivatie,
            now=now,
        )
    return len(vergrendeld)
