"""Beat sweeps over the stored deadlines (design.md section 4).

Each selects due rows by index, acts in batches with one transaction per batch, writes the
audit events in bulk and is idempotent: a second run finds nothing due. If the worker dies
mid-sweep, the next run finishes the job.
"""

import datetime as dt
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext

from duaal.accounts.selectors import beheerders, consulenten, werkgevers
from duaal.audit.bulk import events_insert_sql
from duaal.audit.services import SYSTEM_LABEL, audit_record_bulk
from duaal.meldingen.services import page_url, portal_url, send_mail
from duaal.organisaties.constants import BijTermijnoverschrijding, PartnerschapSoort
from duaal.organisaties.models import Partnerschap
from duaal.organisaties.selectors import regels_voor
from duaal.termijnen import BESLISSING_HERINNERING, HERNIEUWING_HERINNERING, einde, vandaag
from duaal.workflow import system_sweep
from erkenning.constants import (
    AFGESLOTEN_ZONDER_ERKENNING,
    HERNIEUWING_HERINNERINGEN,
    LOPEND,
    AanvraagStatus,
    AuditVerb,
    ErkenningStatus,
)
from erkenning.models import Aanvraag, Erkenning

BATCH = 5000


@system_sweep
def beslistermijn_herinneren(*, now: datetime | None = None) -> int:
    """Remind the consultants N days (per partnership) before the decision is due, once."""
    now = now or timezone.now()
    dag, totaal = vandaag(now), 0
    for partnerschap in Partnerschap.objects.all():
        grens = einde(
            BESLISSING_HERINNERING, dag, lengte=partnerschap.herinnering_dagen_voor_termijn
        )
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
                send_mail(
                    "erkenning/decision_due",
                    recipients=consulenten(partnerschap.pk),
                    event_key=f"aanvraag:{aanvraag.pk}:herinnering",
                    context={
                        "aanvraag": str(aanvraag),
                        "d": aanvraag.beslissing_uiterlijk_op,
                        "url": portal_url(
                            "erkenning:aanvraag_beslissen", public_id=aanvraag.public_id
                        ),
                    },
                )
                audit_record_bulk(objs=[aanvraag], verb=AuditVerb.AANVRAAG_HERINNERING, now=now)
                totaal += 1
    return totaal


@system_sweep
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
        termijn = aanvraag.beslissing_uiterlijk_op
        assert termijn is not None  # the query asked for a decision date before today
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
            # The address the partnership's admin set for escalations gets it too.
            adres = regels_voor(aanvraag.partnerschap, op=now).escalatie_e_mail
            send_mail(
                "erkenning/decision_term_exceeded",
                recipients=ontvangers,
                e_mails={adres: str(aanvraag.partnerschap)} if adres else None,
                event_key=f"aanvraag:{aanvraag.pk}:geescaleerd",
                context={
                    "aanvraag": str(aanvraag),
                    "onderneming": str(aanvraag.onderneming),
                    "d": aanvraag.beslissing_uiterlijk_op,
                    "url": page_url(aanvraag),
                },
            )
            audit_record_bulk(
                objs=[aanvraag],
                verb=AuditVerb.AANVRAAG_GEESCALEERD,
                after={"termijn": termijn.isoformat()},
                now=now,
            )
            totaal += 1
    return totaal


# One statement per batch: take due rows from the partial index on valid_until (expired rows
# leave it, so no keyset is needed and a run with nothing due costs nothing), expire them and
# write their audit events in the same round trip. The status list is a code constant, inlined
# so the planner can match the partial index's predicate.
#
# One UPDATE per running status, each by `id = ANY(array)`: the primary key is then walked in
# id order (close to the table's physical order), about as fast as one plain UPDATE of the due
# rows; joining `due` row by row, or locking it first with FOR UPDATE, took twice as long (P3).
# Each UPDATE re-checks its status, so a row whose status a concurrent transaction changed is
# skipped (and taken in a later batch) instead of being audited with a stale "before"; two
# sweeps at once cannot expire a row twice for the same reason.
_LOPEND_SQL = ", ".join(f"'{s}'" for s in LOPEND)
_PER_STATUS = ",\n".join(
    f"""upd_{i} AS (
    UPDATE erkenning_erkenning e
    SET status = %(verlopen)s, beeindigd_op = %(now)s, updated_at = %(now)s
    WHERE e.id = ANY(ARRAY(SELECT id FROM due WHERE status = '{status}'))
      AND e.status = '{status}'
    RETURNING e.id, '{status}'::text AS oud, e.partnerschap_id
)"""
    for i, status in enumerate(LOPEND)
)
_BIJGEWERKT = " UNION ALL ".join(f"SELECT * FROM upd_{i}" for i in range(len(LOPEND)))
# The batch's audit events, by the audit app's bulk INSERT (it owns the table and its columns).
_AUDIT = events_insert_sql(
    {
        "actor": "NULL",
        "actor_label": "%(label)s",
        "organisatie": "upd.partnerschap_id",
        "content_type": "%(soort)s",
        "object_id": "upd.id",
        "object_repr": "'erkenning ' || upd.id",
        "verb": "%(verb)s",
        "before": "jsonb_build_object('status', upd.oud)",
        "after": "jsonb_build_object('status', %(verlopen)s::text)",
        "note": "''",
        "at": "%(now)s",
    },
    source="upd",
    returning=["object_id"],
)
_VERLOOP_SQL = f"""
WITH due AS MATERIALIZED (
    SELECT id, status FROM erkenning_erkenning
    WHERE status IN ({_LOPEND_SQL}) AND geldig_tot < %(dag)s
    ORDER BY geldig_tot, id
    LIMIT %(batch)s
), {_PER_STATUS}, upd AS ({_BIJGEWERKT}), ev AS (
{_AUDIT}
)
SELECT (SELECT count(*) FROM due), COALESCE(array_agg(object_id), '{{}}') FROM ev
"""


@system_sweep
def erkenningen_laten_verlopen(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Expire recognitions past valid_until (R19): batches of `batch` rows, one short
    transaction each, the audit events written in the same statement; a batch that fails
    leaves the batches before it committed. A batch whose rows were all changed by a
    concurrent transaction meanwhile expires none of them; the next batch takes them again,
    as they are now."""
    now = now or timezone.now()
    dag, totaal = vandaag(now), 0
    while True:
        with transaction.atomic():
            # The agreements app's sweep reads the ended recognitions from the table (R24).
            gevonden, ids = _verloop_batch(dag, now, batch)
        if not gevonden:
            return totaal
        totaal += len(ids)


def _verloop_batch(dag: dt.date, now: datetime, batch: int) -> tuple[int, list[int]]:
    """(due rows found, ids expired) of one batch."""
    if connection.vendor != "postgresql":
        # The embedded demo (SQLite): the same effect through the ORM.
        rijen = list(
            Erkenning.objects.filter(status__in=LOPEND, geldig_tot__lt=dag).order_by(
                "geldig_tot", "pk"
            )[:batch]
        )
        for oud in sorted({r.status for r in rijen}):
            groep = [r for r in rijen if r.status == oud]
            Erkenning.objects.filter(pk__in=[r.pk for r in groep]).update(
                status=ErkenningStatus.VERLOPEN, beeindigd_op=now, updated_at=now
            )
            audit_record_bulk(
                objs=groep,
                verb=AuditVerb.ERKENNING_VERLOPEN,
                before={"status": oud},
                after={"status": ErkenningStatus.VERLOPEN},
                now=now,
            )
        return len(rijen), [r.pk for r in rijen]
    with connection.cursor() as cursor:
        # Idempotent sweep: a commit lost in a crash is simply redone by the next run.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            _VERLOOP_SQL,
            {
                "dag": dag,
                "batch": batch,
                "verlopen": ErkenningStatus.VERLOPEN,
                "verb": str(AuditVerb.ERKENNING_VERLOPEN),
                "now": now,
                "label": gettext(SYSTEM_LABEL),
                "soort": ContentType.objects.get_for_model(Erkenning).pk,
            },
        )
        gevonden, ids = cursor.fetchone()
        return gevonden, sorted(ids)


@system_sweep
def hernieuwing_herinneren(*, now: datetime | None = None) -> int:
    """Remind the employer 180, 90 and 30 days before valid_until; each window once, and a
    recognition entering a later window late gets only the nearest reminder."""
    now = now or timezone.now()
    dag, totaal = vandaag(now), 0
    vensters = sorted(HERNIEUWING_HERINNERINGEN)  # 30, 90, 180
    # No reminder while a renewal of the recognition is already being drafted or reviewed.
    renewal_under_way = Aanvraag.objects.filter(vorige_erkenning=OuterRef("pk")).exclude(
        status__in=AFGESLOTEN_ZONDER_ERKENNING
    )
    for i, dagen in enumerate(vensters):
        ondergrens = einde(HERNIEUWING_HERINNERING, dag, lengte=vensters[i - 1]) if i else None
        qs = Erkenning.objects.filter(
            status__in=LOPEND,
            geldig_tot__lte=einde(HERNIEUWING_HERINNERING, dag, lengte=dagen),
            geldig_tot__gte=dag,
        )
        if ondergrens is not None:
            qs = qs.filter(geldig_tot__gt=ondergrens)
        qs = (
            qs.exclude(hernieuwing_herinnerd__lte=dagen)
            .exclude(Exists(renewal_under_way))
            .select_related("opleiding", "vestiging")
        )
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
    send_mail(
        "erkenning/renewal_due",
        recipients=werkgevers(erkenning.onderneming_id),
        event_key=f"erkenning:{erkenning.pk}:hernieuwing:{dagen}",
        context={
            "erkenning": str(erkenning),
            "d": erkenning.geldig_tot,
            "url": portal_url("erkenning:erkenning_hernieuwen", public_id=erkenning.public_id),
        },
    )
    audit_record_bulk(
        objs=[erkenning],
        verb=AuditVerb.ERKENNING_HERNIEUWING_HERINNERD,
        after={"dagen": dagen},
        now=now,
    )
    return 1
