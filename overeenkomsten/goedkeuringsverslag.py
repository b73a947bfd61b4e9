"""The record of the approvals that the signed copy adds to the approved PDF: who approved the
version, when and how (in the portal, through the personal link, in the learner's own dossier,
or on paper, and whether that signature was confirmed or verified), with the approved PDF's
SHA-256. Dutch, like the model agreement it follows (presenter.py), so not translated."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from .constants import PARTIJEN_MET_LINK, Bevestiging, GoedkeuringWijze, Partij
from .models import Goedkeuring, OvereenkomstDocument
from .partijen import vereiste_partijen
from .presenter import TITELS

TEMPLATE = "overeenkomsten/model/goedkeuringsverslag.html"

PARTIJEN = {
    Partij.WERKGEVER: "De onderneming",
    Partij.SCHOOL: "De opleidingsverstrekker",
    Partij.LEERLING: "De leerling",
    Partij.VERTEGENWOORDIGER: "De wettelijke vertegenwoordiger",
}


def _tijd(op: datetime) -> str:
    return timezone.localtime(op).strftime("%d/%m/%Y om %H:%M")


def wijze(goedkeuring: Goedkeuring) -> str:
    """How the party approved, in the record's words."""
    if goedkeuring.wijze == GoedkeuringWijze.PAPIER:
        return "op papier ondertekend; de scan is opgeladen in het portaal" + _bevestiging(
            goedkeuring
        )
    if goedkeuring.door_id is None and goedkeuring.partij in PARTIJEN_MET_LINK:
        # The personal link acts as the system: the signed token proved who its holder is.
        return "goedgekeurd via de persoonlijke link die naar hem of haar gemaild is"
    if goedkeuring.partij == Partij.LEERLING:
        return "goedgekeurd in het eigen dossier, aangemeld met eID of itsme"
    return "goedgekeurd in het portaal, aangemeld met een eigen account"


def _bevestiging(goedkeuring: Goedkeuring) -> str:
    op = _tijd(goedkeuring.bevestigd_op) if goedkeuring.bevestigd_op else ""
    if goedkeuring.bevestiging == Bevestiging.BEVESTIGD:
        return f", bevestigd door de partij zelf op {op}"
    if goedkeuring.bevestiging == Bevestiging.GEVERIFIEERD:
        return f", geverifieerd door het partnerschap op {op}"
    return ""


@dataclass(frozen=True)
class VerslagRegel:
    partij: str
    naam: str
    op: str
    wijze: str


@dataclass(frozen=True)
class Goedkeuringsverslag:
    titel: str
    referentie: str
    versie: int
    leerling: str
    onderneming: str
    ondertekend_op: str
    sha256: str
    regels: list[VerslagRegel]

    def context(self) -> dict[str, Any]:
        return {"v": self}


def verslag(document: OvereenkomstDocument) -> Goedkeuringsverslag:
    """The record of a signed version's approvals, in the order of the parties."""
    o = document.overeenkomst
    assert o.ondertekend_op is not None  # only a signed version gets a record
    goedkeuringen = {
        g.partij: g
        for g in o.goedkeuringen.filter(versie=document.versie)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .select_related("door")
    }
    regels = [
        VerslagRegel(PARTIJEN[Partij(p)], g.naam, _tijd(g.op), wijze(g))
        for p in vereiste_partijen(o)
        if (g := goedkeuringen.get(p)) is not None
    ]
    return Goedkeuringsverslag(
        titel=TITELS.get(o.soort, o.get_soort_display()),
        referentie=str(o.public_id)[:8].upper(),
        versie=document.versie,
        leerling=str(o.leerling),
        onderneming=str(o.onderneming),
        ondertekend_op=_tijd(o.ondertekend_op),
        sha256=document.sha256,
        regels=regels,
    )
