"""The register: registering a mentor, designating and deciding designations, (de)activating."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts import permissions as perms
from duaal.accounts.actor import Actor
from duaal.accounts.selectors import partnerschap_team, werkgevers
from duaal.audit.services import audit_record
from duaal.insz import geboortedatum_uit_insz
from duaal.meldingen.services import page_url, portal_url, send_mail
from duaal.organisaties.models import Onderneming, Opleiding, Vestiging
from duaal.termijnen import vandaag
from duaal.workflow import (
    Refusals,
    guarded_by,
    refusals,
    refuse_if,
    refuse_unless,
    transition_allowed,
)
from mentors.constants import TOEWIJZING_OVERGANGEN, TOEWIJZING_VERB, AuditVerb, ToewijzingStatus
from mentors.exceptions import MentorFout
from mentors.models import Mentor, MentorToewijzing
from mentors.selectors import heeft_geldige_mentor, toewijzing_is_geldig

from .common import (
    motivatie_verplicht,
    vergrendel_mentor,
)
from .opleiding import mentoropleiding_starten

MENTOR_VELDEN = [
    "voornaam",
    "achternaam",
    "geboortedatum",
    "functie",
    "jaren_ervaring",
    "e_mail",
    "telefoon",
]


def kan_mentor_registreren(onderneming: Onderneming, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why this actor may not add a mentor to this enterprise's register."""
    return refusals(door.may(perms.MENTOR_BEHEREN, onderneming))


@guarded_by(kan_mentor_registreren)
@transaction.atomic
def mentor_registreren(
    *, onderneming: Onderneming, door: Actor, gegevens: dict, now: datetime | None = None
) -> Mentor:
    # A new row: nothing to lock; the unique constraint settles two registrations at once.
    now = now or timezone.now()
    refuse_unless(kan_mentor_registreren(onderneming, door=door, now=now))
    mentor = Mentor(
        onderneming=onderneming, insz=gegevens["insz"], **{k: gegevens[k] for k in MENTOR_VELDEN}
    )
    mentor.full_clean()
    gecodeerd = geboortedatum_uit_insz(mentor.insz)
    if gecodeerd is not None and gecodeerd != mentor.geboortedatum:
        raise MentorFout(_("The date of birth does not match the national register number."))
    try:
        with transaction.atomic():
            mentor.save()
    except IntegrityError:
        # The same person registered at the same moment by a colleague.
        raise MentorFout(_("This mentor is already in your register.")) from None
    # The INSZ stays out of the audit trail, like out of every log (S7).
    after = {k: str(gegevens[k]) for k in MENTOR_VELDEN}
    audit_record(
        obj=mentor,
        verb=AuditVerb.MENTOR_GEREGISTREERD,
        door=door,
        organisatie=onderneming,
        after=after,
        now=now,
    )
    return mentor


def kan_mentor_toewijzen(
    mentor: Mentor,
    *,
    door: Actor,
    now: datetime,
    vestiging: Vestiging | None = None,
    opleiding: Opleiding | None = None,
) -> Refusals:
    """Every reason why this actor may not designate this mentor now; given the place chosen
    on the form, also why not there."""
    return refusals(
        door.may(perms.MENTOR_BEHEREN, mentor),
        refuse_if(
            not Vestiging.objects.filter(onderneming_id=mentor.onderneming_id).exists(),
            _("Your enterprise has no establishments in the portal yet. Add one first."),
        ),
        refuse_if(
            vestiging is not None and vestiging.onderneming_id != mentor.onderneming_id,
            _("The establishment belongs to another enterprise."),
        ),
        refuse_if(
            opleiding is not None and not opleiding.actief,
            _("This programme is no longer offered."),
        ),
    )


@guarded_by(kan_mentor_toewijzen)
@transaction.atomic
def mentor_toewijzen(
    *,
    mentor: Mentor,
    vestiging: Vestiging,
    opleiding: Opleiding,
    door: Actor,
    now: datetime | None = None,
) -> MentorToewijzing:
    """Designate a mentor; the competent partnership reviews it like an application (R21)."""
    now = now or timezone.now()
    mentor = vergrendel_mentor(mentor)
    refuse_unless(
        kan_mentor_toewijzen(mentor, door=door, now=now, vestiging=vestiging, opleiding=opleiding)
    )
    try:
        with transaction.atomic():
            toewijzing = MentorToewijzing.objects.create(
                mentor=mentor, vestiging=vestiging, opleiding=opleiding, aangesteld_op=vandaag(now)
            )
    except IntegrityError:
        raise MentorFout(_("This mentor is already designated for this programme here.")) from None
    # Mentor training is due from the designation (R37); recognition may later re-anchor it.
    mentoropleiding_starten(
        mentor=mentor, partnerschap=opleiding.partnerschap, vanaf=toewijzing.aangesteld_op
    )
    audit_record(
        obj=toewijzing,
        verb=AuditVerb.MENTOR_TOEGEWEZEN,
        door=door,
        organisatie=mentor.onderneming,
        after={"vestiging": str(vestiging), "opleiding": str(opleiding)},
        now=now,
    )
    send_mail(
        "mentors/designation_proposed",
        recipients=partnerschap_team(opleiding.partnerschap_id),
        event_key=f"toewijzing:{toewijzing.pk}:voorgesteld",
        context={
            "onderneming": str(mentor.onderneming),
            "mentor": str(mentor),
            "opleiding": str(opleiding),
            "vestiging": str(vestiging),
            "url": page_url(toewijzing),
        },
    )
    return toewijzing


def _vergrendel(toewijzing: MentorToewijzing) -> MentorToewijzing:
    """Lock every designation of the same establishment x programme, in pk order, then return
    this one: whether the place still has a valid mentor is decided over all of them, so two
    deactivations at the same moment must not each count on the other (R43)."""
    list(
        MentorToewijzing.objects.select_for_update()
        .filter(vestiging_id=toewijzing.vestiging_id, opleiding_id=toewijzing.opleiding_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return (
        MentorToewijzing.objects.select_for_update(of=("self",))
        .select_related("mentor__onderneming", "opleiding__partnerschap", "vestiging")
        .get(pk=toewijzing.pk)
    )


def kan_toewijzing_beslissen(
    toewijzing: MentorToewijzing, *, door: Actor, now: datetime, aanvaarden: bool = True
) -> Refusals:
    """Every reason why this actor may not decide on the designation now (R21): only the
    partnership the programme is routed to, and only while it awaits review."""
    nieuw = ToewijzingStatus.AANVAARD if aanvaarden else ToewijzingStatus.GEWEIGERD
    return refusals(
        door.may(perms.MENTOR_BEOORDELEN, toewijzing),
        transition_allowed(
            toewijzing.status, nieuw, TOEWIJZING_OVERGANGEN, toewijzing.get_status_display()
        ),
    )


@guarded_by(kan_toewijzing_beslissen)
@transaction.atomic
def toewijzing_beslissen(
    *,
    toewijzing: MentorToewijzing,
    aanvaarden: bool,
    motivatie: str,
    door: Actor,
    now: datetime | None = None,
) -> MentorToewijzing:
    now = now or timezone.now()
    toewijzing = _vergrendel(toewijzing)
    refuse_unless(kan_toewijzing_beslissen(toewijzing, door=door, now=now, aanvaarden=aanvaarden))
    nieuw = ToewijzingStatus.AANVAARD if aanvaarden else ToewijzingStatus.GEWEIGERD
    motivatie = motivatie_verplicht(motivatie)
    oud = toewijzing.status
    toewijzing.status, toewijzing.motivatie = nieuw, motivatie
    toewijzing.beslist_door, toewijzing.beslist_op = door.audit_user, now
    toewijzing.save(
        update_fields=["status", "motivatie", "beslist_door", "beslist_op", "updated_at"]
    )
    audit_record(
        obj=toewijzing,
        verb=TOEWIJZING_VERB[nieuw],
        door=door,
        organisatie=toewijzing.opleiding.partnerschap,
        before={"status": oud},
        after={"status": nieuw},
        note=motivatie,
        now=now,
    )
    send_mail(
        "mentors/designation_decided",
        recipients=werkgevers(toewijzing.mentor.onderneming_id),
        event_key=f"toewijzing:{toewijzing.pk}:{nieuw}",
        context={
            "aanvaard": nieuw == ToewijzingStatus.AANVAARD,
            "mentor": str(toewijzing.mentor),
            "opleiding": str(toewijzing.opleiding),
            "vestiging": str(toewijzing.vestiging),
            "motivatie": motivatie,
            "url": page_url(toewijzing),
        },
    )
    return toewijzing


def kan_toewijzing_deactiveren(
    toewijzing: MentorToewijzing, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not take the mentor off this place now."""
    return refusals(
        door.may(perms.MENTOR_BEHEREN, toewijzing),
        refuse_if(not toewijzing.actief, _("This mentor is already inactive here.")),
    )


@guarded_by(kan_toewijzing_deactiveren)
@transaction.atomic
def toewijzing_deactiveren(
    *, toewijzing: MentorToewijzing, reden: str, door: Actor, now: datetime | None = None
) -> MentorToewijzing:
    now = now or timezone.now()
    toewijzing = _vergrendel(toewijzing)
    refuse_unless(kan_toewijzing_deactiveren(toewijzing, door=door, now=now))
    voor = toewijzing.actief
    was_geldig = toewijzing_is_geldig(toewijzing, op=vandaag(now))
    toewijzing.actief = False
    toewijzing.save(update_fields=["actief", "updated_at"])
    audit_record(
        obj=toewijzing,
        verb=AuditVerb.TOEWIJZING_GEDEACTIVEERD,
        door=door,
        organisatie=toewijzing.mentor.onderneming,
        before={"actief": voor},
        after={"actief": False},
        note=reden,
        now=now,
    )
    if was_geldig and not heeft_geldige_mentor(
        toewijzing.vestiging, toewijzing.opleiding, op=vandaag(now)
    ):
        _laatste_geldige_mentor_weg(toewijzing, now)
    return toewijzing


def _laatste_geldige_mentor_weg(toewijzing: MentorToewijzing, now: datetime) -> None:
    """R43: tell employer and partnership. The recognition app's sweep reads the register and
    marks the recognition "without a valid mentor" itself."""
    send_mail(
        "mentors/no_valid_mentor",
        recipients=werkgevers(toewijzing.mentor.onderneming_id)
        + partnerschap_team(toewijzing.opleiding.partnerschap_id),
        event_key=f"plaats:{toewijzing.vestiging_id}:{toewijzing.opleiding_id}:zonder-mentor:{now:%Y%m%d%H%M%S}",
        context={
            "opleiding": str(toewijzing.opleiding),
            "vestiging": str(toewijzing.vestiging),
            "url": portal_url("mentors:mentor_list"),
        },
    )


def kan_toewijzing_reactiveren(
    toewijzing: MentorToewijzing, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not put the mentor back on this place now."""
    return refusals(
        door.may(perms.MENTOR_BEHEREN, toewijzing),
        refuse_if(toewijzing.actief, _("This mentor is already active here.")),
    )


@guarded_by(kan_toewijzing_reactiveren)
@transaction.atomic
def toewijzing_reactiveren(
    *, toewijzing: MentorToewijzing, door: Actor, now: datetime | None = None
) -> MentorToewijzing:
    now = now or timezone.now()
    toewijzing = _vergrendel(toewijzing)
    refuse_unless(kan_toewijzing_reactiveren(toewijzing, door=door, now=now))
    voor = toewijzing.actief
    toewijzing.actief = True
    toewijzing.save(update_fields=["actief", "updated_at"])
    audit_record(
        obj=toewijzing,
        verb=AuditVerb.TOEWIJZING_GEREACTIVEERD,
        door=door,
        organisatie=toewijzing.mentor.onderneming,
        before={"actief": voor},
        after={"actief": True},
        now=now,
    )
    return toewijzing
