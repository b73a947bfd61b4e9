"""A person whose government login names an organisation but no role there asks its
administrators for access; an administrator grants a role or refuses with a reason. While the
organisation has no administrator yet, the request waits: the first administrator who logs in
finds it on their dashboard."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.audit.services import audit_record
from duaal.meldingen.services import portal_url, send_mail
from duaal.organisaties.models import Organisatie
from duaal.workflow import (
    Refusals,
    Refused,
    guarded_by,
    refusals,
    refuse_if,
    refuse_unless,
    required_text,
)

from .actor import Actor
from .constants import AanvraagStatus, AuditVerb
from .models import Membership, Toegangsaanvraag
from .selectors import organisatiebeheerders
from .toegang import Toekenning, beheren, geldige_rol, toegang_toekennen

__all__ = [
    "kan_toegang_aanvragen",
    "kan_toegangsaanvraag_toekennen",
    "kan_toegangsaanvraag_weigeren",
    "toegang_aanvragen",
    "toegangsaanvraag_toekennen",
    "toegangsaanvraag_weigeren",
]


def kan_toegang_aanvragen(organisatie: Organisatie, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the person logged in may not ask access to `organisatie` now."""
    if door.user is None:
        return refusals(_("Log in to ask for access."))
    lid = Membership.objects.filter(user=door.user, organisatie=organisatie, actief=True)
    open_ = Toegangsaanvraag.objects.filter(
        user=door.user, organisatie=organisatie, status=AanvraagStatus.OPEN
    )
    return refusals(
        refuse_if(lid.exists(), _("You already have access to %(o)s.") % {"o": organisatie}),
        refuse_if(
            open_.exists(),
            _("Your request for access to %(o)s is waiting for an answer.") % {"o": organisatie},
        ),
    )


@guarded_by(kan_toegang_aanvragen)
@transaction.atomic
def toegang_aanvragen(
    *, organisatie: Organisatie, toelichting: str, door: Actor, now: datetime | None = None
) -> Toegangsaanvraag:
    """Ask access; the organisation's administrators are mailed at once (none yet: the
    request waits for the first one, on their dashboard)."""
    now = now or timezone.now()
    refuse_unless(kan_toegang_aanvragen(organisatie, door=door, now=now))
    try:
        # Two tabs sending at once: the unique constraint on open requests has the last word.
        with transaction.atomic():
            aanvraag = Toegangsaanvraag.objects.create(
                user=door.person, organisatie=organisatie, toelichting=toelichting.strip()
            )
    except IntegrityError:
        raise Refused(kan_toegang_aanvragen(organisatie, door=door, now=now)) from None
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.TOEGANGSAANVRAAG_INGEDIEND,
        door=door,
        organisatie=organisatie,
        after={"user": door.person.email},
        now=now,
    )
    send_mail(
        "accounts/access_requested",
        recipients=organisatiebeheerders(organisatie.pk, organisatie.soort),
        event_key=f"toegangsaanvraag:{aanvraag.public_id}",
        context={
            "organisatie": organisatie.naam,
            "persoon": str(door.person),
            "email": door.person.email,
            "toelichting": aanvraag.toelichting,
            "url": portal_url("accounts:toegang"),
        },
    )
    return aanvraag


def _beantwoordbaar(aanvraag: Toegangsaanvraag, door: Actor) -> Refusals:
    return refusals(
        beheren(aanvraag, door),
        refuse_if(aanvraag.status != AanvraagStatus.OPEN, _("This request was already answered.")),
    )


def kan_toegangsaanvraag_toekennen(
    aanvraag: Toegangsaanvraag, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why the actor may not grant this request now."""
    return _beantwoordbaar(aanvraag, door)


def kan_toegangsaanvraag_weigeren(
    aanvraag: Toegangsaanvraag, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why the actor may not refuse this request now."""
    return _beantwoordbaar(aanvraag, door)


def _vergrendeld(aanvraag: Toegangsaanvraag) -> Toegangsaanvraag:
    return (
        Toegangsaanvraag.objects.select_for_update(of=("self",))
        .select_related("user", "organisatie")
        .get(pk=aanvraag.pk)
    )


def _beantwoorden(
    aanvraag: Toegangsaanvraag, status: str, rol: str, door: Actor, now: datetime
) -> None:
    aanvraag.status = status
    aanvraag.rol = rol
    aanvraag.beantwoord_door = door.person
    aanvraag.beantwoord_op = now
    aanvraag.save(update_fields=["status", "rol", "beantwoord_door", "beantwoord_op", "updated_at"])


@guarded_by(kan_toegangsaanvraag_toekennen)
@transaction.atomic
def toegangsaanvraag_toekennen(
    *, aanvraag: Toegangsaanvraag, rol: str, door: Actor, now: datetime | None = None
) -> Membership:
    """Grant the request with a role of the organisation: the membership starts now."""
    now = now or timezone.now()
    aanvraag = _vergrendeld(aanvraag)
    refuse_unless(kan_toegangsaanvraag_toekennen(aanvraag, door=door, now=now))
    rol = geldige_rol(aanvraag.organisatie, rol)
    _beantwoorden(aanvraag, AanvraagStatus.TOEGEKEND, rol, door, now)
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.TOEGANGSAANVRAAG_BEANTWOORD,
        door=door,
        organisatie=aanvraag.organisatie,
        before={"status": AanvraagStatus.OPEN},
        after={"status": AanvraagStatus.TOEGEKEND, "rol": rol},
        now=now,
    )
    toekenning = Toekenning(
        user=aanvraag.user, organisatie=aanvraag.organisatie, rol=rol, door=door.person
    )
    return toegang_toekennen(toekenning, now=now)


@guarded_by(kan_toegangsaanvraag_weigeren)
@transaction.atomic
def toegangsaanvraag_weigeren(
    *, aanvraag: Toegangsaanvraag, reden: str, door: Actor, now: datetime | None = None
) -> Toegangsaanvraag:
    """Refuse the request; the reason goes to the requester (and into the audit trail)."""
    now = now or timezone.now()
    aanvraag = _vergrendeld(aanvraag)
    refuse_unless(kan_toegangsaanvraag_weigeren(aanvraag, door=door, now=now))
    reden = required_text(reden, _("Say why you refuse: the requester reads it."))
    _beantwoorden(aanvraag, AanvraagStatus.GEWEIGERD, "", door, now)
    audit_record(
        obj=aanvraag,
        verb=AuditVerb.TOEGANGSAANVRAAG_BEANTWOORD,
        door=door,
        organisatie=aanvraag.organisatie,
        before={"status": AanvraagStatus.OPEN},
        after={"status": AanvraagStatus.GEWEIGERD},
        note=reden,
        now=now,
    )
    send_mail(
        "accounts/access_request_refused",
        recipients=[aanvraag.user],
        event_key=f"toegangsaanvraag:geweigerd:{aanvraag.public_id}",
        context={
            "organisatie": aanvraag.organisatie.naam,
            "reden": reden,
            "door": door.person.naam or door.person.email,
            "url": portal_url("portaal:dashboard"),
        },
    )
    return aanvraag
