"""Links that carry a token (personal approval links, password resets, and later invitations
and signed-copy links) are never stored in the outbox: a row keeps a reference (the kind of
link and the public id of the row it names) and its text a placeholder; delivery builds the
link and puts it in the mail. So nobody who can read the outbox (`/beheer/`, a database dump,
a backup) can read a token.

The kernel does not know the apps: each app registers the builders of its links from its
AppConfig.ready().
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

# What the stored text holds where the mail shows the link.
PLAATSHOUDER = "[[link]]"


@dataclass(frozen=True)
class LinkVerwijzing:
    """The link a mail carries, by reference: built at delivery by the builder of `soort`."""

    soort: str
    public_id: UUID


# A builder gets the public id and when the mail was queued; it returns the full URL, or None
# when the link can no longer work (its row is gone or replaced, or it expired while queued):
# the mail then lapses unsent.
LinkBouwer = Callable[[UUID, datetime], str | None]

_bouwers: dict[str, LinkBouwer] = {}


def link_registreren(soort: str, bouwer: LinkBouwer) -> None:
    _bouwers[soort] = bouwer


def link_bouwen(verwijzing: LinkVerwijzing, *, gepland_op: datetime) -> str | None:
    try:
        bouwer = _bouwers[verwijzing.soort]
    except KeyError:
        raise LookupError(f"no link builder registered for {verwijzing.soort!r}") from None
    return bouwer(verwijzing.public_id, gepland_op)
