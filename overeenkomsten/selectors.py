"""Reads for the learner and agreement screens and the dashboard: fixed query counts."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from duaal.accounts.actor import Actor
from duaal.organisaties.models import Opleiding, Vestiging
from erkenning.constants import LOPEND
from erkenning.models import Erkenning

from .constants import (
    BEVESTIGING_TELT,
    OPLEIDINGSDAGEN_HERINNERING,
    PARTIJEN_MET_LINK,
    LeerlingStatus,
    OvereenkomstStatus,
    Partij,
)
from .kalender import na_opleidingsdagen
from .models import Goedkeuring, Leerling, Overeenkomst, Uitnodiging


def termijn_grens(op: dt.date) -> dt.date:
    """The last deadline that counts as "due soon": five training days from `op` (R48)."""
    return na_opleidingsdagen(op, OPLEIDINGSDAGEN_HERINNERING)


def leerlingen_voor(actor: Actor) -> QuerySet[Leerling]:
    """The learners the list shows, with the programme in the same query."""
    return (
        Leerling.objects.visible_to(actor)
        .select_related("opleiding", "werkplek")
        .order_by("achternaam", "voornaam", "pk")
    )


def overeenkomsten_voor(actor: Actor) -> QuerySet[Overeenkomst]:
    """The agreements the list shows, newest start first, with their parties."""
    return (
        Overeenkomst.objects.visible_to(actor)
        .select_related("leerling", "onderneming", "vestiging", "opleiding", "onderwijsinstelling")
        .order_by("-start", "-pk")
    )


def werkplekken_voor(opleiding: Opleiding, *, op: dt.date) -> QuerySet[Vestiging]:
    """Establishments holding a running recognition for the programme today (R1, R17)."""
    erkend = Erkenning.objects.filter(
        vestiging_id=OuterRef("pk"),
        opleiding=opleiding,
        status__in=LOPEND,
        geldig_van__lte=op,
        geldig_tot__gte=op,
    )
    return (
        Vestiging.objects.filter(Exists(erkend))
        .select_related("onderneming")
        .order_by("onderneming__naam", "naam", "pk")
    )


def werkgever_aanvaard() -> Exists:
    """An expression over Overeenkomst rows: the employer itself accepted this agreement, by an
    approval of any version that binds it (given in the portal, or confirmed or verified).
    Only then does it count toward the mentor's cap (R40) and may the parties download the
    PDF with the mentor's full INSZ (R63)."""
    return Exists(
        Goedkeuring.objects.filter(
            overeenkomst_id=OuterRef("pk"),
            partij=Partij.WERKGEVER,
            bevestiging__in=BEVESTIGING_TELT,
        )
    )


def werkgever_heeft_aanvaard(overeenkomst: Overeenkomst) -> bool:
    return Overeenkomst.objects.filter(pk=overeenkomst.pk).filter(werkgever_aanvaard()).exists()


def _zonder_goedkeuring(partij: str) -> Exists:
    return ~Exists(
        Goedkeuring.objects.filter(
            overeenkomst_id=OuterRef("pk"), versie=OuterRef("versie"), partij=partij
        )
    )


def wacht_op_school(onderwijsinstelling_id: int) -> QuerySet[Overeenkomst]:
    """Agreements awaiting approval that the school has not approved in this version yet."""
    return (
        Overeenkomst.objects.filter(
            onderwijsinstelling_id=onderwijsinstelling_id,
            status=OvereenkomstStatus.TER_GOEDKEURING,
        )
        .filter(_zonder_goedkeuring(Partij.SCHOOL))
        .select_related("leerling", "onderneming")
        .order_by("verstuurd_op", "pk")
    )


def werkgever_aandacht(onderneming_id: int) -> QuerySet[Overeenkomst]:
    """In one query (the employer's dashboard is at its budget): agreements awaiting the
    employer's approval of the current version, and signed ones a lifted recognition ends."""
    return (
        Overeenkomst.objects.filter(onderneming_id=onderneming_id)
        .annotate(wacht_op_werkgever=_zonder_goedkeuring(Partij.WERKGEVER))
        .filter(
            Q(status=OvereenkomstStatus.TER_GOEDKEURING, wacht_op_werkgever=True)
            | Q(status=OvereenkomstStatus.ONDERTEKEND, te_beeindigen_sinds__isnull=False)
        )
        .select_related("leerling", "onderneming", "vestiging", "onderwijsinstelling")
        .order_by("verstuurd_op", "pk")
    )


def te_beeindigen(**organisatie: int) -> QuerySet[Overeenkomst]:
    """Signed agreements whose recognition ended: a party must end them early (R24, R74).
    Pass `onderwijsinstelling_id=` or `onderneming_id=`."""
    return (
        Overeenkomst.objects.filter(
            status=OvereenkomstStatus.ONDERTEKEND, te_beeindigen_sinds__isnull=False, **organisatie
        )
        .select_related("leerling", "onderneming", "vestiging")
        .order_by("te_beeindigen_sinds", "pk")
    )


def termijn_nadert(onderwijsinstelling_id: int, *, tot: dt.date) -> QuerySet[Leerling]:
    """Learners of the school whose agreement is due by `tot` or overdue (R48)."""
    return (
        Leerling.objects.filter(
            onderwijsinstelling_id=onderwijsinstelling_id,
            overeenkomst_uiterlijk__isnull=False,
            overeenkomst_uiterlijk__lte=tot,
        )
        .exclude(status=LeerlingStatus.GESTOPT)
        .select_related("opleiding")
        .order_by("overeenkomst_uiterlijk", "pk")
    )


@dataclass(frozen=True)
class Stand:
    """Where one required party stands with the current version."""

    partij: str
    label: str
    goedkeuring: Goedkeuring | None
    uitnodiging: Uitnodiging | None

    @property
    def via_link(self) -> bool:
        return self.partij in PARTIJEN_MET_LINK


def goedkeuringsstand(overeenkomst: Overeenkomst, partijen: list[str]) -> list[Stand]:
    """Each required party's approval and personal link for the current version. Two
    queries."""
    versie = overeenkomst.versie
    goedkeuringen = {
        g.partij: g for g in overeenkomst.goedkeuringen.filter(versie=versie).select_related("door")
    }
    uitnodigingen = {u.partij: u for u in overeenkomst.uitnodigingen.filter(versie=versie)}
    return [Stand(p, Partij(p).label, goedkeuringen.get(p), uitnodigingen.get(p)) for p in partijen]
