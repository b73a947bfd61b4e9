"""An employer's sector, declared to a partnership and confirmed or refused by it (R55, R56).

A programme's contract type is fixed; only a confirmed declaration opens a programme's named
alternative (a DA via the Sociale Maribel, for example) to that employer. The enterprise's
representative declares; the partnership's consultants and administrator confirm or refuse,
as they review the enterprise's applications. Both sides are mailed."""

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.selectors import partnerschap_team, werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.services import page_url, send_mail, untranslated
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless

from .constants import AuditVerb
from .models import Onderneming, Partnerschap
from .opleidingsregels import Sector, SectorVerklaring

__all__ = [
    "bevestigde_sectoren",
    "kan_sector_beoordelen",
    "kan_sector_verklaren",
    "open_verklaringen",
    "sector_bevestigen",
    "sector_verklaren",
    "sector_weigeren",
    "verklaringen_van",
]


# Reads.


def bevestigde_sectoren(*, onderneming_id: int, partnerschap_id: int) -> set[str]:
    """The sectors the partnership confirmed for this enterprise (one query)."""
    return set(
        SectorVerklaring.objects.filter(
            onderneming_id=onderneming_id,
            partnerschap_id=partnerschap_id,
            bevestigd_op__isnull=False,
        ).values_list("sector", flat=True)
    )


def verklaringen_van(onderneming: Onderneming) -> QuerySet[SectorVerklaring]:
    return SectorVerklaring.objects.filter(onderneming=onderneming).select_related("partnerschap")


def open_verklaringen(partnerschap: Partnerschap) -> QuerySet[SectorVerklaring]:
    """What awaits the partnership's answer, oldest first."""
    return (
        SectorVerklaring.objects.filter(
            partnerschap=partnerschap, bevestigd_op__isnull=True, geweigerd_op__isnull=True
        )
        .select_related("onderneming")
        .order_by("verklaard_op", "pk")
    )


# Guards.


def kan_sector_verklaren(
    onderneming: Onderneming,
    *,
    partnerschap: Partnerschap | None,
    sector: str | None,
    door: Actor,
    now: datetime,
) -> Refusals:
    """Every reason why this actor may not declare this sector to this partnership now."""
    dubbel = (
        partnerschap is not None
        and sector is not None
        and SectorVerklaring.objects.filter(
            onderneming=onderneming,
            partnerschap=partnerschap,
            sector=sector,
            geweigerd_op__isnull=True,
        ).exists()
    )
    return refusals(
        door.may(
            perms.ONDERNEMING_BEHEREN,
            onderneming,
            reason=_("Only the enterprise's legal representative declares its sector."),
        ),
        refuse_if(
            dubbel,
            _("This sector was already declared to this partnership; await its answer."),
        ),
    )


def kan_sector_beoordelen(verklaring: SectorVerklaring, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not confirm or refuse the declaration now."""
    return refusals(
        door.may(
            perms.AANVRAAG_BEOORDELEN,
            verklaring,
            reason=_("Only the partnership the sector was declared to confirms or refuses it."),
        ),
        refuse_if(
            not verklaring.open,
            _("This declaration was already answered."),
        ),
    )


# Services.


@guarded_by(kan_sector_verklaren)
@transaction.atomic
def sector_verklaren(
    *,
    onderneming: Onderneming,
    partnerschap: Partnerschap,
    sector: str,
    door: Actor,
    now: datetime | None = None,
) -> SectorVerklaring:
    now = now or timezone.now()
    # Lock the enterprise: two declarations of the same sector at once must not both pass.
    onderneming = Onderneming.objects.select_for_update().get(pk=onderneming.pk)
    refuse_unless(
        kan_sector_verklaren(
            onderneming, partnerschap=partnerschap, sector=sector, door=door, now=now
        )
    )
    verklaring = SectorVerklaring.objects.create(
        onderneming=onderneming,
        partnerschap=partnerschap,
        sector=Sector(sector),
        verklaard_door=door.person,
        verklaard_op=now,
    )
    audit_record(
        obj=onderneming,
        verb=AuditVerb.SECTOR_VERKLAARD,
        door=door,
        organisatie=onderneming,
        after={"sector": verklaring.sector, "partnerschap": partnerschap.naam},
        now=now,
    )
    send_mail(
        "organisaties/sector_declared",
        recipients=partnerschap_team(partnerschap.pk),
        event_key=f"sectorverklaring:{verklaring.pk}:verklaard",
        context={
            "onderneming": onderneming.naam,
            "sector": untranslated(verklaring.get_sector_display()),
            "url": page_url(verklaring),
        },
    )
    return verklaring


def _beoordeeld(
    verklaring: SectorVerklaring, *, verb: AuditVerb, door: Actor, now: datetime, reden: str = ""
) -> None:
    audit_record(
        obj=verklaring.onderneming,
        verb=verb,
        door=door,
        organisatie=verklaring.partnerschap,
        before={"sector": verklaring.sector, "status": "verklaard"},
        after={"sector": verklaring.sector, "partnerschap": verklaring.partnerschap.naam},
        note=reden,
        now=now,
    )


@guarded_by(kan_sector_beoordelen)
@transaction.atomic
def sector_bevestigen(
    *, verklaring: SectorVerklaring, door: Actor, now: datetime | None = None
) -> SectorVerklaring:
    now = now or timezone.now()
    verklaring = (
        SectorVerklaring.objects.select_for_update()
        .select_related("onderneming", "partnerschap")
        .get(pk=verklaring.pk)
    )
    refuse_unless(kan_sector_beoordelen(verklaring, door=door, now=now))
    verklaring.bevestigd_op, verklaring.bevestigd_door = now, door.person
    verklaring.save(update_fields=["bevestigd_op", "bevestigd_door"])
    _beoordeeld(verklaring, verb=AuditVerb.SECTOR_BEVESTIGD, door=door, now=now)
    send_mail(
        "organisaties/sector_confirmed",
        recipients=werkgevers(verklaring.onderneming_id),
        event_key=f"sectorverklaring:{verklaring.pk}:bevestigd",
        context={
            "partnerschap": verklaring.partnerschap.naam,
            "sector": untranslated(verklaring.get_sector_display()),
            "url": page_url(verklaring),
        },
    )
    return verklaring


@guarded_by(kan_sector_beoordelen)
@transaction.atomic
def sector_weigeren(
    *, verklaring: SectorVerklaring, reden: str, door: Actor, now: datetime | None = None
) -> SectorVerklaring:
    now = now or timezone.now()
    verklaring = (
        SectorVerklaring.objects.select_for_update()
        .select_related("onderneming", "partnerschap")
        .get(pk=verklaring.pk)
    )
    refuse_unless(
        refusals(
            kan_sector_beoordelen(verklaring, door=door, now=now),
            refuse_if(not reden.strip(), _("Say why the sector is refused.")),
        )
    )
    verklaring.geweigerd_op, verklaring.weigering_reden = now, reden.strip()
    verklaring.save(update_fields=["geweigerd_op", "weigering_reden"])
    _beoordeeld(
        verklaring, verb=AuditVerb.SECTOR_GEWEIGERD, door=door, now=now, reden=reden.strip()
    )
    send_mail(
        "organisaties/sector_refused",
        recipients=werkgevers(verklaring.onderneming_id),
        event_key=f"sectorverklaring:{verklaring.pk}:geweigerd",
        context={
            "partnerschap": verklaring.partnerschap.naam,
            "sector": untranslated(verklaring.get_sector_display()),
            "reden": verklaring.weigering_reden,
            "url": page_url(verklaring),
        },
    )
    return verklaring
