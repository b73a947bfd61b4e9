"""Mentor training: deadlines per partnership, planned / completed / exempted, and the sweeps."""

import datetime as dt
from datetime import datetime

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.selectors import partnerschap_team, werkgevers
from duaal.audit.services import audit_record, audit_record_bulk
from duaal.meldingen.services import page_url, send_mail
from duaal.organisaties.models import Partnerschap
from duaal.organisaties.selectors import regels_voor
from duaal.termijnen import (
    MENTOROPLEIDING,
    MENTOROPLEIDING_HERINNERING,
    MENTOROPLEIDING_PLANNEN,
    einde,
    vandaag,
)
from duaal.uploads import controleer_bewijsstuk
from duaal.workflow import (
    Refusals,
    guarded_by,
    refusals,
    refuse_unless,
    system_sweep,
    transition_allowed,
)
from mentors.constants import (
    OPLEIDING_OPEN,
    OPLEIDING_OVERGANGEN,
    OPLEIDING_VERB,
    TOEWIJZING_LOPEND,
    AuditVerb,
    OpleidingStatus,
)
from mentors.exceptions import MentorFout
from mentors.models import Mentor, Mentoropleiding, MentorToewijzing

from .common import (
    motivatie_verplicht,
)


def _nog_nodig() -> Exists:
    """A training is chased only while the mentor holds a live designation under the
    partnership: a refused or deactivated mentor is nobody's mentor there."""
    return Exists(
        MentorToewijzing.objects.filter(
            mentor_id=OuterRef("mentor_id"),
            opleiding__partnerschap_id=OuterRef("partnerschap_id"),
            status__in=TOEWIJZING_LOPEND,
            actief=True,
        )
    )


def mentoropleiding_starten(
    *, mentor: Mentor, partnerschap: Partnerschap, vanaf: dt.date
) -> Mentoropleiding:
    """Start the training clock once per mentor and partnership; later designations keep it.
    The deadline is the partnership's version in force on the day the clock starts from, so a
    later change of the deadline leaves running trainings alone."""
    plannen = partnerschap.mentoropleiding_plannen_maanden
    maanden = regels_voor(partnerschap, op=vanaf).mentoropleiding_termijn_maanden
    opleiding, _created = Mentoropleiding.objects.get_or_create(
        mentor=mentor,
        partnerschap=partnerschap,
        defaults={
            "voltooien_uiterlijk_op": einde(MENTOROPLEIDING, vanaf, lengte=maanden),
            "plannen_uiterlijk_op": einde(MENTOROPLEIDING_PLANNEN, vanaf, lengte=plannen)
            if plannen
            else None,
        },
    )
    return opleiding


def _vergrendel(opleiding: Mentoropleiding) -> Mentoropleiding:
    return (
        Mentoropleiding.objects.select_for_update(of=("self",))
        .select_related("mentor")
        .get(pk=opleiding.pk)
    )


def _overgang(opleiding: Mentoropleiding, nieuw: str) -> str | None:
    return transition_allowed(
        opleiding.status, nieuw, OPLEIDING_OVERGANGEN, opleiding.get_status_display()
    )


def _wijzig(
    opleiding: Mentoropleiding, nieuw: str, velden: dict, door: Actor, now: datetime, note: str = ""
) -> Mentoropleiding:
    """Change the locked row, whose guard allowed it, and record it."""
    oud = opleiding.status
    for veld, waarde in velden.items():
        setattr(opleiding, veld, waarde)
    opleiding.status, opleiding.bijgewerkt_door = nieuw, door.audit_user
    opleiding.save(update_fields=["status", "bijgewerkt_door", "updated_at", *velden])
    audit_record(
        obj=opleiding,
        verb=OPLEIDING_VERB[nieuw],
        door=door,
        before={"status": oud},
        after={"status": nieuw, **{k: str(v) for k, v in velden.items() if k != "certificaat"}},
        note=note,
        now=now,
    )
    return opleiding


def kan_mentoropleiding_plannen(
    opleiding: Mentoropleiding, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not (re)plan the mentor's training now."""
    return refusals(
        door.may(perms.MENTOR_BEHEREN, opleiding), _overgang(opleiding, OpleidingStatus.GEPLAND)
    )


@guarded_by(kan_mentoropleiding_plannen)
@transaction.atomic
def mentoropleiding_plannen(
    *, opleiding: Mentoropleiding, gepland_op: dt.date, door: Actor, now: datetime | None = None
) -> Mentoropleiding:
    now = now or timezone.now()
    opleiding = _vergrendel(opleiding)
    refuse_unless(kan_mentoropleiding_plannen(opleiding, door=door, now=now))
    if gepland_op < vandaag(now):
        raise MentorFout(_("A training is planned for today or a later date."))
    # Planning resolves a missed planning deadline; the completion deadline is flagged anew.
    velden = {"gepland_op": gepland_op, "achterstallig_sinds": None}
    return _wijzig(opleiding, OpleidingStatus.GEPLAND, velden, door, now)


def kan_mentoropleiding_voltooien(
    opleiding: Mentoropleiding, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not record the training as completed now."""
    return refusals(
        door.may(perms.MENTOR_BEHEREN, opleiding), _overgang(opleiding, OpleidingStatus.GEVOLGD)
    )


@guarded_by(kan_mentoropleiding_voltooien)
@transaction.atomic
def mentoropleiding_voltooien(
    *,
    opleiding: Mentoropleiding,
    gevolgd_op: dt.date,
    certificaat: UploadedFile,
    door: Actor,
    now: datetime | None = None,
) -> Mentoropleiding:
    now = now or timezone.now()
    opleiding = _vergrendel(opleiding)
    refuse_unless(kan_mentoropleiding_voltooien(opleiding, door=door, now=now))
    if gevolgd_op > vandaag(now):
        raise MentorFout(_("The completion date cannot lie in the future."))
    controleer_bewijsstuk(certificaat)
    velden = {"gevolgd_op": gevolgd_op, "certificaat": certificaat, "achterstallig_sinds": None}
    return _wijzig(opleiding, OpleidingStatus.GEVOLGD, velden, door, now)


def kan_mentoropleiding_vrijstellen(
    opleiding: Mentoropleiding, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not exempt the mentor from the training now: only the
    training's partnership, while it is open (R39)."""
    return refusals(
        door.may(perms.MENTOR_BEOORDELEN, opleiding),
        _overgang(opleiding, OpleidingStatus.VRIJGESTELD),
    )


@guarded_by(kan_mentoropleiding_vrijstellen)
@transaction.atomic
def mentoropleiding_vrijstellen(
    *, opleiding: Mentoropleiding, reden: str, door: Actor, now: datetime | None = None
) -> Mentoropleiding:
    """The partnership exempts a mentor (similar course, or competence shown; R39)."""
    now = now or timezone.now()
    opleiding = _vergrendel(opleiding)
    refuse_unless(kan_mentoropleiding_vrijstellen(opleiding, door=door, now=now))
    reden = motivatie_verplicht(reden)
    velden = {"vrijstelling_reden": reden, "achterstallig_sinds": None}
    return _wijzig(opleiding, OpleidingStatus.VRIJGESTELD, velden, door, now, note=reden)


@system_sweep
def mentoropleidingen_herinneren(*, now: datetime | None = None) -> int:
    """Beat sweep: remind the employer once, N days (per partnership) before the deadline."""
    now = now or timezone.now()
    vandaag_ = vandaag(now)
    totaal = 0
    for partnerschap in Partnerschap.objects.all():
        grens = einde(
            MENTOROPLEIDING_HERINNERING,
            vandaag_,
            lengte=partnerschap.mentoropleiding_herinnering_dagen,
        )
        due = (
            Mentoropleiding.objects.filter(
                partnerschap=partnerschap,
                status__in=OPLEIDING_OPEN,
                herinnering_verstuurd_op__isnull=True,
                voltooien_uiterlijk_op__lte=grens,
                voltooien_uiterlijk_op__gte=vandaag_,
            )
            .filter(_nog_nodig())
            .select_related("mentor")
        )
        for opleiding in due:
            totaal += _herinner(opleiding, now)
    return totaal


@transaction.atomic
def _herinner(opleiding: Mentoropleiding, now: datetime) -> int:
    # Claim with a conditional UPDATE: a concurrent or repeated sweep reminds nobody twice.
    if not Mentoropleiding.objects.filter(
        pk=opleiding.pk, herinnering_verstuurd_op__isnull=True
    ).update(herinnering_verstuurd_op=now):
        return 0
    send_mail(
        "mentors/training_due",
        recipients=werkgevers(opleiding.mentor.onderneming_id),
        event_key=f"mentoropleiding:{opleiding.pk}:herinnering",
        context={
            "mentor": str(opleiding.mentor),
            "d": opleiding.voltooien_uiterlijk_op,
            "url": page_url(opleiding.mentor),
        },
    )
    audit_record_bulk(objs=[opleiding], verb=AuditVerb.MENTOROPLEIDING_HERINNERING, now=now)
    return 1


@system_sweep
def mentoropleidingen_achterstallig_melden(*, now: datetime | None = None) -> int:
    """Beat sweep: flag open trainings past a deadline to the partnership and the employer.

    Overdue means not completed by the completion deadline, or not even planned by the
    planning deadline (construction). Each training is flagged once (`achterstallig_sinds`).
    """
    now = now or timezone.now()
    dag = vandaag(now)
    te_laat = Q(voltooien_uiterlijk_op__lt=dag) | Q(
        status=OpleidingStatus.TE_VOLGEN, plannen_uiterlijk_op__lt=dag
    )
    kandidaten = Mentoropleiding.objects.filter(
        te_laat, _nog_nodig(), status__in=OPLEIDING_OPEN, achterstallig_sinds__isnull=True
    )
    totaal = 0
    for opleiding in kandidaten.select_related("mentor", "partnerschap"):
        totaal += _markeer_achterstallig(opleiding, dag, now)
    return totaal


@transaction.atomic
def _markeer_achterstallig(opleiding: Mentoropleiding, dag: dt.date, now: datetime) -> int:
    if not Mentoropleiding.objects.filter(pk=opleiding.pk, achterstallig_sinds__isnull=True).update(
        achterstallig_sinds=dag
    ):
        return 0
    voltooien = opleiding.voltooien_uiterlijk_op < dag
    soort = "voltooien" if voltooien else "plannen"
    send_mail(
        "mentors/training_overdue",
        recipients=werkgevers(opleiding.mentor.onderneming_id)
        + partnerschap_team(opleiding.partnerschap_id),
        event_key=f"mentoropleiding:{opleiding.pk}:achterstallig:{soort}",
        context={
            "voltooien": voltooien,
            "mentor": str(opleiding.mentor),
            "onderneming": str(opleiding.mentor.onderneming),
            "url": page_url(opleiding.mentor),
        },
    )
    audit_record_bulk(
        objs=[opleiding],
        verb=AuditVerb.MENTOROPLEIDING_ACHTERSTALLIG,
        after={"sinds": dag.isoformat(), "termijn": soort},
        now=now,
    )
    return 1
