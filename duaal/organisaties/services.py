"""Writes on organisations; each leaves an audit event."""

from datetime import datetime

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.workflow import Refusals, guarded_by, refusals, refuse_unless

from .constants import AuditVerb
from .models import Onderneming, Vestiging
from .opleidingsregels_beheer import kan_opleidingsregels_wijzigen, opleidingsregels_wijzigen
from .regels import (
    criterium_schrappen,
    criterium_toevoegen,
    criterium_wijzigen,
    kan_criteria_wijzigen,
    kan_regels_wijzigen,
    regels_wijzigen,
)

__all__ = [
    "criterium_schrappen",
    "criterium_toevoegen",
    "criterium_wijzigen",
    "kan_criteria_wijzigen",
    "kan_opleidingsregels_wijzigen",
    "kan_regels_wijzigen",
    "kan_vestiging_toevoegen",
    "kan_vestiging_wijzigen",
    "opleidingsregels_wijzigen",
    "regels_wijzigen",
    "vestiging_toevoegen",
    "vestiging_wijzigen",
]

VESTIGING_VELDEN = [
    "naam",
    "vestigingseenheidsnummer",
    "straat",
    "huisnummer",
    "postcode",
    "gemeente",
]


def kan_vestiging_toevoegen(onderneming: Onderneming, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not add an establishment to this enterprise."""
    return refusals(door.may(perms.VESTIGING_BEHEREN, onderneming))


@guarded_by(kan_vestiging_toevoegen)
@transaction.atomic
def vestiging_toevoegen(
    *, onderneming: Onderneming, door: Actor, gegevens: dict, now: datetime | None = None
) -> Vestiging:
    # A new row: nothing to lock; the unique establishment number settles two at once.
    refuse_unless(kan_vestiging_toevoegen(onderneming, door=door, now=now or timezone.now()))
    vestiging = Vestiging(onderneming=onderneming, **{k: gegevens[k] for k in VESTIGING_VELDEN})
    vestiging.full_clean()
    vestiging.save()
    audit_record(
        obj=vestiging,
        verb=AuditVerb.VESTIGING_TOEGEVOEGD,
        door=door,
        organisatie=onderneming,
        after=model_to_dict(vestiging, fields=VESTIGING_VELDEN),
        now=now,
    )
    return vestiging


def kan_vestiging_wijzigen(vestiging: Vestiging, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not change this establishment."""
    return refusals(door.may(perms.VESTIGING_BEHEREN, vestiging))


@guarded_by(kan_vestiging_wijzigen)
@transaction.atomic
def vestiging_wijzigen(
    *, vestiging: Vestiging, door: Actor, gegevens: dict, now: datetime | None = None
) -> Vestiging:
    # Lock the row: two representatives may edit the same establishment at once.
    vestiging = Vestiging.objects.select_for_update().get(pk=vestiging.pk)
    refuse_unless(kan_vestiging_wijzigen(vestiging, door=door, now=now or timezone.now()))
    before = model_to_dict(vestiging, fields=VESTIGING_VELDEN)
    for veld in VESTIGING_VELDEN:
        setattr(vestiging, veld, gegevens[veld])
    vestiging.full_clean()
    vestiging.save(update_fields=[*VESTIGING_VELDEN, "updated_at"])
    after = model_to_dict(vestiging, fields=VESTIGING_VELDEN)
    changed = {k for k in VESTIGING_VELDEN if before[k] != after[k]}
    if changed:
        audit_record(
            obj=vestiging,
            verb=AuditVerb.VESTIGING_GEWIJZIGD,
            door=door,
            organisatie=vestiging.onderneming,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
            now=now,
        )
    return vestiging
