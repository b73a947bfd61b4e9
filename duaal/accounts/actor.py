"""Who is acting: the user plus the membership (organisation + role) they act under."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from django.utils.translation import gettext as _

from duaal.workflow import ALLOWED, Refusals

from .constants import Rol
from .models import Membership, User
from .permissions import TOEGANG_BEHEREN, rol_heeft


@runtime_checkable
class ActedFor(Protocol):
    """An object that says which organisations may take an action on it.

    `acting_organisation_ids(permission)` returns the ids of the organisations whose members,
    in a role holding `permission`, may act on this object now (e.g. the partnership a file is
    routed to for a review, the employer and a mandated school for a submission)."""

    def acting_organisation_ids(self, permission: str) -> Collection[int]: ...


@dataclass(frozen=True)
class Actor:
    """Who acts: the user and the one membership (organisation + role) they act under now.

    A person with several memberships acts under one at a time; `may()` asks only that one,
    never "any membership the user holds". The system actor (beat sweeps) may do anything a
    sweep does and is recorded in the audit trail as nobody (`user` None)."""

    user: User | None
    membership: Membership | None
    memberships: list[Membership] = field(default_factory=list)
    is_system: bool = False

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

    @property
    def beheert_toegang(self) -> bool:
        """Whether the acting role manages who has access to its organisation (the menu)."""
        return rol_heeft(self.rol, TOEGANG_BEHEREN)

    def has_perm(self, permission: str) -> bool:
        return self.is_system or rol_heeft(self.rol, permission)

    def may(
        self, permission: str, obj: ActedFor | None = None, *, reason: str | None = None
    ) -> Refusals:
        """The one permission check of every guard (G26): the role table, then the object.

        Allowed when the acting role holds `permission` and, given an object, the acting
        organisation is one of `obj.acting_organisation_ids(permission)`. `reason` words a
        refusal the way the users of that step know it (who may do it)."""
        if self.is_system:
            return ALLOWED
        if not rol_heeft(self.rol, permission):
            return Refusals((reason or _("Your role does not allow this action."),))
        if obj is not None and self.organisatie_id not in obj.acting_organisation_ids(permission):
            return Refusals(
                (reason or _("You do not act for the organisation this action belongs to."),)
            )
        return ALLOWED

    @property
    def person(self) -> User:
        """The user who takes an action only a person takes (files, uploads, signs): the
        record names them. Never asked of the system or an anonymous visitor."""
        assert self.user is not None, "this action is taken by a logged-in person"
        return self.user

    @property
    def audit_user(self) -> User | None:
        """The user the audit trail records: nobody for the system."""
        return None if self.is_system else self.user


ANONYMOUS = Actor(user=None, membership=None)
# Beat sweeps and other system work act as this actor (recorded as the system).
SYSTEM = Actor(user=None, membership=None, is_system=True)


def actor_for(user: User, membership: Membership | None = None) -> Actor:
    """Build the actor for services and tests outside a request."""
    memberships = list(
        user.memberships.filter(actief=True).select_related("organisatie").order_by("pk")
    )
    if membership is None and memberships:
        membership = memberships[0]
    return Actor(user=user, membership=membership, memberships=memberships)
