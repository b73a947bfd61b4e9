"""The register: registering a mentor, designating and deciding designations, (de)activating."""

from datetime import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.accounts.models import User
from duaal.audit.services import audit_record
from duaal.insz import geboortedatum_uit_insz
from duaal.organisaties.models import Onderneming, Opleiding, Vestiging
from duaal.termijnen import vandaag
from mentors.constants import TOEWIJZING_OVERGANGEN, ToewijzingStatus
from mentors.exceptions import MentorFout
from mentors.models import Mentor, MentorToewijzing
from mentors.selectors import heeft_geldige_mentor, toewijzing_is_geldig
from mentors.signals import geen_geldige_mentor_meer, geldige_mentor_beschikbaar

from .common import melden, motivatie_verplicht, overgang_toegestaan, partnerschap_team, werkgevers
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


@transaction.atomic
def mentor_registreren(
    *, onderneming: Onderneming, door: User, gegevens: dict, now: datetime | None = None
) -> Mentor:
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
        verb="mentor.geregistreerd",
        door=door,
        organisatie=onderneming,
        after=after,
        now=now,
    )
    return mentor


@transaction.atomic
def mentor_toewijzen(
    *,
    mentor: Mentor,
    vestiging: Vestiging,
    opleiding: Opleiding,
    door: User,
    now: datetime | None = None,
) -> MentorToewijzing:
    """Designate a mentor; the competent partnership reviews it like an application (R21)."""
    now = now or timezone.now()
    if vestiging.onderneming_id != mentor.onderneming_id:
        raise MentorFout(_("The establishment belongs to another enterprise."))
    if not opleiding.actief:
        raise MentorFout(_("This programme is no longer offered."))
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
        verb="mentor.toegewezen",
        door=door,
        organisatie=mentor.onderneming,
        after={"vestiging": str(vestiging), "opleiding": str(opleiding)},
        now=now,
    )
    melden(
        f"toewijzing:{toewijzing.pk}:voorgesteld",
        partnerschap_team(opleiding.partnerschap_id),
        _("New mentor to review"),
        _("%(onderneming)s designated %(mentor)s for %(opleiding)s at %(vestiging)s.")
        % {
            "onderneming": mentor.onderneming,
            "mentor": mentor,
            "opleiding": opleiding,
            "vestiging": vestiging,
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


@transaction.atomic
def toewijzing_beslissen(
    *,
    toewijzing: MentorToewijzing,
    aanvaarden: bool,
    motivatie: str,
    door: User,
    now: datetime | None = None,
) -> MentorToewijzing:
    now = now or timezone.now()
    toewijzing = _vergrendel(toewijzing)
    nieuw = ToewijzingStatus.AANVAARD if aanvaarden else ToewijzingStatus.GEWEIGERD
    overgang_toegestaan(
        toewijzing.status, nieuw, TOEWIJZING_OVERGANGEN, toewijzing.get_status_display()
    )
    motivatie = motivatie_verplicht(motivatie)
    oud = toewijzing.status
    toewijzing.status, toewijzing.motivatie = nieuw, motivatie
    toewijzing.beslist_door, toewijzing.beslist_op = door, now
    toewijzing.save(
        update_fields=["status", "motivatie", "beslist_door", "beslist_op", "updated_at"]
    )
    audit_record(
        obj=toewijzing,
        verb=f"toewijzing.{nieuw}",
        door=door,
        organisatie=toewijzing.opleiding.partnerschap,
        before={"status": oud},
        after={"status": nieuw},
        note=motivatie,
        now=now,
    )
    _meld_als_geldig(toewijzing, now)
    melden(
        f"toewijzing:{toewijzing.pk}:{nieuw}",
        werkgevers(toewijzing.mentor.onderneming_id),
        _("Mentor designation %(status)s") % {"status": toewijzing.get_status_display().lower()},
        f"{toewijzing}\n\n{motivatie}",
    )
    return toewijzing


@transaction.atomic
def toewijzing_deactiveren(
    *, toewijzing: MentorToewijzing, reden: str, door: User, now: datetime | None = None
) -> MentorToewijzing:
    now = now or timezone.now()
    toewijzing = _vergrendel(toewijzing)
    if not toewijzing.actief:
        raise MentorFout(_("This mentor is already inactive here."))
    was_geldig = toewijzing_is_geldig(toewijzing, op=vandaag(now))
    toewijzing.actief = False
    toewijzing.save(update_fields=["actief", "updated_at"])
    audit_record(
        obj=toewijzing,
        verb="toewijzing.gedeactiveerd",
        door=door,
        organisatie=toewijzing.mentor.onderneming,
        before={"actief": True},
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
    """R43: tell employer and partnership, and let the recognition app react after commit."""
    plaats = {"opleiding": toewijzing.opleiding, "vestiging": toewijzing.vestiging}
    melden(
        f"plaats:{toewijzing.vestiging_id}:{toewijzing.opleiding_id}:zonder-mentor:{now:%Y%m%d%H%M%S}",
        werkgevers(toewijzing.mentor.onderneming_id)
        + partnerschap_team(toewijzing.opleiding.partnerschap_id),
        _("No valid mentor left"),
        _(
            "%(opleiding)s at %(vestiging)s has no valid mentor any more. No new agreement can "
            "start there until a valid mentor is designated."
        )
        % plaats,
    )
    transaction.on_commit(
        partial(geen_geldige_mentor_meer.send, sender=MentorToewijzing, now=now, **plaats)
    )


@transaction.atomic
def toewijzing_reactiveren(
    *, toewijzing: MentorToewijzing, door: User, now: datetime | None = None
) -> MentorToewijzing:
    now = now or timezone.now()
    toewijzing = _vergrendel(toewijzing)
    if toewijzing.actief:
        raise MentorFout(_("This mentor is already active here."))
    toewijzing.actief = True
    toewijzing.save(update_fields=["actief", "updated_at"])
    audit_record(
        obj=toewijzing,
        verb="toewijzing.gereactiveerd",
        door=door,
        organisatie=toewijzing.mentor.onderneming,
        before={"actief": False},
        after={"actief": True},
        now=now,
    )
    _meld_als_geldig(toewijzing, now)
    return toewijzing


def _meld_als_geldig(toewijzing: MentorToewijzing, now: datetime) -> None:
    """Tell the recognition app after commit that this place has a valid mentor (again)."""
    if toewijzing_is_geldig(toewijzing, op=vandaag(now)):
        transaction.on_commit(
            partial(
                geldige_mentor_beschikbaar.send,
                sender=MentorToewijzing,
                vestiging=toewijzing.vestiging,
                opleiding=toewijzing.opleiding,
                now=now,
            )
        )
