"""A learner's path to a workplace: screening (R46), approval for dual learning or the
preparatory phase (R47), approval for a workplace the employer consented to, release, and
stopping (R48). Registration and the learner's data: leerling.py."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.organisaties.models import Vestiging
from duaal.termijnen import vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from erkenning.constants import LOPEND
from erkenning.models import Erkenning
from overeenkomsten.constants import (
    TE_BEOORDELEN,
    Advies,
    AdviesDoor,
    AuditVerb,
    LeerlingStatus,
    OvereenkomstStatus,
)
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import Leerling
from overeenkomsten.selectors import werkgever_stemt_in, werkplekken_met_instemming

from .leerling import coach, geen_instemming, naar, niet_gestopt


def status_zetten(
    leerling: Leerling, nieuw: str, *, door: Actor, now: datetime, verb: AuditVerb, note: str = ""
) -> Leerling:
    """Under the learner's lock, after the action's guard: the transitions map once more."""
    refuse_unless(refusals(naar(leerling, nieuw)))
    oud = leerling.status
    leerling.status = nieuw
    leerling.save()
    audit_record(
        obj=leerling,
        verb=verb,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        before={"status": oud},
        after={"status": nieuw},
        note=note,
        now=now,
    )
    return leerling


def _vergrendeld(leerling: Leerling) -> Leerling:
    return Leerling.objects.select_for_update().get(pk=leerling.pk)


def kan_screenen(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not record the screening advice now."""
    return refusals(coach(leerling, door), niet_gestopt(leerling))


@guarded_by(kan_screenen)
@transaction.atomic
def leerling_screenen(
    *,
    leerling: Leerling,
    advies: str,
    advies_door: str,
    toelichting: str,
    door: Actor,
    now: datetime | None = None,
) -> Leerling:
    """Record the advice on readiness and willingness (R46). It does not block: a learner may
    enrol even with a negative advice."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling)
    refuse_unless(kan_screenen(leerling, door=door, now=now))
    if advies not in Advies.values or (
        advies != Advies.GEEN and advies_door not in AdviesDoor.values
    ):
        raise OvereenkomstFout(_("Say what the advice is and who gave it."))
    leerling.advies = advies
    leerling.advies_door = advies_door if advies != Advies.GEEN else ""
    leerling.advies_toelichting = toelichting.strip()
    leerling.save(update_fields=["advies", "advies_door", "advies_toelichting", "updated_at"])
    audit_record(
        obj=leerling,
        verb=AuditVerb.LEERLING_ADVIES,
        door=door,
        organisatie=leerling.onderwijsinstelling,
        after={"advies": advies, "door": leerling.advies_door},
        now=now,
    )
    return leerling


def _beoordelen(leerling: Leerling, door: Actor, nieuw: str) -> Refusals:
    # The way back from a workplace is "release": approval follows only the screening.
    return refusals(
        coach(leerling, door),
        refuse_if(
            leerling.status not in TE_BEOORDELEN,
            _("Not possible while the status is “%(status)s”.")
            % {"status": leerling.get_status_display()},
        )
        or naar(leerling, nieuw),
    )


def kan_leerling_goedkeuren(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not approve the learner for dual learning now."""
    return _beoordelen(leerling, door, LeerlingStatus.GOEDGEKEURD)


def kan_naar_aanloopfase(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not refer the learner to the preparatory phase now."""
    return _beoordelen(leerling, door, LeerlingStatus.AANLOOPFASE)


@guarded_by(kan_leerling_goedkeuren)
@transaction.atomic
def leerling_goedkeuren(
    *, leerling: Leerling, door: Actor, now: datetime | None = None
) -> Leerling:
    """The coach approves the learner, ready and willing, for dual learning (R47)."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling)
    refuse_unless(kan_leerling_goedkeuren(leerling, door=door, now=now))
    return status_zetten(
        leerling,
        LeerlingStatus.GOEDGEKEURD,
        door=door,
        now=now,
        verb=AuditVerb.LEERLING_GOEDGEKEURD,
    )


@guarded_by(kan_naar_aanloopfase)
@transaction.atomic
def leerling_naar_aanloopfase(
    *, leerling: Leerling, door: Actor, now: datetime | None = None
) -> Leerling:
    """The learner is willing but not yet ready: the preparatory phase first (R47)."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling)
    refuse_unless(kan_naar_aanloopfase(leerling, door=door, now=now))
    return status_zetten(
        leerling,
        LeerlingStatus.AANLOOPFASE,
        door=door,
        now=now,
        verb=AuditVerb.LEERLING_AANLOOPFASE,
    )


def kan_werkplek_goedkeuren(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not approve the learner for a workplace now: only where
    an employer consented (its accepted proposal, or a mandate for learners)."""
    naar_werkplek = naar(leerling, LeerlingStatus.WERKPLEK_GOEDGEKEURD)
    return refusals(
        coach(leerling, door),
        refuse_if(naar_werkplek is not None, _("First approve the learner for dual learning.")),
        refuse_if(
            naar_werkplek is None
            and not werkplekken_met_instemming(leerling, op=vandaag(now)).exists(),
            _(
                "No employer accepted a proposal of this learner, and no employer mandated your "
                "school for learners and agreements. Propose the learner to a workplace first."
            ),
        ),
    )


@guarded_by(kan_werkplek_goedkeuren)
@transaction.atomic
def leerling_werkplek_goedkeuren(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    intake_op: dt.date,
    door: Actor,
    now: datetime | None = None,
) -> Leerling:
    """After the company's intake interview, the company chose the learner (R48): by accepting
    the school's proposal, or by mandating the school for learners and agreements."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling)
    refuse_unless(kan_werkplek_goedkeuren(leerling, door=door, now=now))
    if intake_op > vandaag(now):
        raise OvereenkomstFout(_("The intake interview cannot be in the future."))
    # R48: the learner is approved for a recognised workplace; the form offers only those, and
    # the service refuses a forged or outdated choice too.
    if not Erkenning.objects.filter(
        vestiging=vestiging, opleiding_id=leerling.opleiding_id, status__in=LOPEND
    ).exists():
        raise OvereenkomstFout(
            _("%(vestiging)s is not recognised as a learning workplace for this programme.")
            % {"vestiging": vestiging}
        )
    # No school binds an employer that did nothing: the company chose the learner by accepting
    # the proposal, or mandated the school for learners and agreements.
    if not werkgever_stemt_in(leerling, vestiging):
        raise OvereenkomstFout(geen_instemming(vestiging))
    leerling.werkplek = vestiging
    leerling.intake_op = intake_op
    return status_zetten(
        leerling,
        LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        door=door,
        now=now,
        verb=AuditVerb.LEERLING_WERKPLEK_GOEDGEKEURD,
        note=str(vestiging),
    )


def kan_werkplek_loslaten(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not release the learner's workplace now."""
    return refusals(
        coach(leerling, door),
        refuse_if(
            leerling.status != LeerlingStatus.WERKPLEK_GOEDGEKEURD,
            _("The learner is not approved for a workplace."),
        ),
    )


@guarded_by(kan_werkplek_loslaten)
@transaction.atomic
def leerling_werkplek_loslaten(
    *, leerling: Leerling, door: Actor, now: datetime | None = None
) -> Leerling:
    """The match fell through: the learner looks for a workplace again."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling)
    refuse_unless(kan_werkplek_loslaten(leerling, door=door, now=now))
    leerling.werkplek = None
    leerling.intake_op = None
    return status_zetten(
        leerling,
        LeerlingStatus.GOEDGEKEURD,
        door=door,
        now=now,
        verb=AuditVerb.LEERLING_WERKPLEK_LOSGELATEN,
    )


def kan_leerling_stoppen(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not stop the learner's dual training now."""
    return refusals(
        coach(leerling, door),
        refuse_if(
            naar(leerling, LeerlingStatus.GESTOPT) is not None, _("The learner already stopped.")
        ),
        refuse_if(
            leerling.overeenkomsten.filter(status=OvereenkomstStatus.ONDERTEKEND).exists(),
            _("End the running agreement first."),
        ),
    )


@guarded_by(kan_leerling_stoppen)
@transaction.atomic
def leerling_stoppen(
    *, leerling: Leerling, reden: str, door: Actor, now: datetime | None = None
) -> Leerling:
    """The learner leaves the dual training (R48: no agreement in time, or by choice)."""
    now = now or timezone.now()
    leerling = _vergrendeld(leerling)
    refuse_unless(kan_leerling_stoppen(leerling, door=door, now=now))
    leerling.overeenkomst_uiterlijk = None
    return status_zetten(
        leerling,
        LeerlingStatus.GESTOPT,
        door=door,
        now=now,
        verb=AuditVerb.LEERLING_GESTOPT,
        note=reden,
    )
