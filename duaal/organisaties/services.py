"""Writes on organisations; each leaves an audit event."""

from datetime import datetime

from django.db import transaction
from django.forms.models import model_to_dict

from duaal.accounts.models import User
from duaal.audit.services import audit_record

from .models import Onderneming, Vestiging

VESTIGING_VELDEN = [
    "naam",
    "vestigingseenheidsnummer",
    "straat",
    "huisnummer",
    "postcode",
    "gemeente",
]


@transaction.atomic
def vestiging_toevoegen(
    *, onderneming: Onderneming, door: User, gegevens: dict, now: datetime | None = None
) -> Vestiging:
    vestiging = Vestiging(onderneming=onderneming, **{k: gegevens[k] for k in VESTIGING_VELDEN})
    vestiging.full_clean()
    vestiging.save()
    audit_record(
        obj=vestiging,
        verb="vestiging.toegevoegd",
        door=door,
        organisatie=onderneming,
        after=model_to_dict(vestiging, fields=VESTIGING_VELDEN),
        now=now,
    )
    return vestiging


@transaction.atomic
def vestiging_wijzigen(
    *, vestiging: Vestiging, door: User, gegevens: dict, now: datetime | None = None
) -> Vestiging:
    # Lock the row: two representatives may edit the same establishment at once.
    vestiging = Vestiging.objects.select_for_update().get(pk=vestiging.pk)
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
            verb="vestiging.gewijzigd",
            door=door,
            organisatie=vestiging.onderneming,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
            now=now,
        )
    return vestiging
