"""Application copies of the 596.2 extract: purged like the mentor register's (S7)."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from duaal.audit.services import audit_record_bulk
from duaal.organisaties.models import Partnerschap
from duaal.termijnen import vandaag
from duaal.workflow import system_sweep
from erkenning.constants import BESLIST, AuditVerb
from erkenning.models import AanvraagDocument


@system_sweep
def aanvraag_uittreksels_opruimen(*, now: datetime | None = None, batch: int = 500) -> int:
    """Beat sweep: delete the file of every per-mentor document (the 596.2 extract, once per
    named mentor) of a decided application once the deciding partnership's retention days
    have passed since the decision, as the register does after its check. The decision keeps
    "checked on D by C" (the application's decided at and by); the row stays, without its
    file. Idempotent: a purged row has no file and is not selected again; a crash mid-batch is
    finished on the next run."""
    now = now or timezone.now()
    totaal = 0
    for partnerschap_id, dagen in Partnerschap.objects.values_list(
        "pk", "uittreksel_bewaartermijn_dagen"
    ):
        totaal += _opruimen_voor(
            partnerschap_id, vandaag(now) - dt.timedelta(days=dagen), now, batch
        )
    return totaal


def _opruimen_voor(
    partnerschap_id: int, beslist_uiterlijk: dt.date, now: datetime, batch: int
) -> int:
    totaal = 0
    while True:
        with transaction.atomic():
            rijen = list(
                AanvraagDocument.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    vereist__per_mentor=True,
                    aanvraag__partnerschap_id=partnerschap_id,
                    aanvraag__status__in=BESLIST,
                    aanvraag__beslist_op__date__lte=beslist_uiterlijk,
                )
                .exclude(bestand="")
                .order_by("pk")[:batch]
            )
            if not rijen:
                return totaal
            for rij in rijen:
                rij.bestand.delete(save=False)
                rij.bestand = ""
            AanvraagDocument.objects.bulk_update(rijen, ["bestand"])
            audit_record_bulk(
                objs=rijen, verb=AuditVerb.AANVRAAGDOCUMENT_BESTAND_VERWIJDERD, now=now
            )
            totaal += len(rijen)
