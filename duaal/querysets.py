"""The access policy most domain models share: the enterprise concerned, the partnership that
handles it, and platform admins (design.md section 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from duaal.organisaties.constants import OrganisatieSoort

if TYPE_CHECKING:
    from duaal.accounts.actor import Actor


class OndernemingEnPartnerschapQuerySet(models.QuerySet):
    """Subclasses name the lookups to the enterprise and the partnership; other kinds of
    organisation see nothing unless `andere_organisatie` says otherwise."""

    onderneming_veld = "onderneming_id"
    partnerschap_veld = "partnerschap_id"

    def visible_to(self, actor: Actor) -> OndernemingEnPartnerschapQuerySet:
        if actor.is_platformbeheerder:
            return self
        soort = actor.organisatie_soort
        if soort == OrganisatieSoort.ONDERNEMING:
            return self.filter(**{self.onderneming_veld: actor.organisatie_id})
        if soort == OrganisatieSoort.PARTNERSCHAP:
            return self.filter(**{self.partnerschap_veld: actor.organisatie_id})
        return self.andere_organisatie(actor)

    def andere_organisatie(self, actor: Actor) -> OndernemingEnPartnerschapQuerySet:
        return self.none()
