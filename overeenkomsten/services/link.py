"""The personal link's session (R59, R61): the token is exchanged once for a short session that
holds only the invitation's public id, so the token leaves the URL before anything is logged.

The session pages check the invitation exactly as the link itself is checked (expired, used,
older version, no longer awaiting approval): the session names the invitation, the signed
token stays the only proof that its holder was mailed the link.
"""

from datetime import datetime
from uuid import UUID

from django.core import signing
from django.utils import timezone

from overeenkomsten.constants import LINK_SALT
from overeenkomsten.models import Goedkeuring, Uitnodiging
from overeenkomsten.partijen import (
    kopie_beschikbaar,
    link_voor,
    uitnodiging_uit_link,
    uitnodiging_voor_kopie,
)

from .bevestiging import handtekening_betwisten_via_link
from .goedkeuring import goedkeuren_via_link


def _intern_token(public_id: UUID | str) -> str:
    # Only ever held in memory: the session already proved the link; the token checks run
    # unchanged, so a session grants nothing a fresh look at the link would refuse.
    return signing.dumps(str(public_id), salt=LINK_SALT)


def uitnodiging_uit_sessie(public_id: UUID | str, *, now: datetime | None = None) -> Uitnodiging:
    """The invitation a link session names, if it is still good; else OngeldigeLink."""
    return uitnodiging_uit_link(_intern_token(public_id), now=now)


def kopie_uit_sessie(public_id: UUID | str, *, now: datetime | None = None) -> Uitnodiging:
    """The invitation a link session names once its version is signed (the signed copy), if
    the link is still valid; else OngeldigeLink."""
    return uitnodiging_voor_kopie(_intern_token(public_id), now=now)


def goedkeuren_via_sessie(*, public_id: UUID | str, now: datetime | None = None) -> Goedkeuring:
    """The learner or the legal representative approves in the session their link opened."""
    return goedkeuren_via_link(token=_intern_token(public_id), now=now)


def betwisten_via_sessie(
    *, public_id: UUID | str, toelichting: str, now: datetime | None = None
) -> Goedkeuring:
    """The learner or the legal representative says, in the session their link opened, that
    the signature on paper recorded in their name is not theirs. (Confirming it is approving:
    `goedkeuren_via_sessie`.)"""
    return handtekening_betwisten_via_link(
        token=_intern_token(public_id), toelichting=toelichting, now=now
    )


def uitnodiging_link_bouwen(public_id: UUID, gepland_op: datetime) -> str | None:
    """The outbox's builder for UITNODIGING_LINK: the link while the invitation can still be
    used; None once it was replaced (a new link was sent), used or expired."""
    uitnodiging = Uitnodiging.objects.filter(public_id=public_id).first()
    if (
        uitnodiging is None
        or uitnodiging.gebruikt_op is not None
        or uitnodiging.geldig_tot < timezone.now()
    ):
        return None
    return link_voor(uitnodiging)


def kopie_link_bouwen(public_id: UUID, gepland_op: datetime) -> str | None:
    """The outbox's builder for KOPIE_LINK: the personal link while it offers the signed copy
    (its version signed, the invitation valid); used or not, since approving is over."""
    uitnodiging = (
        Uitnodiging.objects.select_related("overeenkomst").filter(public_id=public_id).first()
    )
    if (
        uitnodiging is None
        or uitnodiging.geldig_tot < timezone.now()
        or not kopie_beschikbaar(uitnodiging, uitnodiging.overeenkomst)
    ):
        return None
    return link_voor(uitnodiging)
