"""The partnership sets up a programme's rules: each save is a new dated version from `now`,
never an edit of the version in force, so an agreement keeps the rules of the day it was sent
(`programmaregels.opleidingsregels_voor`). Each change is audited."""

import dataclasses
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.audit.services import audit_record
from duaal.exceptions import DomainError
from duaal.workflow import ALLOWED, Refusals, guarded_by, refusals, refuse_unless

from .constants import AuditVerb
from .models import Opleiding, OpleidingsFase, OpleidingsRegels, TypeAlternatief, Vooropleiding
from .opleidingsregels import LeeftijdPeil
from .opleidingsregels_gegevens import Fout, Regelgegevens, fouten_in, gegevens_uit
from .programmaregels import opleidingsregels_voor

__all__ = [
    "OngeldigeOpleidingsregels",
    "kan_opleidingsregels_wijzigen",
    "opleidingsregels_wijzigen",
]


class OngeldigeOpleidingsregels(DomainError):
    """The rules as typed cannot be saved; `fouten` holds every reason, with its field."""

    def __init__(self, fouten: list[Fout]) -> None:
        super().__init__(" ".join(f.bericht for f in fouten))
        self.fouten = fouten


def kan_opleidingsregels_wijzigen(opleiding: Opleiding, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not change the programme's rules now: an administrator
    of the partnership that owns the programme may, and platform staff (the department) may
    for every programme."""
    if door.is_platformbeheerder and door.has_perm(perms.PARTNERSCHAP_BEHEREN):
        return ALLOWED
    return refusals(
        door.may(
            perms.PARTNERSCHAP_BEHEREN,
            opleiding.partnerschap,
            reason=_(
                "Only an administrator of the partnership %(partnerschap)s, which owns this "
                "programme, or platform staff can change its rules."
            )
            % {"partnerschap": opleiding.partnerschap.naam},
        )
    )


def _genormaliseerd(gegevens: Regelgegevens) -> Regelgegevens:
    """Strip the texts, drop the reference date an age rule "on the start date" does not use,
    and list rows in their order, so that an unchanged form is recognised as unchanged."""
    peil = gegevens.leeftijd_peil == LeeftijdPeil.SCHOOLJAAR
    return dataclasses.replace(
        gegevens,
        toelichting=gegevens.toelichting.strip(),
        leeftijd_peil_dag=gegevens.leeftijd_peil_dag if peil else None,
        leeftijd_peil_maand=gegevens.leeftijd_peil_maand if peil else None,
        vooropleidingen=tuple(
            dataclasses.replace(v, naam=v.naam.strip(), bewijs=v.bewijs.strip())
            for v in gegevens.vooropleidingen
        ),
        fases=tuple(
            dataclasses.replace(f, naam=f.naam.strip())
            for f in sorted(gegevens.fases, key=lambda f: f.volgorde)
        ),
        alternatieven=tuple(
            dataclasses.replace(a, naam=a.naam.strip(), sectoren=tuple(sorted(a.sectoren)))
            for a in gegevens.alternatieven
        ),
    )


def _opslaan(
    opleiding: Opleiding, gegevens: Regelgegevens, door: Actor, now: datetime
) -> OpleidingsRegels:
    versie = OpleidingsRegels.objects.create(
        opleiding=opleiding, geldig_vanaf=now, gewijzigd_door=door.audit_user, **gegevens.velden()
    )
    Vooropleiding.objects.bulk_create(
        Vooropleiding(regels=versie, volgorde=nr, naam=v.naam, bewijs=v.bewijs)
        for nr, v in enumerate(gegevens.vooropleidingen, start=1)
    )
    OpleidingsFase.objects.bulk_create(
        OpleidingsFase(regels=versie, **dataclasses.asdict(f)) for f in gegevens.fases
    )
    # fouten_in refused an alternative without hours.
    TypeAlternatief.objects.bulk_create(
        TypeAlternatief(
            regels=versie,
            soort=a.soort,
            sectoren=list(a.sectoren),
            uren_per_week=a.uren_per_week or 0,
            naam=a.naam,
        )
        for a in gegevens.alternatieven
    )
    return versie


def _gewijzigd(voor: dict[str, object], na: dict[str, object]) -> tuple[dict, dict]:
    sleutels = [k for k in na if voor.get(k) != na[k]]
    return {k: voor.get(k) for k in sleutels}, {k: na[k] for k in sleutels}


@guarded_by(kan_opleidingsregels_wijzigen)
@transaction.atomic
def opleidingsregels_wijzigen(
    opleiding: Opleiding, gegevens: Regelgegevens, *, door: Actor, now: datetime
) -> OpleidingsRegels:
    """Save the rules as a new version in force from `now`, with its prerequisites, phases and
    contract-type alternatives, all or nothing. Rules unchanged from a dated version make no
    new one: that version is returned."""
    # Lock the programme: two administrators saving at once would each base "unchanged" on
    # a version the other is replacing.
    opleiding = (
        Opleiding.objects.select_for_update().select_related("partnerschap").get(pk=opleiding.pk)
    )
    refuse_unless(kan_opleidingsregels_wijzigen(opleiding, door=door, now=now))
    gegevens = _genormaliseerd(gegevens)
    fouten = fouten_in(gegevens, overeenkomsttype=opleiding.overeenkomsttype)
    if fouten:
        raise OngeldigeOpleidingsregels(fouten)
    huidig = opleidingsregels_voor(opleiding, op=now)
    voor = _genormaliseerd(gegevens_uit(huidig)).als_dict()
    na = gegevens.als_dict()
    if voor == na and huidig.versie_id is not None:
        return OpleidingsRegels.objects.get(pk=huidig.versie_id)
    versie = _opslaan(opleiding, gegevens, door, now)
    before, after = _gewijzigd(voor, na)
    audit_record(
        obj=opleiding,
        verb=AuditVerb.OPLEIDINGSREGELS_GEWIJZIGD,
        door=door,
        organisatie=opleiding.partnerschap,
        before=before,
        after={**after, "versie": versie.pk},
        now=now,
    )
    return versie
