"""Access policy: learners and agreements are visible only to their parties (S1).

The school sees its learners and their agreements; the enterprise sees an agreement once the
school sent it for approval, and the learners it concerns. Partnerships and platform admins see
neither: the learner approves through a personal link, not an account.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef

from duaal.organisaties.constants import OrganisatieSoort

from .constants import Bevestiging, GoedkeuringWijze

if TYPE_CHECKING:
    from duaal.accounts.actor import Actor


class LeerlingQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> LeerlingQuerySet:
        soort = actor.organisatie_soort
        if soort == OrganisatieSoort.ONDERWIJSINSTELLING:
            return self.filter(onderwijsinstelling_id=actor.organisatie_id)
        if soort == OrganisatieSoort.ONDERNEMING:
            from .models import Overeenkomst

            return self.filter(
                Exists(Overeenkomst.objects.filter(leerling_id=OuterRef("pk")).visible_to(actor))
            )
        return self.none()


class OvereenkomstQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> OvereenkomstQuerySet:
        soort = actor.organisatie_soort
        if soort == OrganisatieSoort.ONDERWIJSINSTELLING:
            return self.filter(onderwijsinstelling_id=actor.organisatie_id)
        if soort == OrganisatieSoort.ONDERNEMING:
            return self.filter(onderneming_id=actor.organisatie_id, verstuurd_op__isnull=False)
        return self.none()


class PerOvereenkomstQuerySet(models.QuerySet):
    """Suspensions, approvals and documents follow their agreement."""

    def visible_to(self, actor: Actor) -> PerOvereenkomstQuerySet:
        from .models import Overeenkomst

        return self.filter(overeenkomst__in=Overeenkomst.objects.visible_to(actor).values("pk"))


class GoedkeuringQuerySet(PerOvereenkomstQuerySet):
    """Approvals follow their agreement; the competent partnership (the programme's) also sees
    the signatures on paper that await their party's confirmation or were disputed, so it can
    verify them or look into them, and nothing else of the agreement."""

    def visible_to(self, actor: Actor) -> PerOvereenkomstQuerySet:
        if actor.organisatie_soort == OrganisatieSoort.PARTNERSCHAP:
            return self.filter(
                wijze=GoedkeuringWijze.PAPIER,
                bevestiging__in=[Bevestiging.TE_BEVESTIGEN, Bevestiging.BETWIST],
                overeenkomst__opleiding__partnerschap_id=actor.organisatie_id,
            )
        return super().visible_to(actor)
