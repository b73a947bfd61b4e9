"""The agreements app's dashboard sections: learners whose agreement is due (R48), agreements
awaiting a party's approval (R59-R61) and agreements a lifted recognition ends (R24, R74).

Each provider runs a fixed, small number of queries, whatever the number of rows.
"""

import datetime as dt
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts.actor import Actor
from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.portaal.dashboard import Actiepunt, Sectie, datum, register, register_personal_page
from duaal.termijnen import vandaag

from . import selectors
from .constants import OvereenkomstStatus
from .dashboard_evaluaties import werkgever_evaluaties
from .dossier import leerlingen_van_persoon
from .models import Leerling, Overeenkomst, Voorstel


def _termijn(leerling: Leerling, op: dt.date) -> Actiepunt:
    uiterlijk = leerling.overeenkomst_uiterlijk
    return Actiepunt(
        titel=f"{leerling.voornaam} {leerling.achternaam}",
        url=leerling.get_absolute_url(),
        toelichting=_("%(opleiding)s; %(status)s.")
        % {"opleiding": leerling.opleiding.officiele_naam, "status": leerling.get_status_display()},
        termijn=(_("overdue since %(d)s") if uiterlijk < op else _("agreement due by %(d)s"))
        % {"d": datum(uiterlijk)},
        te_laat=uiterlijk < op,
    )


def _ter_goedkeuring(o: Overeenkomst, toelichting: str) -> Actiepunt:
    return Actiepunt(
        titel=str(o),
        url=o.get_absolute_url(),
        toelichting=toelichting,
        termijn=_("version %(v)s") % {"v": o.versie},
    )


def _te_beeindigen(o: Overeenkomst) -> Actiepunt:
    return Actiepunt(
        titel=str(o),
        url=o.get_absolute_url(),
        toelichting=_("The recognition of %(vestiging)s ended: end the agreement early.")
        % {"vestiging": o.vestiging.naam},
        termijn=_("since %(d)s") % {"d": datum(o.te_beeindigen_sinds)},
    )


def _zonder_dimona(o: Overeenkomst) -> Actiepunt:
    return Actiepunt(
        titel=str(o),
        url=o.get_absolute_url(),
        toelichting=_(
            "The agreement started and no Dimona ALT is recorded: declare it and record the date."
        ),
        termijn=_("since %(d)s") % {"d": datum(o.start)},
        te_laat=True,
    )


def _te_beeindigen_sectie(punten: list[Actiepunt], volgorde: int) -> Sectie:
    return Sectie(
        titel=gettext_lazy("Agreements to end early"),
        leeg=gettext_lazy("No agreement has to end because a recognition ended."),
        punten=punten,
        volgorde=volgorde,
    )


@register(Rol.TRAJECTBEGELEIDER, Rol.SCHOOLBEHEERDER, queries=4)
def trajectbegeleider_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Learners due within five training days or overdue, agreements awaiting the school's
    approval, agreements to end. Four queries."""
    school_id, op = actor.organisatie_id, vandaag(now)
    termijn = [
        _termijn(leerling, op)
        for leerling in selectors.termijn_nadert(school_id, tot=selectors.termijn_grens(op))
    ]
    goedkeuren = [
        _ter_goedkeuring(
            o,
            _("Sent on %(d)s; approve it for the school.") % {"d": datum(vandaag(o.verstuurd_op))},
        )
        for o in selectors.wacht_op_school(school_id)
    ]
    return [
        Sectie(
            titel=gettext_lazy("Learners who still need an agreement"),
            leeg=gettext_lazy("No learner's agreement is due within five training days."),
            punten=termijn,
            volgorde=31,
        ),
        Sectie(
            titel=gettext_lazy("Agreements awaiting the school's approval"),
            leeg=gettext_lazy("No agreement awaits the school's approval."),
            punten=goedkeuren,
            volgorde=32,
        ),
        _te_beeindigen_sectie(
            [_te_beeindigen(o) for o in selectors.te_beeindigen(onderwijsinstelling_id=school_id)],
            33,
        ),
    ]


def _voorstel(v: Voorstel) -> Actiepunt:
    waar = v.vestiging.naam if v.vestiging_id else _("one of your establishments")
    return Actiepunt(
        titel=f"{v.leerling.voornaam} {v.leerling.achternaam}",
        url=v.get_absolute_url(),
        toelichting=_("%(school)s proposes the learner (%(opleiding)s) for %(waar)s.")
        % {
            "school": v.onderwijsinstelling.naam,
            "opleiding": v.opleiding.officiele_naam,
            "waar": waar,
        },
        termijn=_("answer by %(d)s") % {"d": datum(v.vervalt_op)},
    )


@register(Rol.VERTEGENWOORDIGER, queries=2)
def werkgever_secties(actor: Actor, now: datetime) -> list[Sectie]:
    """Agreements awaiting the employer's approval or its confirmation of a signature on
    paper, and agreements to end. One query."""
    aandacht = list(selectors.werkgever_aandacht(actor.organisatie_id, op=vandaag(now)))
    # Proposals awaiting the employer's answer: one more query.
    voorstellen = [
        _voorstel(v)
        for v in selectors.voorstellen_te_beantwoorden(actor.organisatie_id, op=vandaag(now))
    ]
    goedkeuren = [
        _ter_goedkeuring(
            o,
            _("From %(school)s; read it and approve it for the enterprise.")
            % {"school": o.onderwijsinstelling.naam},
        )
        for o in aandacht
        if o.status == OvereenkomstStatus.TER_GOEDKEURING and o.wacht_op_werkgever
    ]
    bevestigen = [
        _ter_goedkeuring(
            o,
            _(
                "%(school)s recorded a signature on paper for your enterprise: confirm it, or "
                "answer that it is not yours."
            )
            % {"school": o.onderwijsinstelling.naam},
        )
        for o in aandacht
        if o.werkgever_te_bevestigen
    ]
    return [
        Sectie(
            titel=gettext_lazy("Proposals awaiting your answer"),
            leeg=gettext_lazy("No school's proposal awaits your answer."),
            punten=voorstellen,
            volgorde=30,
        ),
        Sectie(
            titel=gettext_lazy("Agreements awaiting your approval"),
            leeg=gettext_lazy("No agreement awaits your approval."),
            punten=goedkeuren,
            volgorde=31,
        ),
        Sectie(
            titel=gettext_lazy("Signatures on paper to confirm"),
            leeg=gettext_lazy("No signature recorded for your enterprise awaits confirmation."),
            punten=bevestigen,
            volgorde=31,
        ),
        _te_beeindigen_sectie(
            [
                _te_beeindigen(o)
                for o in aandacht
                if o.status == OvereenkomstStatus.ONDERTEKEND and o.te_beeindigen_sinds
            ],
            32,
        ),
        werkgever_evaluaties(aandacht, vandaag(now)),
        Sectie(
            titel=gettext_lazy("Agreements started without a Dimona"),
            leeg=gettext_lazy("Every started agreement has its Dimona ALT recorded."),
            punten=[_zonder_dimona(o) for o in aandacht if o.dimona_ontbreekt],
            volgorde=32,
        ),
    ]


@register_personal_page
def mijn_dossier_pagina(user: User) -> str | None:
    """A learner logged in without a membership goes to their own dossier (one query)."""
    if not leerlingen_van_persoon(user).exists():
        return None
    return reverse("overeenkomsten:mijn_dossier")
