"""Beat sweeps over the stored deadlines (design.md section 4).

Each selects due rows by index, acts in batches with one transaction per batch, writes the
audit events in bulk and is idempotent: a second run finds nothing due. If the worker dies
mid-sweep, the next run finishes the job.
"""

import datetime as dt
import time
from collections.abc import Callable
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.audit.models import Event
from duaal.audit.services import SYSTEM_LABEL, audit_record_bulk
from duaal.organisaties.constants import BijTermijnoverschrijding, PartnerschapSoort
from duaal.organisaties.models import Partnerschap
from duaal.termijnen import vandaag
from erkenning.constants import HERNIEUWING_HERINNERINGEN, LOPEND, AanvraagStatus, ErkenningStatus
from erkenning.models import Aanvraag, Erkenning
from erkenning.signals import erkenning_beeindigd

from .common import beheerders, consulenten, melden, werkgevers

BATCH = 5000


def beslistermijn_herinneren(*, now: datetime | None = None) -> int:
    """Remind the consultants N days (per partnership) before the decision is due, once."""
    now = now or timezone.now()
    dag, totaal = vandaag(now), 0
    for partnerschap in Partnerschap.objects.all():
        grens = dag + dt.timedelta(days=partnerschap.herinnering_dagen_voor_termijn)
        due = Aanvraag.objects.filter(
            partnerschap=partnerschap,
            status=AanvraagStatus.VOLLEDIG,
            herinnering_verstuurd_op__isnull=True,
            beslissing_uiterlijk_op__lte=grens,
            beslissing_uiterlijk_op__gte=dag,
        )
        for aanvraag in due:
            with transaction.atomic():
                # Claim first: a concurrent or repeated sweep reminds nobody twice.
                if not Aanvraag.objects.filter(
                    pk=aanvraag.pk, herinnering_verstuurd_op__isnull=True
                ).update(herinnering_verstuurd_op=now):
                    continue
                melden(
                    f"aanvraag:{aanvraag.pk}:herinnering",
                    consulenten(partnerschap.pk),
                    _("Decision due soon"),
                    _("%(aanvraag)s must be decided by %(d)s.")
                    % {
                        "aanvraag": aanvraag,
                        "d": aanvraag.beslissing_uiterlijk_op.strftime("%d/%m/%Y"),
                    },
                )
                audit_record_bulk(objs=[aanvraag], verb="aanvraag.herinnering", now=now)
                totaal += 1
    return totaal


def beslistermijn_escaleren(*, now: datetime | None = None) -> int:
    """A lapsed decision term is never silent approval (R18): the file is marked overdue and
    escalated to the partnership admins (and VPDL where the partnership says so)."""
    now = now or timezone.now()
    dag, totaal = vandaag(now), 0
    vpdl = Partnerschap.objects.filter(partnerschap_soort=PartnerschapSoort.VPDL).first()
    due = Aanvraag.objects.filter(
        status=AanvraagStatus.VOLLEDIG, geescaleerd_op__isnull=True, beslissing_uiterlijk_op__lt=dag
    ).select_related("partnerschap")
    for aanvraag in due:
        with transaction.atomic():
            if not Aanvraag.objects.filter(
                pk=aanvraag.pk, status=AanvraagStatus.VOLLEDIG, geescaleerd_op__isnull=True
            ).update(geescaleerd_op=now):
                continue
            ontvangers = beheerders(aanvraag.partnerschap_id)
            if (
                aanvraag.partnerschap.bij_termijnoverschrijding
                == BijTermijnoverschrijding.ESCALEREN_VPDL
                and vpdl
            ):
                ontvangers += beheerders(vpdl.pk)
            melden(
                f"aanvraag:{aanvraag.pk}:geescaleerd",
                ontvangers,
                _("Decision term exceeded"),
                _("%(aanvraag)s (%(onderneming)s) was due on %(d)s and is still undecided.")
                % {
                    "aanvraag": aanvraag,
                    "onderneming": aanvraag.onderneming,
                    "d": aanvraag.beslissing_uiterlijk_op.strftime("%d/%m/%Y"),
                },
            )
            audit_record_bulk(
                objs=[aanvraag],
                verb="aanvraag.geescaleerd",
                after={"termijn": aanvraag.beslissing_uiterlijk_op.isoformat()},
                now=now,
            )
            totaal += 1
    return totaal


_VERLOOP_SQL = """
UPDATE erkenning_erkenning SET status = %s, beeindigd_op = %s, updated_at = %s
WHERE id IN (
    SELECT id FROM erkenning_erkenning
    WHERE status = ANY(%s) AND geldig_tot < %s AND id > %s
    ORDER BY id LIMIT %s
)
RETURNING id
"""


def erkenningen_laten_verlopen(
    *,
    now: datetime | None = None,
    batch: int = BATCH,
    on_batch: Callable[[int, float], None] | None = None,
) -> int:
    """Expire recognitions past valid_until (R19). Set-based, keyset batches of `batch` rows,
    one short transaction each, audit events in one INSERT per batch. `on_batch(rows, seconds)`
    is called after each committed batch, the last (empty) one included: the P3 benchmark."""
    now = now or timezone.now()
    dag, vanaf, totaal = vandaag(now), 0, 0
    soort = ContentType.objects.get_for_model(Erkenning)
    while True:
        begin = time.perf_counter()
        with transaction.atomic():
            ids = _verloop_batch(dag, now, vanaf, batch)
            if not ids:
                break
            Event.objects.bulk_create(
                [
                    Event(
                        actor_label=_(SYSTEM_LABEL),
                        content_type=soort,
                        object_id=pk,
                        object_repr=f"erkenning {pk}",
                        verb="erkenning.verlopen",
                        before={"status": "actief"},
                        after={"status": "verlopen"},
                        at=now,
                    )
                    for pk in ids
                ],
                batch_size=batch,
            )
            transaction.on_commit(lambda ids=ids: _melden_beeindigd(ids, "verlopen", now))
        if on_batch is not None:
            on_batch(len(ids), time.perf_counter() - begin)
        vanaf, totaal = max(ids), totaal + len(ids)
    if on_batch is not None:
        on_batch(0, time.perf_counter() - begin)
    return totaal


def _verloop_batch(dag: dt.date, now: datetime, vanaf: int, batch: int) -> list[int]:
    if connection.vendor != "postgresql":
        # The embedded demo (SQLite): the same effect through the ORM.
        qs = Erkenning.objects.filter(status__in=LOPEND, geldig_tot__lt=dag, pk__gt=vanaf).order_by(
            "pk"
        )
        ids = list(qs.values_list("pk", flat=True)[:batch])
        Erkenning.objects.filter(pk__in=ids).update(
            status=ErkenningStatus.VERLOPEN, beeindigd_op=now, updated_at=now
        )
        return ids
    with connection.cursor() as cursor:
        cursor.execute(
            _VERLOOP_SQL, [ErkenningStatus.VERLOPEN, now, now, list(LOPEND), dag, vanaf, batch]
        )
        return sorted(row[0] for row in cursor.fetchall())


def _melden_beeindigd(ids: list[int], reden: str, now: datetime) -> None:
    if not erkenning_beeindigd.receivers:
        return  # nothing listens yet: skip loading the rows
    for erkenning in Erkenning.objects.filter(pk__in=ids):
        erkenning_beeindigd.send(sender=Erkenning, erkenning=erkenning, reden=reden, now=now)


def hernieuwing_herinneren(*, now: datetime | None = None) -> int:
    """Remind the employer 180, 90 and 30 days before valid_until; each window once, and a
    recognition entering a later window late gets only the nearest reminder."""
    now = now or timezone.now()
    dag, totaal = vandaag(now), 0
    vensters = sorted(HERNIEUWING_HERINNERINGEN)  # 30, 90, 180
    for i, dagen in enumerate(vensters):
        ondergrens = dag + dt.timedelta(days=vensters[i - 1]) if i else None
        qs = Erkenning.objects.filter(
            status__in=LOPEND, geldig_tot__lte=dag + dt.timedelta(days=dagen), geldig_tot__gte=dag
        )
        if ondergrens is not None:
            qs = qs.filter(geldig_tot__gt=ondergrens)
        qs = qs.exclude(hernieuwing_herinnerd__lte=dagen).select_related("opleiding", "vestiging")
        for erkenning in qs:
            totaal += _herinner_hernieuwing(erkenning, dagen, now)
    return totaal


@transaction.atomic
def _herinner_hernieuwing(erkenning: Erkenning, dagen: int, now: datetime) -> int:
    claimed = (
        Erkenning.objects.filter(pk=erkenning.pk)
        .exclude(hernieuwing_herinnerd__lte=dagen)
        .update(hernieuwing_herinnerd=dagen)
    )
    if not claimed:
        return 0
    melden(
        f"erkenning:{erkenning.pk}:hernieuwing:{dagen}",
        werkgevers(erkenning.onderneming_id),
        _("Renew your recognition"),
        _(
            "The recognition for %(erkenning)s ends on %(d)s. "
            "Start the renewal in the portal; it is pre-filled."
        )
        % {"erkenning": erkenning, "d": erkenning.geldig_tot.strftime("%d/%m/%Y")},
    )
    audit_record_bulk(
        objs=[erkenning], verb="erkenning.hernieuwing_herinnerd", after={"dagen": dagen}, now=now
    )
    return 1
