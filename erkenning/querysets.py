"""Access policy for applications, recognitions, mandates, sanctions and appeals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

from duaal.organisaties.constants import OrganisatieSoort
from duaal.querysets import EenVanSubquery, OndernemingEnPartnerschapQuerySet

if TYPE_CHECKING:
    from duaal.accounts.actor import Actor


def _gemachtigd(actor: Actor, onderneming_ref: str, **reikwijdte: bool) -> EenVanSubquery:
    """The actor's school or partnership holds a live mandate of the enterprise (R4), of the
    scope `reikwijdte` names (`voor_aanvragen=True`), or of any scope."""
    from .models import Machtiging

    return EenVanSubquery(
        onderneming_ref,
        Machtiging.objects.filter(
            gemachtigde_id=actor.organisatie_id, ingetrokken_op__isnull=True, **reikwijdte
        ).values("onderneming_id"),
    )


class AanvraagQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> AanvraagQuerySet:
        soort = actor.organisatie_soort
        if actor.is_platformbeheerder:
            return self
        if soort == OrganisatieSoort.ONDERNEMING:
            return self.filter(onderneming_id=actor.organisatie_id)
        mandaat = Q(ingediend_namens_id=actor.organisatie_id) | Q(
            _gemachtigd(actor, "onderneming_id", voor_aanvragen=True)
        )
        if soort == OrganisatieSoort.PARTNERSCHAP:
            # The partnership sees a file once it is submitted, and drafts it files itself.
            return self.filter(
                (Q(partnerschap_id=actor.organisatie_id) & ~Q(status="ontwerp")) | mandaat
            )
        if soort == OrganisatieSoort.ONDERWIJSINSTELLING:
            return self.filter(mandaat)
        return self.none()


class ErkenningQuerySet(OndernemingEnPartnerschapQuerySet):
    def andere_organisatie(self, actor: Actor) -> ErkenningQuerySet:
        if actor.organisatie_soort == OrganisatieSoort.ONDERWIJSINSTELLING:
            # Schools see the recognitions of the workplaces they work with (mandate).
            return self.filter(_gemachtigd(actor, "onderneming_id"))
        return self.none()

    def publiek(self) -> ErkenningQuerySet:
        """The public search: running recognitions of employers who opted in (R3)."""
        return self.filter(status="actief", publiek_zichtbaar=True)


class MachtigingQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> MachtigingQuerySet:
        if actor.is_platformbeheerder:
            return self
        if actor.organisatie_id is None:
            return self.none()
        return self.filter(
            Q(onderneming_id=actor.organisatie_id) | Q(gemachtigde_id=actor.organisatie_id)
        )


class PerOndernemingEnPartnerschapQuerySet(OndernemingEnPartnerschapQuerySet):
    """Sanctions and appeals: the enterprise concerned and the deciding partnership."""
