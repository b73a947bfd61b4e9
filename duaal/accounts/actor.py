"""Who is acting: the user plus the membership (organisation + role) they act under."""

from __future__ import annotations

from dataclasses import dataclass, field

from .constants import Rol
from .models import Membership, User
from .permissions import rol_heeft


@dataclass(frozen=True)
class Actor:
    user: User | None
    membership: Membership | None
    memberships: list[Membership] = field(default_factory=list)

    @property
    def organisatie_id(self) -> int | None:
        return self.membership.organisatie_id if self.membership else None

    @property
    def organisatie_soort(self) -> str | None:
        """The kind of organisation the actor acts for; the access policies branch on it."""
        return self.membership.organisatie.soort if self.membership else None

    @property
    def rol(self) -> str | None:
        return self.membership.rol if self.membership else None

    @property
    def is_platformbeheerder(self) -> bool:
        return self.rol == Rol.PLATFORMBEHEERDER

    def has_perm(self, permission: str) -> bool:
        return rol_heeft(self.rol, permission)


ANONYMOUS = Actor(user=None, membership=None)


def actor_for(user: User, membership: Membership | None = None) -> Actor:
    """Build the actor for services and tests outside a request."""
    memberships = list(
        user.memberships.filter(actief=True).select_related("organisatie").order_by("pk")
    )
    if membership is None and memberships:
        membership = memberships[0]
    return Actor(user=user, membership=membership, memberships=memberships)
