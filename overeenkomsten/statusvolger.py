"""The status trackers of a learner and of an agreement (duaal.statusvolger), built from what
their pages already loaded: the learner (with the agreement), and the timeline."""

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext_lazy as _

from duaal.audit.models import Event
from duaal.statusvolger import (
    Statusvolger,
    Termijn,
    TermijnStand,
    dag_van,
    laatst,
    statusvolger,
    termijn,
)

from .constants import (
    BEWERKBAAR,
    LEERLING_OVERGANGEN,
    OVEREENKOMST_OVERGANGEN,
    AuditVerb,
    LeerlingStatus,
    OvereenkomstStatus,
)
from .models import Leerling, Overeenkomst
from .selectors import termijn_grens


def _overeenkomst_uiterlijk(
    leerling: Leerling, *, op: dt.date, nadert_tot: dt.date | None
) -> Termijn | None:
    """R48: the agreement must be signed within 20 training days; due soon within five. The
    date is cleared once an agreement is signed. `nadert_tot` when the page computed it."""
    uiterlijk = leerling.overeenkomst_uiterlijk
    if uiterlijk is None:
        return None
    # The training-day calendar costs a query: only asked when a deadline is shown.
    grens = nadert_tot if nadert_tot is not None else termijn_grens(op)
    return termijn(uiterlijk, label=_("agreement due by %(d)s"), op=op, nadert_tot=grens)


def leerling_volger(
    leerling: Leerling,
    *,
    timeline: Sequence[Event],
    op: dt.date,
    nadert_tot: dt.date | None = None,
) -> Statusvolger:
    """Registered, approved for dual learning, approved for a workplace (R46-R48); with the
    detour of the preparatory phase and the exit "stopped"."""
    status = leerling.status
    return statusvolger(
        transitions=LEERLING_OVERGANGEN,
        start=LeerlingStatus.AANGEMELD,
        einde=LeerlingStatus.WERKPLEK_GOEDGEKEURD,
        status=status,
        labels=dict(LeerlingStatus.choices),
        gedaan_op={
            LeerlingStatus.AANGEMELD: laatst(timeline, AuditVerb.LEERLING_GEREGISTREERD)
            or dag_van(leerling.created_at),
            LeerlingStatus.AANLOOPFASE: laatst(timeline, AuditVerb.LEERLING_AANLOOPFASE),
            LeerlingStatus.GOEDGEKEURD: laatst(timeline, AuditVerb.LEERLING_GOEDGEKEURD),
            LeerlingStatus.WERKPLEK_GOEDGEKEURD: laatst(
                timeline, AuditVerb.LEERLING_WERKPLEK_GOEDGEKEURD
            )
            or leerling.intake_op,
            LeerlingStatus.GESTOPT: laatst(timeline, AuditVerb.LEERLING_GESTOPT),
        },
        termijn=None
        if status == LeerlingStatus.GESTOPT
        else _overeenkomst_uiterlijk(leerling, op=op, nadert_tot=nadert_tot),
    )


def _overeenkomst_termijn(o: Overeenkomst, *, op: dt.date) -> Termijn | None:
    if o.status in BEWERKBAAR:
        return _overeenkomst_uiterlijk(o.leerling, op=op, nadert_tot=None)
    if o.status == OvereenkomstStatus.ONDERTEKEND:
        # Not a term anyone can miss: the agreement runs until its end date (R60).
        return Termijn(o.einde, _("runs until %(d)s"), TermijnStand.LOOPT)
    return None


def overeenkomst_volger(o: Overeenkomst, *, timeline: Sequence[Event], op: dt.date) -> Statusvolger:
    """Draft, awaiting approval, signed, ended (R59-R61); with the detour awaiting the
    confirmation of a signature on paper and the exits ended early and withdrawn."""
    return statusvolger(
        transitions=OVEREENKOMST_OVERGANGEN,
        start=OvereenkomstStatus.ONTWERP,
        einde=OvereenkomstStatus.AFGELOPEN,
        status=o.status,
        labels=dict(OvereenkomstStatus.choices),
        gedaan_op={
            OvereenkomstStatus.ONTWERP: laatst(timeline, AuditVerb.OVEREENKOMST_OPGESTELD)
            or dag_van(o.created_at),
            OvereenkomstStatus.TER_GOEDKEURING: dag_van(o.verstuurd_op),
            OvereenkomstStatus.TE_BEVESTIGEN: laatst(
                timeline, AuditVerb.OVEREENKOMST_TE_BEVESTIGEN
            ),
            OvereenkomstStatus.ONDERTEKEND: dag_van(o.ondertekend_op),
            # It ended on its end date, whenever the sweep recorded it.
            OvereenkomstStatus.AFGELOPEN: o.einde,
            OvereenkomstStatus.BEEINDIGD: o.beeindigd_op,
            OvereenkomstStatus.GEANNULEERD: laatst(timeline, AuditVerb.OVEREENKOMST_GEANNULEERD),
        },
        termijn=_overeenkomst_termijn(o, op=op),
    )
