"""Drafting and changing an agreement (R51, R54-R60, R66). The school drafts (R61, R69)."""

import datetime as dt
from datetime import datetime
from decimal import Decimal
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.organisaties.models import Vestiging
from mentors.models import MentorToewijzing
from overeenkomsten.constants import BEWERKBAAR, OvereenkomstStatus
from overeenkomsten.controles import Blok, controleren
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.leervergoeding import leervergoeding
from overeenkomsten.models import Leerling, Overeenkomst, UurroosterRegel
from overeenkomsten.selectors import werkgever_stemt_in

from .common import coach_vereist, leerling_en_mentor_vergrendelen
from .leerling import geen_instemming

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
}


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


@transaction.atomic
def overeenkomst_opstellen(
    *,
    leerling: Leerling,
    vestiging: Vestiging,
    toewijzing: MentorToewijzing,
    start: dt.date,
    einde: dt.date,
    werkplekuren_per_week: Decimal,
    opleidingsplan: str,
    door: User,
    blokken: list[Blok] | None = None,
    vakantiebijlage: str = "",
    loon_sectorschaal: Decimal | None = None,
    now: datetime | None = None,
) -> Overeenkomst:
    """Draft the agreement; the type follows the programme (R56) and the allowance the
    learner's situation and the GGMMI in force on the start date (R66)."""
    now = now or timezone.now()
    # Lock the learner: two drafts for one learner cannot both pass the overlap guard.
    leerling = Leerling.objects.select_for_update().select_related("opleiding").get(pk=leerling.pk)
    coach_vereist(door, leerling.onderwijsinstelling_id)
    blokken = blokken or []
    controle = controleren(
        leerling=leerling,
        vestiging=vestiging,
        toewijzing=toewijzing,
        start=start,
        einde=einde,
        werkplekuren=werkplekuren_per_week,
        loon_sectorschaal=loon_sectorschaal,
        blokken=blokken or None,
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
        trajectbegeleider=door,
        onderneming_id=vestiging.onderneming_id,
        vestiging=vestiging,
        opleiding=opleiding,
        toewijzing=toewijzing,
        soort=opleiding.overeenkomsttype,
        start=start,
        einde=einde,
        werkplekuren_per_week=werkplekuren_per_week,
        opleidingsplan=opleidingsplan.strip(),
        vakantiebijlage=vakantiebijlage.strip(),
        situatie=leerling.situatie if opleiding.overeenkomsttype == "oao" else "",
        leervergoeding=leervergoeding(
            soort=opleiding.overeenkomsttype, situatie=leerling.situatie, start=start
        ),
        loon_sectorschaal=loon_sectorschaal if opleiding.overeenkomsttype == "da" else None,
    )
    _uurrooster_schrijven(overeenkomst, blokken)
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.opgesteld",
        door=door,
        organisatie=overeenkomst.onderwijsinstelling,
        after={"status": overeenkomst.status, "soort": overeenkomst.soort, "versie": 1},
        now=now,
    )
    return overeenkomst


@transaction.atomic
def overeenkomst_wijzigen(
    *,
    overeenkomst: Overeenkomst,
    door: User,
    blokken: list[Blok] | None = None,
    now: datetime | None = None,
    **inhoud,
) -> Overeenkomst:
    """Change the content. Awaiting approval, a substantive change makes a new version: every
    approval is reset and the parties are told what changed."""
    now = now or timezone.now()
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    coach_vereist(door, overeenkomst.onderwijsinstelling_id)
    if overeenkomst.status not in BEWERKBAAR:
        raise OvereenkomstFout(_("A signed or ended agreement can no longer be changed."))
    voor = {veld: getattr(overeenkomst, veld) for veld in INHOUD}
    rooster_voor = _rooster_sleutel(overeenkomst)
    for veld, waarde in inhoud.items():
        if veld not in {*INHOUD, "toewijzing"} or veld in ("leervergoeding", "toewijzing_id"):
            raise ValueError(veld)
        setattr(overeenkomst, veld, waarde.strip() if isinstance(waarde, str) else waarde)
    if overeenkomst.soort != "da":
        overeenkomst.loon_sectorschaal = None
    overeenkomst.leervergoeding = leervergoeding(
        soort=overeenkomst.soort, situatie=overeenkomst.situatie or "A", start=overeenkomst.start
    )
    if blokken is not None:
        _uurrooster_schrijven(overeenkomst, blokken)
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
        blokken=[Blok(*r) for r in _rooster_sleutel(overeenkomst)] or None,
        zelf_pk=overeenkomst.pk,
    )
    _weigeren_bij_fouten(controle.fouten)
    gewijzigd = [
        str(label) for veld, label in INHOUD.items() if getattr(overeenkomst, veld) != voor[veld]
    ]
    if _rooster_sleutel(overeenkomst) != rooster_voor:
        gewijzigd.append(_("timetable"))
    if not gewijzigd:
        return overeenkomst
    if overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING:
        overeenkomst.versie += 1
    overeenkomst.save()
    audit_record(
        obj=overeenkomst,
        verb="overeenkomst.gewijzigd",
        door=door,
        organisatie=overeenkomst.onderwijsinstelling,
        after={"versie": overeenkomst.versie, "gewijzigd": gewijzigd},
        now=now,
    )
    if overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING:
        from .goedkeuring import nieuwe_versie_voorleggen

        nieuwe_versie_voorleggen(overeenkomst, gewijzigd=gewijzigd, now=now)
    return overeenkomst


def pdf_na_commit(overeenkomst: Overeenkomst) -> None:
    from overeenkomsten.tasks import overeenkomst_pdf_task

    transaction.on_commit(
        partial(overeenkomst_pdf_task.delay, overeenkomst.pk, overeenkomst.versie)
    )
