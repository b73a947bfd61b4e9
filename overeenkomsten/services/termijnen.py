"""Beat sweeps: the 20-training-day window (R48), the normal end of signed agreements, and
PDFs whose after-commit render was lost. Each claims its rows, so a rerun changes nothing."""

from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.audit.services import audit_record_bulk
from duaal.termijnen import vandaag
from overeenkomsten.constants import OPLEIDINGSDAGEN_HERINNERING, OvereenkomstStatus
from overeenkomsten.kalender import na_opleidingsdagen
from overeenkomsten.models import Leerling, Overeenkomst, OvereenkomstDocument

from .common import melden

BATCH = 2000


def leerling_termijnen_herinneren(*, now: datetime | None = None) -> int:
    """Remind the coach once when five training days or fewer remain."""
    now = now or timezone.now()
    dag = vandaag(now)
    grens = na_opleidingsdagen(dag, OPLEIDINGSDAGEN_HERINNERING)
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
            melden(
                f"leerling:{leerling.pk}:termijn:{leerling.overeenkomst_uiterlijk}:herinnering",
                [leerling.trajectbegeleider],
                _("A learner still needs an agreement"),
                _("%(leerling)s must have a signed agreement by %(d)s (20 training days, R48).")
                % {"leerling": leerling, "d": leerling.overeenkomst_uiterlijk.strftime("%d/%m/%Y")},
            )
            aantal += 1
    return aantal


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
                verb="leerling.termijn_verstreken",
                after={"uiterlijk": str(leerling.overeenkomst_uiterlijk)},
                now=now,
            )
            melden(
                f"leerling:{leerling.pk}:termijn:{leerling.overeenkomst_uiterlijk}:verstreken",
                [leerling.trajectbegeleider],
                _("No agreement within 20 training days"),
                _(
                    "%(leerling)s has no signed agreement although the term ended on %(d)s. "
                    "Without one the learner attends school full-time or stops the training (R48)."
                )
                % {"leerling": leerling, "d": leerling.overeenkomst_uiterlijk.strftime("%d/%m/%Y")},
            )
            aantal += 1
    return aantal


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
                verb="overeenkomst.afgelopen",
                before={"status": OvereenkomstStatus.ONDERTEKEND},
                after={"status": OvereenkomstStatus.AFGELOPEN},
                now=now,
            )
            totaal += len(ids)


def ontbrekende_pdfs() -> list[tuple[int, int]]:
    """Agreements sent to the parties whose current version has no PDF yet (a lost task)."""
    heeft = OvereenkomstDocument.objects.filter(
        overeenkomst_id=OuterRef("pk"), versie=OuterRef("versie")
    )
    return list(
        Overeenkomst.objects.filter(
            ~Exists(heeft),
            status__in=[OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.ONDERTEKEND],
        ).values_list("pk", "versie")
    )
