"""The learner's prerequisites (R44-R45): the coach records which diploma or certificate of the
programme the learner holds, with the evidence the programme asks for, or removes a record made
in error. The agreement's guards read them (regelcontrole.py)."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.organisaties.models import Vooropleiding
from duaal.termijnen import vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten.constants import AuditVerb
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling, LeerlingVooropleiding
from overeenkomsten.regelcontrole import regels_van

from .leerling import coach, niet_gestopt


def vooropleidingen_van_programma(leerling: Leerling, *, now: datetime) -> list[Vooropleiding]:
    """The prerequisites of the learner's programme in the version in force now."""
    ids = [p[0] for p in regels_van(leerling.opleiding, verstuurd_op=None, now=now).vooropleidingen]
    return list(Vooropleiding.objects.filter(pk__in=ids).order_by("volgorde", "pk"))


def kan_vooropleiding_vastleggen(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not record a prerequisite for the learner now."""
    return refusals(
        coach(leerling, door),
        niet_gestopt(leerling),
        refuse_if(
            not vooropleidingen_van_programma(leerling, now=now),
            _("The learner's programme asks no prior qualification."),
        ),
    )


@guarded_by(kan_vooropleiding_vastleggen)
@transaction.atomic
def vooropleiding_vastleggen(
    *,
    leerling: Leerling,
    vooropleiding: Vooropleiding,
    bewijs: str,
    behaald_op: dt.date | None,
    door: Actor,
    now: datetime | None = None,
) -> LeerlingVooropleiding:
    """Record one prerequisite the learner holds, with its evidence and the date obtained."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().select_related("opleiding").get(pk=leerling.pk)
    refuse_unless(kan_vooropleiding_vastleggen(leerling, door=door, now=now))
    if vooropleiding.pk not in {v.pk for v in vooropleidingen_van_programma(leerling, now=now)}:
        raise OvereenkomstFout(_("This qualification gives no access to the learner's programme."))
    bewijs = (bewijs or "").strip()
    if not bewijs:
        raise OvereenkomstFout(
            _("Record the evidence: %(bewijs)s.") % {"bewijs": vooropleiding.bewijs}
        )
    if behaald_op is not None and behaald_op > vandaag(now):
        raise OvereenkomstFout(_("The date obtained cannot lie in the future."))
    record = LeerlingVooropleiding.objects.create(
        leerling=leerling,
        vooropleiding=vooropleiding,
        bewijs=bewijs,
        behaald_op=behaald_op,
        geregistreerd_door=door.person,
        geregistreerd_op=now,
    )
    audit_record(
        obj=leerling,
        verb=AuditVerb.LEERLING_VOOROPLEIDING,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        after={
            "vooropleiding": vooropleiding.naam,
            "bewijs": bewijs,
            "behaald_op": behaald_op.isoformat() if behaald_op else None,
        },
        now=now,
    )
    return record


def kan_vooropleiding_verwijderen(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not remove a recorded prerequisite of the learner."""
    return refusals(
        coach(leerling, door),
        niet_gestopt(leerling),
        refuse_if(
            not leerling.vooropleidingen.exists(),
            _("No prior qualification is recorded for the learner."),
        ),
    )


@guarded_by(kan_vooropleiding_verwijderen)
@transaction.atomic
def vooropleiding_verwijderen(
    *, record: LeerlingVooropleiding, door: Actor, now: datetime | None = None
) -> Leerling:
    """Remove a record made in error. An agreement already sent keeps its checks' outcome
    until it is changed; a draft is checked again when it is sent."""
    now = now or timezone.now()
    leerling = Leerling.objects.select_for_update().get(pk=record.leerling_id)
    refuse_unless(kan_vooropleiding_verwijderen(leerling, door=door, now=now))
    naam = record.vooropleiding.naam
    record.delete()
    audit_record(
        obj=leerling,
        verb=AuditVerb.LEERLING_VOOROPLEIDING_WEG,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        before={"vooropleiding": naam, "bewijs": record.bewijs},
        now=now,
    )
    return leerling


__all__ = [
    "kan_vooropleiding_vastleggen",
    "kan_vooropleiding_verwijderen",
    "vooropleiding_vastleggen",
    "vooropleiding_verwijderen",
    "vooropleidingen_van_programma",
]
