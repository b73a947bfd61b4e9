"""Reads about an agreement's parties: who signs it, who approved the current version, the
party an actor approves for, and the personal links of the learner's side (R59, R61)."""

import datetime as dt
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.actor import Actor

from .constants import (
    LINK_GELDIG_DAGEN,
    LINK_SALT,
    Bevestiging,
    OvereenkomstStatus,
    Partij,
)
from .exceptions import OngeldigeLink
from .models import Goedkeuring, Overeenkomst, Uitnodiging


def vereiste_partijen(overeenkomst: Overeenkomst) -> list[str]:
    """Who signs: employer, school, learner, and the legal representative of a minor."""
    partijen = [Partij.WERKGEVER, Partij.SCHOOL, Partij.LEERLING]
    if overeenkomst.met_vertegenwoordiger:
        partijen.append(Partij.VERTEGENWOORDIGER)
    return partijen


def heeft_goedgekeurd(overeenkomst: Overeenkomst, partij: str) -> bool:
    # A disputed (void) signature leaves the party free to approve.
    return (
        overeenkomst.goedkeuringen.filter(versie=overeenkomst.versie, partij=partij)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .exists()
    )


def open_partijen(overeenkomst: Overeenkomst) -> list[str]:
    """The required parties that have not approved the current version yet (a disputed,
    void signature is no approval)."""
    gedaan = set(
        overeenkomst.goedkeuringen.filter(versie=overeenkomst.versie)
        .exclude(bevestiging=Bevestiging.BETWIST)
        .values_list("partij", flat=True)
    )
    return [p for p in vereiste_partijen(overeenkomst) if p not in gedaan]


def partij_van(door: Actor, overeenkomst: Overeenkomst) -> str | None:
    """The party the actor approves for, by the organisation it acts for now: the employer
    or the school; None for anyone else (whether its role may approve: `door.may`)."""
    if door.organisatie_id is None:
        return None
    if door.organisatie_id == overeenkomst.onderneming_id:
        return Partij.WERKGEVER
    if door.organisatie_id == overeenkomst.onderwijsinstelling_id:
        return Partij.SCHOOL
    return None


def te_bevestigen_van(overeenkomst: Overeenkomst, partij: str) -> Goedkeuring | None:
    """The signature recorded for `partij` on the current version that awaits its
    confirmation, if any."""
    return overeenkomst.goedkeuringen.filter(
        versie=overeenkomst.versie, partij=partij, bevestiging=Bevestiging.TE_BEVESTIGEN
    ).first()


def link_voor(uitnodiging: Uitnodiging) -> str:
    """The personal link, built when the mail is delivered; the outbox stores only a reference
    to the invitation (UITNODIGING_LINK)."""
    token = signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT)
    return settings.PORTAAL_URL + reverse("overeenkomsten:link_openen", args=[token])


def link_werkt(uitnodiging: Uitnodiging, overeenkomst: Overeenkomst) -> bool:
    """The link's holder still has something to do with this version: approve it, or
    confirm (or dispute) a signature on paper recorded in their name."""
    if uitnodiging.versie != overeenkomst.versie:
        return False
    if overeenkomst.status == OvereenkomstStatus.TER_GOEDKEURING:
        return True
    return (
        overeenkomst.status == OvereenkomstStatus.TE_BEVESTIGEN
        and te_bevestigen_van(overeenkomst, uitnodiging.partij) is not None
    )


def _uitnodiging_van_token(token: str) -> Uitnodiging:
    try:
        public_id = signing.loads(
            token, salt=LINK_SALT, max_age=dt.timedelta(days=LINK_GELDIG_DAGEN)
        )
        return Uitnodiging.objects.select_related("overeenkomst").get(public_id=public_id)
    except (signing.BadSignature, Uitnodiging.DoesNotExist, ValueError):
        raise OngeldigeLink from None


def kopie_beschikbaar(uitnodiging: Uitnodiging, overeenkomst: Overeenkomst) -> bool:
    """Every party signed the version the link names: its holder may download the copy."""
    return overeenkomst.ondertekend_op is not None and uitnodiging.versie == overeenkomst.versie


def uitnodiging_voor_kopie(token: str, *, now: datetime | None = None) -> Uitnodiging:
    """The invitation a personal link names once every party signed its version: until it
    expires the link, used or not, offers its holder the signed copy (a parent of a minor has
    no account to fetch it from). Else OngeldigeLink."""
    now = now or timezone.now()
    uitnodiging = _uitnodiging_van_token(token)
    if uitnodiging.geldig_tot < now or not kopie_beschikbaar(uitnodiging, uitnodiging.overeenkomst):
        raise OngeldigeLink
    return uitnodiging


def uitnodiging_uit_link(token: str, *, now: datetime | None = None) -> Uitnodiging:
    """The invitation a personal link names, if it is still good; else OngeldigeLink."""
    now = now or timezone.now()
    uitnodiging = _uitnodiging_van_token(token)
    overeenkomst = uitnodiging.overeenkomst
    if (
        uitnodiging.gebruikt_op is not None
        or uitnodiging.geldig_tot < now
        or not link_werkt(uitnodiging, overeenkomst)
    ):
        raise OngeldigeLink
    return uitnodiging
