"""Access policy for the mentor register: the employer, the partnerships that review the
mentor's designations, and (except for criminal-record extracts) platform admins."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q

from duaal.organisaties.constants import OrganisatieSoort
from duaal.querysets import OndernemingEnPartnerschapQuerySet

if TYPE_CHECKING:
    from duaal.accounts.actor import Actor


def _toewijzing_bij_partnerschap(mentor_ref: str, partnerschap_id: int) -> Exists:
    from .models import MentorToewijzing

    return Exists(
        MentorToewijzing.objects.filter(
            mentor_id=OuterRef(mentor_ref), opleiding__partnerschap_id=partnerschap_id
        )
    )


class MentorQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> MentorQuerySet:
        soort = actor.organisatie_soort
        if actor.is_platformbeheerder:
            return self
        if soort == OrganisatieSoort.ONDERNEMING:
            return self.filter(onderneming_id=actor.organisatie_id)
        if soort == OrganisatieSoort.PARTNERSCHAP:
            return self.filter(_toewijzing_bij_partnerschap("pk", actor.organisatie_id))
        return self.none()


class ToewijzingQuerySet(OndernemingEnPartnerschapQuerySet):
    onderneming_veld = "mentor__onderneming_id"
    partnerschap_veld = "opleiding__partnerschap_id"


class PerPartnerschapQuerySet(OndernemingEnPartnerschapQuerySet):
    """Exceptions and mentor trainings: the employer and the partnership they concern."""

    onderneming_veld = "mentor__onderneming_id"


class UittrekselQuerySet(models.QuerySet):
    """S7: the extract is seen by the employer who uploaded it and the deciding partnership
    only; before the check, any partnership reviewing one of the mentor's designations may
    decide. Platform admins do not see it."""

    def visible_to(self, actor: Actor) -> UittrekselQuerySet:
        soort = actor.organisatie_soort
        if soort == OrganisatieSoort.ONDERNEMING:
            return self.filter(mentor__onderneming_id=actor.organisatie_id)
        if soort == OrganisatieSoort.PARTNERSCHAP:
            beslist_door_ons = Q(partnerschap_id=actor.organisatie_id)
            nog_open = Q(partnerschap__isnull=True) & Q(
                _toewijzing_bij_partnerschap("mentor_id", actor.organisatie_id)
            )
            return self.filter(beslist_door_ons | nog_open)
        return self.none()
