"""Access policy for the organisation models: who sees what (design.md section 3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from duaal.accounts.actor import Actor


class OrganisatieQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> OrganisatieQuerySet:
        """An organisation sees itself; partnerships publish their rules to every user."""
        if actor.is_platformbeheerder:
            return self
        if actor.organisatie_id is None:
            return self.none()
        return self.filter(models.Q(pk=actor.organisatie_id) | models.Q(soort="partnerschap"))


class VestigingQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> VestigingQuerySet:
        if actor.is_platformbeheerder:
            return self
        if actor.organisatie_id is None:
            return self.none()
        return self.filter(onderneming_id=actor.organisatie_id)


class SectorVerklaringQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> SectorVerklaringQuerySet:
        """The declaring enterprise and the partnership it declared to; nobody else."""
        if actor.is_platformbeheerder:
            return self
        if actor.organisatie_id is None:
            return self.none()
        return self.filter(
            models.Q(onderneming_id=actor.organisatie_id)
            | models.Q(partnerschap_id=actor.organisatie_id)
        )


class PublicCatalogueQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> PublicCatalogueQuerySet:
        """The programme catalogue is public information."""
        return self
