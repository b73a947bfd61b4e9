"""Drafting and changing an agreement (R51, R54-R60, R66). The school drafts (R61, R69)."""

import dataclasses
import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal import achtergrond
from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.organisaties.constants import Overeenkomsttype
from duaal.organisaties.models import Vestiging
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from mentors.models import MentorToewijzing
from overeenkomsten.constants import BEWERKBAAR, AuditVerb, LeerlingStatus, OvereenkomstStatus
from overeenkomsten.controles import Blok, controleren
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.leervergoeding import leervergoeding
from overeenkomsten.models import Leerling, Overeenkomst, Roostersoort, UurroosterRegel
from overeenkomsten.rooster import Periode, periodes_van
from overeenkomsten.selectors import werkgever_stemt_in
from overeenkomsten.soorten import betaalt_ggmmi

from .common import (
    leerling_en_mentor_vergrendelen,
)
from .leerling import geen_instemming
from .rooster import periodes_schrijven, periodes_sleutel, week_schrijven_zonder_periodes
from .traject import traject_koppelen

# The content the parties approve; a change to any of these needs their approval again.
INHOUD = {
    "start": gettext_lazy("start date"),
    "einde": gettext_lazy("end date"),
    "werkplekuren_per_week": gettext_lazy("workplace hours per week"),
    "toewijzing_id": gettext_lazy("mentor"),
    "opleidingsplan": gettext_lazy("training plan"),
    "vakantiebijlage": gettext_lazy("school-holiday annex"),
    "situatie": gettext_lazy("allowance level"),
    "leervergoeding": gettext_lazy("learning allowance"),
    "loon_sectorschaal": gettext_lazy("wage"),
    "soort": gettext_lazy("agreement type"),
    "in_dienst_sinds": gettext_lazy("employed since"),
}


@dataclass(frozen=True)
class Inhoud:
    """The content the coach writes and the parties approve. `blokken` None on a change: the
    timetable stays as it is."""

    toewijzing: MentorToewijzing
    start: dt.date
    einde: dt.date
    werkplekuren_per_week: Decimal
    opleidingsplan: str
    vakantiebijlage: str = ""
    loon_sectorschaal: Decimal | None = None
    blokken: list[Blok] | None = None
    # A timetable of periods (rooster.py): `periodes` replaces the week; None: unchanged.
    roostersoort: str = Roostersoort.WEEK
    periodes: list[Periode] | None = None
    # The trajectory's phase this agreement covers (traject.py); None: no phase.
    fase_volgorde: int | None = None
    # The type chosen among the programme's and its alternatives (soorten.py); None: the
    # programme's, or on a change the agreement's own.
    soort: str | None = None
    # An ODO(W): since when the learner works for the employer (soorten.py).
    in_dienst_sinds: dt.date | None = None

    @classmethod
    def van(cls, overeenkomst: Overeenkomst) -> "Inhoud":
        """The agreement's content as stored, its timetable unchanged."""
        return cls(
            toewijzing=overeenkomst.toewijzing,
            start=overeenkomst.start,
            einde=overeenkomst.einde,
            werkplekuren_per_week=overeenkomst.werkplekuren_per_week,
            opleidingsplan=overeenkomst.opleidingsplan,
            vakantiebijlage=overeenkomst.vakantiebijlage,
            loon_sectorschaal=overeenkomst.loon_sectorschaal,
            roostersoort=overeenkomst.roostersoort,
            soort=overeenkomst.soort,
            in_dienst_sinds=overeenkomst.in_dienst_sinds,
        )

    def met(self, **wijzigingen: Any) -> "Inhoud":
        return dataclasses.replace(self, **wijzigingen)


class Bezwaren(OvereenkomstFout):
    """Every guard that failed, so the coach can fix them in one go."""

    def __init__(self, fouten: list[str]) -> None:
        super().__init__(" ".join(fouten))
        self.fouten = fouten


def _weigeren_bij_fouten(fouten: list[str]) -> None:
    if fouten:
        raise Bezwaren(fouten)


def _uurrooster_schrijven(overeenkomst: Overeenkomst, blokken: list[Blok]) -> None:
    overeenkomst.uurrooster.all().delete()
    UurroosterRegel.objects.bulk_create(
        UurroosterRegel(overeenkomst=overeenkomst, dag=b.dag, plaats=b.plaats, van=b.van, tot=b.tot)
        for b in blokken
    )


def _rooster_sleutel(overeenkomst: Overeenkomst) -> list[tuple]:
    return [(r.dag, r.plaats, r.van, r.tot) for r in overeenkomst.uurrooster.all()]


def _opsteller(obj: Leerling | Overeenkomst, door: Actor) -> Refusals:
    return door.may(
        perms.OVEREENKOMST_OPSTELLEN,
        obj,
        reason=_("Only a trajectory coach of the learner's school can do this."),
    )


def kan_opstellen(leerling: Leerling, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not draft an agreement for the learner now. What the
    content itself must meet (controles.py) is checked on the content, all at once."""
    return refusals(
        _opsteller(leerling, door),
        refuse_if(
            leerling.status != LeerlingStatus.WERKPLEK_GOEDGEKEURD,
            _("Approve the learner for a workplace after the company's intake first."),
        ),
    )


@guarded_by(kan_opstellen)
@transaction.atomic
def overeenkomst_opstellen(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    inhoud: Inhoud,
    door: Actor,
    now: datetime | None = None,
) -> Overeenkomst:
    """Draft the agreement for the workplace the learner was approved for; the type follows
    the programme (R56) and the allowance the learner's situation and the GGMMI in force on the
    start date (R66)."""
    now = now or timezone.now()
    # Lock the learner: two drafts for one learner cannot both pass the overlap guard.
    leerling = Leerling.objects.select_for_update().select_related("opleiding").get(pk=leerling.pk)
    refuse_unless(kan_opstellen(leerling, door=door, now=now))
    start, loon_sectorschaal = inhoud.start, inhoud.loon_sectorschaal
    soort = inhoud.soort or leerling.opleiding.overeenkomsttype
    in_dienst_sinds = inhoud.in_dienst_sinds if soort == Overeenkomsttype.ODOW else None
    blokken = inhoud.blokken or []
    controle = controleren(
        leerling=leerling,
        vestiging=vestiging,
        toewijzing=inhoud.toewijzing,
        start=start,
        einde=inhoud.einde,
        werkplekuren=inhoud.werkplekuren_per_week,
        loon_sectorschaal=loon_sectorschaal,
        blokken=blokken or None,
        now=now,
        fase_volgorde=inhoud.fase_volgorde,
        soort=soort,
        in_dienst_sinds=in_dienst_sinds,
        periodes=inhoud.periodes or None,
    )
    # The employer consented to this match (its accepted proposal, or the school's mandate).
    # Asked when the learner is approved here: a match recorded without consent (before
    # proposals existed) does not let the school bind the employer either.
    if leerling.werkplek_id == vestiging.pk and not werkgever_stemt_in(leerling, vestiging):
        controle.fouten.insert(0, geen_instemming(vestiging))
    _weigeren_bij_fouten(controle.fouten)
    opleiding = leerling.opleiding
    overeenkomst = Overeenkomst.objects.create(
        leerling=leerling,
        onderwijsinstelling_id=leerling.onderwijsinstelling_id,
        trajectbegeleider=door.person,
        onderneming_id=vestiging.onderneming_id,
        vestiging=vestiging,
        opleiding=opleiding,
        toewijzing=inhoud.toewijzing,
        soort=soort,
        in_dienst_sinds=in_dienst_sinds,
        start=start,
        einde=inhoud.einde,
        werkplekuren_per_week=inhoud.werkplekuren_per_week,
        opleidingsplan=inhoud.opleidingsplan.strip(),
        vakantiebijlage=inhoud.vakantiebijlage.strip(),
        situatie=leerling.situatie if betaalt_ggmmi(soort, op=start) else "",
        leervergoeding=leervergoeding(
            soort=soort,
            situatie=leerling.situatie,
            start=start,
            werkplekuren=inhoud.werkplekuren_per_week,
        ),
        loon_sectorschaal=loon_sectorschaal if soort == Overeenkomsttype.DA else None,
        roostersoort=inhoud.roostersoort,
    )
    _uurrooster_schrijven(overeenkomst, blokken)
    if inhoud.periodes:
        periodes_schrijven(overeenkomst, inhoud.periodes)
    traject_koppelen(overeenkomst, inhoud.fase_volgorde)
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_OPGESTELD,
        door=door,
        organisatie=overeenkomst.onderwijsinstelling,
        after={"status": overeenkomst.status, "soort": overeenkomst.soort, "versie": 1},
        now=now,
    )
    return overeenkomst


def kan_wijzigen(overeenkomst: Overeenkomst, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not change the agreement's content now."""
    return refusals(
        _opsteller(overeenkomst, door),
        refuse_if(
            overeenkomst.status not in BEWERKBAAR,
            _("A signed or ended agreement can no longer be changed."),
        ),
    )


@guarded_by(kan_wijzigen)
@transaction.atomic
def overeenkomst_wijzigen(
    *, overeenkomst: Overeenkomst, inhoud: Inhoud, door: Actor, now: datetime | None = None
) -> Overeenkomst:
    """Change the content. Awaiting approval, a substantive change makes a new version: every
    approval is reset and the parties are told what changed."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    refuse_unless(kan_wijzigen(overeenkomst, door=door, now=now))
    voor = {veld: getattr(overeenkomst, veld) for veld in INHOUD}
    rooster_voor = _rooster_sleutel(overeenkomst), periodes_sleutel(overeenkomst)
    overeenkomst.toewijzing = inhoud.toewijzing
    overeenkomst.start = inhoud.start
    overeenkomst.einde = inhoud.einde
    overeenkomst.werkplekuren_per_week = inhoud.werkplekuren_per_week
    overeenkomst.opleidingsplan = inhoud.opleidingsplan.strip()
    overeenkomst.vakantiebijlage = inhoud.vakantiebijlage.strip()
    overeenkomst.loon_sectorschaal = inhoud.loon_sectorschaal
    if inhoud.soort and inhoud.soort != overeenkomst.soort:
        overeenkomst.soort = inhoud.soort
        overeenkomst.situatie = (
            overeenkomst.leerling.situatie
            if betaalt_ggmmi(overeenkomst.soort, op=overeenkomst.start)
            else ""
        )
    overeenkomst.in_dienst_sinds = (
        inhoud.in_dienst_sinds if overeenkomst.soort == Overeenkomsttype.ODOW else None
    )
    blokken = inhoud.blokken
    if overeenkomst.soort != "da":
        overeenkomst.loon_sectorschaal = None
    overeenkomst.leervergoeding = leervergoeding(
        soort=overeenkomst.soort,
        situatie=overeenkomst.situatie or "A",
        start=overeenkomst.start,
        werkplekuren=overeenkomst.werkplekuren_per_week,
    )
    if inhoud.periodes is not None:
        overeenkomst.roostersoort = Roostersoort.PERIODES
        periodes_schrijven(overeenkomst, inhoud.periodes)
    elif blokken is not None:
        overeenkomst.roostersoort = Roostersoort.WEEK
        week_schrijven_zonder_periodes(overeenkomst)
        _uurrooster_schrijven(overeenkomst, blokken)
    periodes = overeenkomst.roostersoort == Roostersoort.PERIODES
    # The mentor is the one after the change: a new mentor or period must fit under its cap.
    toewijzing = leerling_en_mentor_vergrendelen(overeenkomst)
    controle = controleren(
        leerling=overeenkomst.leerling,
        vestiging=overeenkomst.vestiging,
        toewijzing=toewijzing,
        start=overeenkomst.start,
        einde=overeenkomst.einde,
        werkplekuren=overeenkomst.werkplekuren_per_week,
        loon_sectorschaal=overeenkomst.loon_sectorschaal,
        blokken=None if periodes else [Blok(*r) for r in _rooster_sleutel(overeenkomst)] or None,
        periodes=(periodes_van(overeenkomst) or None) if periodes else None,
        zelf_pk=overeenkomst.pk,
        fase_volgorde=overeenkomst.fase_volgorde,
        soort=overeenkomst.soort,
        in_dienst_sinds=overeenkomst.in_dienst_sinds,
        # Awaiting approval, the rules of the day it was sent still govern it.
        verstuurd_op=(
            overeenkomst.verstuurd_op
            if overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING
            else None
        ),
        now=now,
    )
    _weigeren_bij_fouten(controle.fouten)
    gewijzigd = [
        str(label) for veld, label in INHOUD.items() if getattr(overeenkomst, veld) != voor[veld]
    ]
    if (_rooster_sleutel(overeenkomst), periodes_sleutel(overeenkomst)) != rooster_voor:
        gewijzigd.append(_("timetable"))
    if not gewijzigd:
        return overeenkomst
    if overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING:
        overeenkomst.versie += 1
    overeenkomst.save()
    audit_record(
        obj=overeenkomst,
        verb=AuditVerb.OVEREENKOMST_GEWIJZIGD,
        door=door,
        organisatie=overeenkomst.onderwijsinstelling,
        after={"versie": overeenkomst.versie, "gewijzigd": gewijzigd},
        now=now,
    )
    if overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING:
        from .versturen import nieuwe_versie_voorleggen

        nieuwe_versie_voorleggen(overeenkomst, gewijzigd=gewijzigd, now=now)
    return overeenkomst


def pdf_na_commit(overeenkomst: Overeenkomst) -> None:
    """Render the current version's PDF (and, once signed, its signed copy) after commit, never
    inside the request: a worker does it, or in the demo a background thread (achtergrond)."""
    from overeenkomsten.tasks import overeenkomst_pdf_task

    achtergrond.na_commit(overeenkomst_pdf_task, overeenkomst.pk, overeenkomst.versie)
