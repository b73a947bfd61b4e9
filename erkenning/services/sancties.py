"""Sanctions (R23-R26): one service per measure, each motivated and applying its effect."""

import datetime as dt
from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import SYSTEM, Actor
from duaal.accounts.selectors import werkgevers
from duaal.audit.services import audit_record
from duaal.meldingen.services import page_url, send_mail, untranslated
from duaal.termijnen import vandaag
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless
from erkenning.constants import (
    ERKENNING_EINDE_VERB,
    LOPEND,
    SANCTIE_VERB,
    ErkenningStatus,
    SanctieSoort,
)
from erkenning.exceptions import ErkenningFout
from erkenning.models import Erkenning, Sanctie
from mentors.models import Mentor, MentorToewijzing
from mentors.services import toewijzing_deactiveren

from .common import (
    beroepstermijn_openen,
    verplicht,
)
from .mentorstatus import mentorstatus_na_commit


def kan_sanctie_opleggen(erkenning: Erkenning, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not impose a measure from this recognition now: only
    the administrator of the partnership that granted it, while it runs (R23-R24)."""
    return refusals(
        door.may(
            perms.SANCTIE_OPLEGGEN,
            erkenning,
            reason=_("Sanctions are recorded by the partnership's administrator."),
        ),
        refuse_if(
            not erkenning.is_lopend,
            _("This recognition has ended: %(status)s.")
            % {"status": erkenning.get_status_display().lower()},
        ),
    )


def _vergrendel(erkenning: Erkenning) -> Erkenning:
    return (
        Erkenning.objects.select_for_update(of=("self",))
        .select_related("onderneming", "partnerschap", "vestiging", "opleiding")
        .get(pk=erkenning.pk)
    )


def _opleggen(
    erkenning: Erkenning,
    soort: SanctieSoort,
    *,
    motivering: str,
    door: Actor,
    now: datetime,
    tot: dt.date | None,
    mentor: Mentor | None = None,
    getroffen: Iterable[Erkenning] = (),
) -> Sanctie:
    """Record the measure on the recognition's enterprise, establishment and programme and
    end the recognitions it ends (running agreements are told, R24); tell the employer."""
    motivering = verplicht(motivering)
    if tot is not None and tot < vandaag(now):
        # R24: a temporary measure runs from the day it is imposed; it cannot end before.
        raise ErkenningFout(
            _("A measure cannot end before the day it is imposed (%(vandaag)s).")
            % {"vandaag": vandaag(now).strftime("%d/%m/%Y")}
        )
    onderneming, partnerschap = erkenning.onderneming, erkenning.partnerschap
    sanctie = Sanctie(
        soort=soort,
        onderneming=onderneming,
        partnerschap=partnerschap,
        erkenning=erkenning,
        vestiging=erkenning.vestiging,
        mentor=mentor,
        opleiding=erkenning.opleiding,
        motivering=motivering,
        opgelegd_door=door.person,
        opgelegd_op=now,
        tot=tot,
    )
    if soort != SanctieSoort.BEGELEIDINGSACTIE:  # a guidance action is no sanction (R23)
        beroepstermijn_openen(sanctie, partnerschap, now)
    sanctie.save()
    getroffen = list(getroffen)
    for getroffen_erkenning in getroffen:
        _beeindigen(getroffen_erkenning, sanctie, door, now)
    sanctie.getroffen_erkenningen.set(getroffen)
    audit_record(
        obj=sanctie,
        verb=SANCTIE_VERB[soort],
        door=door,
        organisatie=partnerschap,
        note=motivering,
        after={"erkenningen": [e.pk for e in getroffen]},
        now=now,
    )
    send_mail(
        "erkenning/sanction_imposed",
        recipients=werkgevers(onderneming.pk),
        event_key=f"sanctie:{sanctie.pk}",
        context={
            "onderneming": str(onderneming),
            "soort": untranslated(SanctieSoort(soort).label),
            "motivering": motivering,
            "beroep_tot": sanctie.beroep_uiterlijk_op,
            "ontvangen": sanctie.kennisgeving_ontvangen_op,
            "url": page_url(sanctie),
        },
    )
    return sanctie


# What lifting and exclusions end: the recognitions they touch take this status.
EINDSTATUS: dict[str, ErkenningStatus] = {
    SanctieSoort.OPHEFFING: ErkenningStatus.OPGEHEVEN,
    SanctieSoort.UITSLUITING_VESTIGING: ErkenningStatus.UITGESLOTEN,
    SanctieSoort.UITSLUITING_ONDERNEMING: ErkenningStatus.UITGESLOTEN,
}


def _beeindigen(erkenning: Erkenning, sanctie: Sanctie, door: Actor, now: datetime) -> None:
    status = EINDSTATUS[sanctie.soort]
    oud = erkenning.status
    erkenning.status, erkenning.beeindigd_op = status, now
    erkenning.save(update_fields=["status", "beeindigd_op", "updated_at"])
    audit_record(
        obj=erkenning,
        verb=ERKENNING_EINDE_VERB[status],
        door=door,
        organisatie=sanctie.partnerschap,
        before={"status": oud},
        after={"status": status},
        note=sanctie.motivering,
        now=now,
    )


def _lopend() -> QuerySet[Erkenning]:
    return Erkenning.objects.select_for_update().filter(status__in=LOPEND).order_by("pk")


@guarded_by(kan_sanctie_opleggen)
@transaction.atomic
def begeleidingsactie_opleggen(
    *,
    erkenning: Erkenning,
    motivering: str,
    door: Actor,
    tot: dt.date | None = None,
    now: datetime | None = None,
) -> Sanctie:
    """A guidance action comes before any sanction (R23): it ends nothing, and is no decision
    one appeals."""
    now = now or timezone.now()
    erkenning = _vergrendel(erkenning)
    refuse_unless(kan_sanctie_opleggen(erkenning, door=door, now=now))
    return _opleggen(
        erkenning,
        SanctieSoort.BEGELEIDINGSACTIE,
        motivering=motivering,
        door=door,
        now=now,
        tot=tot,
    )


@guarded_by(kan_sanctie_opleggen)
@transaction.atomic
def mentor_schorsen(
    *,
    erkenning: Erkenning,
    mentor: Mentor,
    motivering: str,
    door: Actor,
    tot: dt.date | None = None,
    now: datetime | None = None,
) -> Sanctie:
    """Bar a mentor of the enterprise for the recognition's programme: each of their
    designations for it is deactivated (R24)."""
    now = now or timezone.now()
    erkenning = _vergrendel(erkenning)
    refuse_unless(kan_sanctie_opleggen(erkenning, door=door, now=now))
    if mentor.onderneming_id != erkenning.onderneming_id:
        raise ErkenningFout(_("This mentor belongs to another enterprise."))
    sanctie = _opleggen(
        erkenning,
        SanctieSoort.MENTOR_GESCHORST,
        motivering=motivering,
        door=door,
        now=now,
        tot=tot,
        mentor=mentor,
    )
    for toewijzing in MentorToewijzing.objects.filter(
        mentor=mentor, opleiding_id=erkenning.opleiding_id, actief=True
    ):
        # The enterprise manages its mentors' designations; the partnership's measure takes
        # them off as its effect, recorded as the system's with the reason.
        toewijzing_deactiveren(
            toewijzing=toewijzing, reden=_("Barred by the partnership."), door=SYSTEM, now=now
        )
        mentorstatus_na_commit(toewijzing.vestiging_id, toewijzing.opleiding_id, now)
    return sanctie


@guarded_by(kan_sanctie_opleggen)
@transaction.atomic
def erkenning_opheffen(
    *,
    erkenning: Erkenning,
    motivering: str,
    door: Actor,
    tot: dt.date | None = None,
    now: datetime | None = None,
) -> Sanctie:
    """Lift this recognition (R24)."""
    now = now or timezone.now()
    erkenning = _vergrendel(erkenning)
    refuse_unless(kan_sanctie_opleggen(erkenning, door=door, now=now))
    return _opleggen(
        erkenning,
        SanctieSoort.OPHEFFING,
        motivering=motivering,
        door=door,
        now=now,
        tot=tot,
        getroffen=[erkenning],
    )


@guarded_by(kan_sanctie_opleggen)
@transaction.atomic
def vestiging_uitsluiten(
    *,
    erkenning: Erkenning,
    motivering: str,
    door: Actor,
    tot: dt.date | None = None,
    now: datetime | None = None,
) -> Sanctie:
    """Exclude the recognition's establishment: every running recognition there ends, and no
    new application is possible until the measure ends (R24.3)."""
    now = now or timezone.now()
    erkenning = _vergrendel(erkenning)
    refuse_unless(kan_sanctie_opleggen(erkenning, door=door, now=now))
    return _opleggen(
        erkenning,
        SanctieSoort.UITSLUITING_VESTIGING,
        motivering=motivering,
        door=door,
        now=now,
        tot=tot,
        getroffen=_lopend().filter(vestiging_id=erkenning.vestiging_id),
    )


@guarded_by(kan_sanctie_opleggen)
@transaction.atomic
def onderneming_uitsluiten(
    *,
    erkenning: Erkenning,
    motivering: str,
    door: Actor,
    tot: dt.date | None = None,
    now: datetime | None = None,
) -> Sanctie:
    """Exclude the recognition's enterprise: every running recognition of it ends, and no new
    application is possible until the measure ends (R24.3)."""
    now = now or timezone.now()
    erkenning = _vergrendel(erkenning)
    refuse_unless(kan_sanctie_opleggen(erkenning, door=door, now=now))
    return _opleggen(
        erkenning,
        SanctieSoort.UITSLUITING_ONDERNEMING,
        motivering=motivering,
        door=door,
        now=now,
        tot=tot,
        getroffen=_lopend().filter(onderneming_id=erkenning.onderneming_id),
    )
