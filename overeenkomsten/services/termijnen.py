"""Beat sweeps: the 20-training-day window (R48) and the normal end of signed agreements.
Each claims its rows, so a rerun changes nothing. (The PDFs a lost render left out are read
by selectors.ontbrekende_pdfs.)"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from duaal.audit.services import audit_record_bulk
from duaal.meldingen.services import page_url, send_mail
from duaal.termijnen import OVEREENKOMST_SLUITEN_HERINNERING, einde, vandaag
from duaal.workflow import system_sweep
from overeenkomsten.constants import AuditVerb, OvereenkomstStatus
from overeenkomsten.models import Leerling, Overeenkomst

from .traject import fases_afgelopen

BATCH = 2000


@system_sweep
def leerling_termijnen_herinneren(*, now: datetime | None = None) -> int:
    """Remind the coach once when five training days or fewer remain."""
    now = now or timezone.now()
    dag = vandaag(now)
    grens = einde(OVEREENKOMST_SLUITEN_HERINNERING, dag)
    aantal = 0
    due = Leerling.objects.filter(
        overeenkomst_uiterlijk__gte=dag,
        overeenkomst_uiterlijk__lte=grens,
        termijn_herinnerd_op__isnull=True,
    ).select_related("onderwijsinstelling")
    for leerling in due:
        with transaction.atomic():
            if not Leerling.objects.filter(
                pk=leerling.pk, termijn_herinnerd_op__isnull=True
            ).update(termijn_herinnerd_op=now):
                continue
            send_mail(
                "overeenkomsten/term_reminder",
                recipients=[leerling.trajectbegeleider],
                event_key=f"leerling:{leerling.pk}:termijn:{leerling.overeenkomst_uiterlijk}:herinnering",
                context={
                    "leerling": str(leerling),
                    "d": leerling.overeenkomst_uiterlijk,
                    "url": page_url(leerling),
                },
            )
            aantal += 1
    return aantal


@system_sweep
def leerling_termijnen_markeren(*, now: datetime | None = None) -> int:
    """Flag learners whose window passed without a signed agreement; the coach decides next."""
    now = now or timezone.now()
    dag = vandaag(now)
    aantal = 0
    due = Leerling.objects.filter(
        overeenkomst_uiterlijk__lt=dag, termijn_verstreken_op__isnull=True
    )
    for leerling in due:
        with transaction.atomic():
            if not Leerling.objects.filter(
                pk=leerling.pk, termijn_verstreken_op__isnull=True
            ).update(termijn_verstreken_op=now):
                continue
            audit_record_bulk(
                objs=[leerling],
                verb=AuditVerb.LEERLING_TERMIJN_VERSTREKEN,
                after={"uiterlijk": str(leerling.overeenkomst_uiterlijk)},
                now=now,
            )
            send_mail(
                "overeenkomsten/term_lapsed",
                recipients=[leerling.trajectbegeleider],
                event_key=f"leerling:{leerling.pk}:termijn:{leerling.overeenkomst_uiterlijk}:verstreken",
                context={
                    "leerling": str(leerling),
                    "d": leerling.overeenkomst_uiterlijk,
                    "url": page_url(leerling),
                },
            )
            aantal += 1
    return aantal


@system_sweep
def overeenkomsten_afsluiten(*, now: datetime | None = None) -> int:
    """Signed agreements past their end date end normally (R74), in batches."""
    now = now or timezone.now()
    dag = vandaag(now)
    totaal = 0
    while True:
        with transaction.atomic():
            ids = list(
                Overeenkomst.objects.select_for_update(skip_locked=True)
                .filter(status=OvereenkomstStatus.ONDERTEKEND, einde__lt=dag)
                .values_list("pk", flat=True)[:BATCH]
            )
            if not ids:
                return totaal
            Overeenkomst.objects.filter(pk__in=ids).update(
                status=OvereenkomstStatus.AFGELOPEN, updated_at=now
            )
            audit_record_bulk(
                objs=Overeenkomst.objects.filter(pk__in=ids),
                verb=AuditVerb.OVEREENKOMST_AFGELOPEN,
                before={"status": OvereenkomstStatus.ONDERTEKEND},
                after={"status": OvereenkomstStatus.AFGELOPEN},
                now=now,
            )
            # R48: a phase with a later phase still unsigned opens the learner's window.
            fases_afgelopen(ids, now=now)
            totaal += len(ids)
