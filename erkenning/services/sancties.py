"""Sanctions (R23-R26) and appeals (R27-R29), each with motivation and applied effects."""

import datetime as dt
from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.audit.services import audit_record
from duaal.organisaties.models import Onderneming, Opleiding, Partnerschap, Vestiging
from duaal.termijnen import vandaag
from erkenning.constants import (
    BEROEP_OVERGANGEN,
    LOPEND,
    AanvraagStatus,
    BeroepStatus,
    ErkenningStatus,
    SanctieSoort,
)
from erkenning.exceptions import ErkenningFout
from erkenning.models import Aanvraag, Beroep, Erkenning, Sanctie
from erkenning.signals import erkenning_beeindigd
from mentors.models import Mentor, MentorToewijzing
from mentors.services import toewijzing_deactiveren

from .beoordeling import erkenning_toekennen, mentoren_aanvaarden
from .common import beheerders, consulenten, lid_vereist, melden, overgang, verplicht, werkgevers

# What each sanction ends: the recognitions it touches become this status.
EINDSTATUS = {
    SanctieSoort.OPHEFFING: ErkenningStatus.OPGEHEVEN,
    SanctieSoort.UITSLUITING_VESTIGING: ErkenningStatus.UITGESLOTEN,
    SanctieSoort.UITSLUITING_ONDERNEMING: ErkenningStatus.UITGESLOTEN,
}


def _getroffen(
    soort: str,
    onderneming: Onderneming,
    partnerschap: Partnerschap,
    erkenning: Erkenning | None,
    vestiging: Vestiging | None,
) -> list[Erkenning]:
    qs = Erkenning.objects.select_for_update().filter(status__in=LOPEND)
    if soort == SanctieSoort.OPHEFFING:
        if erkenning is None:
            raise ErkenningFout(_("Choose the recognition to lift."))
        return list(qs.filter(pk=erkenning.pk))
    if soort == SanctieSoort.UITSLUITING_VESTIGING:
        if vestiging is None:
            raise ErkenningFout(_("Choose the establishment to exclude."))
        return list(qs.filter(vestiging=vestiging))
    return list(qs.filter(onderneming=onderneming))


@transaction.atomic
def sanctie_opleggen(
    *,
    soort: str,
    onderneming: Onderneming,
    partnerschap: Partnerschap,
    motivering: str,
    door: User,
    erkenning: Erkenning | None = None,
    vestiging: Vestiging | None = None,
    mentor: Mentor | None = None,
    opleiding: Opleiding | None = None,
    tot: dt.date | None = None,
    now: datetime | None = None,
) -> Sanctie:
    """Impose a measure and apply its effect: a barred mentor is deactivated for the programme;
    lifting or exclusion ends the recognitions concerned (running agreements are told, R24)."""
    now = now or timezone.now()
    motivering = verplicht(motivering)
    lid_vereist(
        door,
        partnerschap.pk,
        _("Sanctions are recorded by the partnership's administrator."),
        Rol.PARTNERSCHAPSBEHEERDER,
    )
    if tot is not None and tot < vandaag(now):
        # R24: a temporary measure runs from the day it is imposed; it cannot end before.
        raise ErkenningFout(
            _("A measure cannot end before the day it is imposed (%(vandaag)s).")
            % {"vandaag": vandaag(now).strftime("%d/%m/%Y")}
        )
    if erkenning is not None and erkenning.partnerschap_id != partnerschap.pk:
        raise ErkenningFout(_("This recognition belongs to another partnership."))
    # 4: the measure concerns one enterprise: its recognition, establishment, mentor.
    if erkenning is not None and erkenning.onderneming_id != onderneming.pk:
        raise ErkenningFout(_("This recognition belongs to another enterprise."))
    if vestiging is not None and vestiging.onderneming_id != onderneming.pk:
        raise ErkenningFout(_("This establishment belongs to another enterprise."))
    if mentor is not None and mentor.onderneming_id != onderneming.pk:
        raise ErkenningFout(_("This mentor belongs to another enterprise."))
    getroffen = (
        _getroffen(soort, onderneming, partnerschap, erkenning, vestiging)
        if soort in EINDSTATUS
        else []
    )
    sanctie = Sanctie.objects.create(
        soort=soort,
        onderneming=onderneming,
        partnerschap=partnerschap,
        erkenning=erkenning,
        vestiging=vestiging,
        mentor=mentor,
        opleiding=opleiding,
        motivering=motivering,
        opgelegd_door=door,
        opgelegd_op=now,
        tot=tot,
        beroep_uiterlijk_op=None
        if soort == SanctieSoort.BEGELEIDINGSACTIE
        else vandaag(now) + dt.timedelta(days=partnerschap.beroepstermijn_dagen),
    )
    if soort == SanctieSoort.MENTOR_GESCHORST:
        _mentor_schorsen(sanctie, door, now)
    for getroffen_erkenning in getroffen:
        _beeindigen(getroffen_erkenning, EINDSTATUS[soort], sanctie, now)
    sanctie.getroffen_erkenningen.set(getroffen)
    audit_record(
        obj=sanctie,
        verb=f"sanctie.{soort}",
        door=door,
        organisatie=partnerschap,
        note=motivering,
        after={"erkenningen": [e.pk for e in getroffen]},
        now=now,
    )
    melden(
        f"sanctie:{sanctie.pk}",
        werkgevers(onderneming.pk),
        _("Measure imposed by the partnership"),
        f"{sanctie.get_soort_display()}\n\n{motivering}",
    )
    return sanctie


def _mentor_schorsen(sanctie: Sanctie, door: User, now: datetime) -> None:
    if sanctie.mentor is None or sanctie.opleiding is None:
        raise ErkenningFout(_("Choose the mentor and the programme."))
    if sanctie.opleiding.partnerschap_id != sanctie.partnerschap_id:
        raise ErkenningFout(_("This programme belongs to another partnership."))
    for toewijzing in MentorToewijzing.objects.filter(
        mentor=sanctie.mentor, opleiding=sanctie.opleiding, actief=True
    ):
        toewijzing_deactiveren(
            toewijzing=toewijzing, reden=_("Barred by the partnership."), door=door, now=now
        )


def _beeindigen(erkenning: Erkenning, status: str, sanctie: Sanctie, now: datetime) -> None:
    oud = erkenning.status
    erkenning.status, erkenning.beeindigd_op = status, now
    erkenning.save(update_fields=["status", "beeindigd_op", "updated_at"])
    audit_record(
        obj=erkenning,
        verb=f"erkenning.{status}",
        door=sanctie.opgelegd_door,
        organisatie=sanctie.partnerschap,
        before={"status": oud},
        after={"status": status},
        note=sanctie.motivering,
        now=now,
    )
    transaction.on_commit(
        partial(
            erkenning_beeindigd.send,
            sender=Erkenning,
            erkenning_ids=[erkenning.pk],
            reden=status,
            now=now,
        )
    )


@transaction.atomic
def beroep_indienen(
    *,
    onderneming: Onderneming,
    motivering: str,
    door: User,
    aanvraag: Aanvraag | None = None,
    sanctie: Sanctie | None = None,
    now: datetime | None = None,
) -> Beroep:
    """Only the enterprise itself appeals, motivated, within the appeal term (R27-R28)."""
    now = now or timezone.now()
    onderwerp = aanvraag or sanctie
    if onderwerp is None or onderwerp.onderneming_id != onderneming.pk:
        raise ErkenningFout(_("Only the enterprise concerned can appeal."))
    # R28: only the enterprise itself appeals, not a mandated school or partnership.
    lid_vereist(door, onderneming.pk, _("Only the enterprise concerned can appeal."))
    if aanvraag is not None and aanvraag.status != AanvraagStatus.AFGEWEZEN:
        raise ErkenningFout(_("Only a refusal can be appealed."))
    if onderwerp.beroep_uiterlijk_op is None or vandaag(now) > onderwerp.beroep_uiterlijk_op:
        raise ErkenningFout(_("The appeal term has ended."))
    if Beroep.objects.filter(aanvraag=aanvraag, sanctie=sanctie).exists():
        raise ErkenningFout(_("An appeal against this decision has already been lodged."))
    beroep = Beroep.objects.create(
        onderneming=onderneming,
        partnerschap=onderwerp.partnerschap,
        aanvraag=aanvraag,
        sanctie=sanctie,
        motivering=verplicht(motivering, _("Motivate the request for review.")),
        ingediend_door=door,
        ingediend_op=now,
    )
    audit_record(obj=beroep, verb="beroep.ingediend", door=door, organisatie=onderneming, now=now)
    melden(
        f"beroep:{beroep.pk}:ingediend",
        beheerders(beroep.partnerschap_id) + consulenten(beroep.partnerschap_id),
        _("Appeal lodged"),
        _("%(onderneming)s lodged an appeal.") % {"onderneming": onderneming},
    )
    return beroep


@transaction.atomic
def beroep_ontvankelijkheid(
    *, beroep: Beroep, ontvankelijk: bool, motivering: str, door: User, now: datetime | None = None
) -> Beroep:
    """Confirm receipt with the admissibility check (R29)."""
    now = now or timezone.now()
    _beroepscoordinator(door)
    beroep = Beroep.objects.select_for_update().get(pk=beroep.pk)
    nieuw = BeroepStatus.ONTVANKELIJK if ontvankelijk else BeroepStatus.ONONTVANKELIJK
    overgang(beroep.status, nieuw, BEROEP_OVERGANGEN, beroep.get_status_display())
    beroep.status, beroep.ontvangst_bevestigd_op = nieuw, now
    if not ontvankelijk:
        beroep.uitkomst_motivering = verplicht(motivering, _("Say why the appeal is inadmissible."))
        beroep.behandeld_door, beroep.behandeld_op = door, now
    beroep.save(
        update_fields=[
            "status",
            "ontvangst_bevestigd_op",
            "uitkomst_motivering",
            "behandeld_door",
            "behandeld_op",
            "updated_at",
        ]
    )
    audit_record(
        obj=beroep,
        verb=f"beroep.{nieuw}",
        door=door,
        organisatie=beroep.partnerschap,
        note=motivering,
        now=now,
    )
    melden(
        f"beroep:{beroep.pk}:{nieuw}",
        werkgevers(beroep.onderneming_id),
        _("Your appeal"),
        _("Receipt of your appeal is confirmed: %(s)s.")
        % {"s": beroep.get_status_display().lower()},
    )
    return beroep


@transaction.atomic
def beroep_beslissen(
    *, beroep: Beroep, gegrond: bool, motivering: str, door: User, now: datetime | None = None
) -> Beroep:
    """Record the committee's outcome and apply it: an upheld appeal against a refusal grants
    the recognition; against a lifting or exclusion it restores the recognitions still valid."""
    now = now or timezone.now()
    _beroepscoordinator(door)
    beroep = (
        Beroep.objects.select_for_update(of=("self",))
        .select_related("aanvraag", "sanctie")
        .get(pk=beroep.pk)
    )
    nieuw = BeroepStatus.GEGROND if gegrond else BeroepStatus.ONGEGROND
    overgang(beroep.status, nieuw, BEROEP_OVERGANGEN, beroep.get_status_display())
    beroep.status, beroep.uitkomst_motivering = nieuw, verplicht(motivering)
    beroep.behandeld_door, beroep.behandeld_op = door, now
    beroep.save(
        update_fields=[
            "status",
            "uitkomst_motivering",
            "behandeld_door",
            "behandeld_op",
            "updated_at",
        ]
    )
    if gegrond:
        _toepassen(beroep, now)
    audit_record(
        obj=beroep,
        verb=f"beroep.{nieuw}",
        door=door,
        organisatie=beroep.partnerschap,
        note=beroep.uitkomst_motivering,
        now=now,
    )
    melden(
        f"beroep:{beroep.pk}:{nieuw}",
        werkgevers(beroep.onderneming_id),
        _("Outcome of your appeal"),
        f"{beroep.get_status_display()}\n\n{beroep.uitkomst_motivering}",
    )
    return beroep


def _toepassen(beroep: Beroep, now: datetime) -> None:
    if beroep.aanvraag is not None:
        aanvraag = Aanvraag.objects.select_for_update().get(pk=beroep.aanvraag_id)
        aanvraag.status = AanvraagStatus.GOEDGEKEURD
        aanvraag.save(update_fields=["status", "updated_at"])
        erkenning_toekennen(aanvraag, now)
        # The recognition needs its named mentors accepted, as an approval does (R43).
        mentoren_aanvaarden(aanvraag, beroep.behandeld_door, now)
        audit_record(
            obj=aanvraag,
            verb="aanvraag.goedgekeurd_na_beroep",
            door=beroep.behandeld_door,
            before={"status": AanvraagStatus.AFGEWEZEN},
            after={"status": AanvraagStatus.GOEDGEKEURD},
            now=now,
        )
        return
    sanctie = beroep.sanctie
    dag = vandaag(now)
    if sanctie.tot is None or sanctie.tot >= dag:
        # An upheld appeal ends the measure itself, so an exclusion no longer blocks (R24.3).
        sanctie.tot = dag - dt.timedelta(days=1)
        sanctie.save(update_fields=["tot", "updated_at"])
    for erkenning in (
        Erkenning.objects.select_for_update()
        .filter(pk__in=sanctie.getroffen_erkenningen.values("pk"), geldig_tot__gte=dag)
        .exclude(status__in=LOPEND)
    ):
        if Erkenning.objects.filter(
            vestiging=erkenning.vestiging, opleiding=erkenning.opleiding, status__in=LOPEND
        ).exists():
            continue  # a newer recognition already holds the place
        oud = erkenning.status
        erkenning.status, erkenning.beeindigd_op = ErkenningStatus.ACTIEF, None
        erkenning.save(update_fields=["status", "beeindigd_op", "updated_at"])
        audit_record(
            obj=erkenning,
            verb="erkenning.hersteld_na_beroep",
            door=beroep.behandeld_door,
            before={"status": oud},
            after={"status": ErkenningStatus.ACTIEF},
            now=now,
        )


def _beroepscoordinator(door: User) -> None:
    """Appeals are handled for VPDL's appeal committee by the department's coordinator (R28)."""
    if not Membership.objects.filter(user=door, rol=Rol.PLATFORMBEHEERDER, actief=True).exists():
        raise ErkenningFout(_("Only the appeal coordinator records receipt and outcome."))
