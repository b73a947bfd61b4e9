"""The dashboards' required evaluations: one not met yet that is due within two weeks or
overdue shows for the coach (one query of its own) and for the employer (inside the
employer's one agreements query, `selectors.werkgever_aandacht`, which is at its budget)."""

import datetime as dt
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.portaal.dashboard import Actiepunt, Sectie, datum, register
from duaal.termijnen import vandaag

from . import evaluaties as lezen
from .models import Overeenkomst


def _punt(o: Overeenkomst, uiterlijk: dt.date, op: dt.date) -> Actiepunt:
    te_laat = uiterlijk < op
    return Actiepunt(
        titel=str(o),
        url=o.get_absolute_url(),
        toelichting=_("Mentor and coach record the evaluation: positive, or a motivated report."),
        termijn=(_("overdue since %(d)s") if te_laat else _("evaluation due by %(d)s"))
        % {"d": datum(uiterlijk)},
        te_laat=te_laat,
    )


def evaluatie_sectie(punten: list[Actiepunt], volgorde: int) -> Sectie:
    return Sectie(
        titel=gettext_lazy("Required evaluations"),
        leeg=gettext_lazy("No required evaluation is due within two weeks."),
        punten=punten,
        volgorde=volgorde,
    )


def werkgever_evaluaties(aandacht: list[Overeenkomst], op: dt.date) -> Sectie:
    """The employer's section, from the agreements `werkgever_aandacht` annotated."""
    punten = [
        _punt(o, o.evaluatie_uiterlijk, op)  # type: ignore[attr-defined]
        for o in aandacht
        if getattr(o, "evaluatie_uiterlijk", None) is not None
    ]
    return evaluatie_sectie(punten, 34)


@register(Rol.TRAJECTBEGELEIDER, Rol.SCHOOLBEHEERDER, queries=1)
def trajectbegeleider_evaluaties(actor: Actor, now: datetime) -> list[Sectie]:
    """Required evaluations of the school's running agreements, not met yet, due within two
    weeks or overdue. One query."""
    op = vandaag(now)
    assert actor.organisatie_id is not None
    rijen = lezen.verplichte_evaluaties_open(
        overeenkomst__onderwijsinstelling_id=actor.organisatie_id
    ).filter(uiterlijk__lte=lezen.dashboard_grens(op))
    return [evaluatie_sectie([_punt(v.overeenkomst, v.uiterlijk, op) for v in rijen], 34)]
