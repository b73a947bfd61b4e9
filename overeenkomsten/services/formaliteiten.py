"""The employer's formalities before the start (R71, R72): the employer records the date of the
medical examination and of the Dimona ALT declaration on the agreement; the school sees them.
The employer's approval asks them where the programme does (goedkeuring.py)."""

import datetime as dt
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.termijnen import vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from overeenkomsten.constants import AuditVerb, OvereenkomstStatus
from overeenkomsten.models import Overeenkomst

from .opstellen import Bezwaren

# Before the approval and after the signature: the employer prepares the start.
OPEN = (OvereenkomstStatus.TER_GOEDKEURING, OvereenkomstStatus.ONDERTEKEND)


def kan_formaliteiten_vastleggen(
    overeenkomst: Overeenkomst, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not record the employer's formalities now."""
    return refusals(
        door.may(
            perms.WERKGEVER_INSTEMMEN,
            overeenkomst,
            reason=_("Only the employer records its formalities."),
        ),
        refuse_if(
            overeenkomst.status not in OPEN,
            _("The formalities are recorded while the agreement awaits approval or is signed."),
        ),
    )


def _d(dag: dt.date) -> str:
    return dag.strftime("%d/%m/%Y")


def datum_fouten(
    overeenkomst: Overeenkomst,
    *,
    medisch_onderzoek_op: dt.date | None,
    dimona_op: dt.date | None,
    now: datetime,
) -> list[str]:
    """Both dates on or before the start (the Dimona before the first working day), and both
    already past: the employer records what was done, not what is planned."""
    fouten = []
    start, vandaag_ = overeenkomst.start, vandaag(now)
    for waarde, na_start, toekomst in (
        (
            medisch_onderzoek_op,
            _("The medical examination on %(d)s comes after the start on %(start)s."),
            _("The medical examination on %(d)s lies in the future; record it once done."),
        ),
        (
            dimona_op,
            _(
                "The Dimona ALT on %(d)s comes after the start on %(start)s; it is declared "
                "before the first working day."
            ),
            _("The Dimona ALT on %(d)s lies in the future; record it once declared."),
        ),
    ):
        if waarde is None:
            continue
        if waarde > start:
            fouten.append(na_start % {"d": _d(waarde), "start": _d(start)})
        elif waarde > vandaag_:
            fouten.append(toekomst % {"d": _d(waarde)})
    return fouten


@guarded_by(kan_formaliteiten_vastleggen)
@transaction.atomic
def formaliteiten_vastleggen(
    *,
    overeenkomst: Overeenkomst,
    medisch_onderzoek_op: dt.date | None,
    dimona_op: dt.date | None,
    door: Actor,
    now: datetime | None = None,
) -> Overeenkomst:
    """Record (or clear, with None) the two dates. Not a change of the agreement's content:
    no new version, no approval reset."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_formaliteiten_vastleggen(overeenkomst, door=door, now=now))
    fouten = datum_fouten(
        overeenkomst, medisch_onderzoek_op=medisch_onderzoek_op, dimona_op=dimona_op, now=now
    )
    if fouten:
        raise Bezwaren(fouten)
    voor = {
        "medisch_onderzoek_op": overeenkomst.medisch_onderzoek_op,
        "dimona_op": overeenkomst.dimona_op,
    }
    na = {"medisch_onderzoek_op": medisch_onderzoek_op, "dimona_op": dimona_op}
    if voor == na:
        return overeenkomst
    overeenkomst.medisch_onderzoek_op = medisch_onderzoek_op
    overeenkomst.dimona_op = dimona_op
    overeenkomst.save()
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.FORMALITEITEN_VASTGELEGD,
        door=door,
        organisatie=overeenkomst.onderneming,
        before={k: v.isoformat() if v else None for k, v in voor.items()},
        after={k: v.isoformat() if v else None for k, v in na.items()},
        now=now,
    )
    return overeenkomst


__all__ = ["datum_fouten", "formaliteiten_vastleggen", "kan_formaliteiten_vastleggen"]
