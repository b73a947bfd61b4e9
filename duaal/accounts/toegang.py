"""An organisation's administrator manages who has access to it: the memberships granted in
the portal (change the role, revoke), and colleagues invited by e-mail. Memberships from the
government login's claims are read-only here: they end when the claim does, at the next login.
The organisation always keeps one administrator: the last one cannot go.

Every write is one transaction: the membership, the invitation, the audit rows and the mails
in the outbox are stored together or not at all."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.audit.services import audit_record
from duaal.exceptions import DomainError
from duaal.meldingen.links import LinkVerwijzing
from duaal.meldingen.services import portal_url, send_mail, untranslated
from duaal.organisaties.models import Organisatie
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless

from .actor import ActedFor, Actor
from .constants import (
    BEHEERDERSROL,
    UITNODIGING_GELDIG_DAGEN,
    AuditVerb,
    MembershipBron,
    Rol,
    rollen_voor_soort,
)
from .models import Membership, Uitnodiging, User
from .permissions import TOEGANG_BEHEREN
from .selectors import actieve_beheerders, organisatiebeheerders
from .uitnodiging_links import UITNODIGING_LINK, is_open

__all__ = [
    "kan_rol_wijzigen",
    "kan_toegang_beheren",
    "kan_toegang_intrekken",
    "kan_uitnodigen",
    "kan_uitnodiging_aanvaarden",
    "kan_uitnodiging_intrekken",
    "rol_wijzigen",
    "toegang_intrekken",
    "uitnodigen",
    "uitnodiging_aanvaarden",
    "uitnodiging_intrekken",
]


def beheren(obj: ActedFor, door: Actor) -> Refusals:
    """May the actor manage the access of the organisation `obj` belongs to."""
    return door.may(
        TOEGANG_BEHEREN,
        obj,
        reason=_("Only an administrator of the organisation manages who has access to it."),
    )


def rol_label(rol: str) -> str:
    """The role as its English msgid: the mail translates it in the recipient's language."""
    return untranslated(Rol(rol).label)


def geldige_rol(organisatie: Organisatie, rol: str) -> str:
    """`rol`, if a membership of this kind of organisation can have it; else refused."""
    if rol not in rollen_voor_soort(organisatie.soort):
        raise DomainError(_("This role cannot be granted in this organisation."))
    return rol


# --- Granting: shared by an accepted invitation and an answered access request ------------


@dataclass(frozen=True)
class Toekenning:
    """Who gets which role where, granted by whom (the person recorded as `toegekend_door`)."""

    user: User
    organisatie: Organisatie
    rol: str
    door: User


def toegang_toekennen(toekenning: Toekenning, *, now: datetime) -> Membership:
    """Grant the role (a portal membership), audit it, mail the person and the administrators.

    Called inside the caller's transaction, after its guard; a grant the person already holds
    is kept as it is."""
    membership, nieuw = Membership.objects.get_or_create(
        user=toekenning.user,
        organisatie=toekenning.organisatie,
        rol=toekenning.rol,
        bron=MembershipBron.PORTAAL,
        defaults={"toegekend_door": toekenning.door, "actief": True},
    )
    if not nieuw and not membership.actief:
        # An unconfirmed registration of the same role: the grant confirms the person instead.
        membership.actief = True
        membership.toegekend_door = toekenning.door
        membership.save(update_fields=["actief", "toegekend_door", "updated_at"])
    event = audit_record(
        obj=membership,
        verb=AuditVerb.TOEGANG_TOEGEKEND,
        door=toekenning.door,
        organisatie=toekenning.organisatie,
        after={"user": toekenning.user.email, "rol": toekenning.rol, "bron": membership.bron},
        now=now,
    )
    toekenning_mailen(membership, door=toekenning.door, sleutel=f"{event.pk}", vorige_rol="")
    return membership


def toekenning_mailen(membership: Membership, *, door: User, sleutel: str, vorige_rol: str) -> None:
    """Tell the person and the organisation's administrators about a grant or a new role."""
    organisatie = membership.organisatie
    feiten = {
        "organisatie": organisatie.naam,
        "rol": rol_label(membership.rol),
        "vorige_rol": rol_label(vorige_rol) if vorige_rol else "",
        "door": door.naam or door.email,
    }
    send_mail(
        "accounts/access_granted",
        recipients=[membership.user],
        event_key=f"toegang:toegekend:{sleutel}",
        context={**feiten, "url": portal_url("portaal:dashboard")},
    )
    send_mail(
        "accounts/access_granted_admins",
        recipients=organisatiebeheerders(organisatie.pk, organisatie.soort),
        event_key=f"toegang:toegekend-beheer:{sleutel}",
        context={**feiten, "persoon": str(membership.user), "url": portal_url("accounts:toegang")},
    )


# --- The overview and memberships ---------------------------------------------------------


def kan_toegang_beheren(organisatie: Organisatie, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the actor may not see and manage who has access to `organisatie`."""
    return beheren(organisatie, door)


def laatste_beheerder(membership: Membership) -> str | None:
    """The reason when `membership` is the organisation's last active administrator."""
    organisatie = membership.organisatie
    if membership.rol != BEHEERDERSROL[organisatie.soort] or not membership.actief:
        return None
    if actieve_beheerders(organisatie).exclude(pk=membership.pk).exists():
        return None
    return _(
        "%(naam)s is the last administrator of %(organisatie)s: make someone else an "
        "administrator first."
    ) % {"naam": membership.user, "organisatie": organisatie}


def _bewerkbaar(membership: Membership, door: Actor) -> Refusals:
    return refusals(
        beheren(membership.organisatie, door),
        refuse_if(
            membership.bron != MembershipBron.PORTAAL,
            _(
                "This access comes from the government login: it ends when the login no "
                "longer names it, and cannot be changed here."
            ),
        ),
        refuse_if(not membership.actief, _("This access is no longer active.")),
        laatste_beheerder(membership),
    )


def kan_toegang_intrekken(membership: Membership, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the actor may not revoke this membership now."""
    return _bewerkbaar(membership, door)


def kan_rol_wijzigen(membership: Membership, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the actor may not give this membership another role now."""
    return _bewerkbaar(membership, door)


def _vergrendeld(membership: Membership) -> Membership:
    """The membership, locked with every administrator membership of its organisation: two
    administrators removing each other at once must not leave none."""
    organisatie = Organisatie.objects.get(pk=membership.organisatie_id)
    list(actieve_beheerders(organisatie).select_for_update(of=("self",)))
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "organisatie")
        .get(pk=membership.pk)
    )


@guarded_by(kan_toegang_intrekken)
@transaction.atomic
def toegang_intrekken(
    *, membership: Membership, door: Actor, now: datetime | None = None
) -> Membership:
    """Revoke a membership granted in the portal: the row goes, so the person's next request
    (PortalBackend reads the memberships per request) no longer acts for the organisation."""
    now = now or timezone.now()
    membership = _vergrendeld(membership)
    refuse_unless(kan_toegang_intrekken(membership, door=door, now=now))
    organisatie = membership.organisatie
    event = audit_record(
        obj=membership,
        verb=AuditVerb.TOEGANG_INGETROKKEN,
        door=door,
        organisatie=organisatie,
        before={"user": membership.user.email, "rol": membership.rol, "bron": membership.bron},
        now=now,
    )
    # Deleted, not switched off: an inactive portal membership is an unconfirmed
    # registration, which its link could still switch on.
    membership.delete()
    feiten = {
        "organisatie": organisatie.naam,
        "rol": rol_label(membership.rol),
        "door": door.person.naam or door.person.email,
    }
    send_mail(
        "accounts/access_revoked",
        recipients=[membership.user],
        event_key=f"toegang:ingetrokken:{event.pk}",
        context={**feiten, "url": portal_url("portaal:dashboard")},
    )
    send_mail(
        "accounts/access_revoked_admins",
        recipients=organisatiebeheerders(organisatie.pk, organisatie.soort),
        event_key=f"toegang:ingetrokken-beheer:{event.pk}",
        context={**feiten, "persoon": str(membership.user), "url": portal_url("accounts:toegang")},
    )
    return membership


@guarded_by(kan_rol_wijzigen)
@transaction.atomic
def rol_wijzigen(
    *, membership: Membership, rol: str, door: Actor, now: datetime | None = None
) -> Membership:
    """Give a membership granted in the portal another role of the same organisation."""
    now = now or timezone.now()
    membership = _vergrendeld(membership)
    refuse_unless(kan_rol_wijzigen(membership, door=door, now=now))
    rol = geldige_rol(membership.organisatie, rol)
    if rol == membership.rol:
        raise DomainError(_("The person already has this role."))
    dubbel = Membership.objects.filter(
        user_id=membership.user_id,
        organisatie_id=membership.organisatie_id,
        rol=rol,
        bron=MembershipBron.PORTAAL,
    )
    if dubbel.exists():
        raise DomainError(_("The person already has this role."))
    vorige = membership.rol
    membership.rol = rol
    membership.toegekend_door = door.person
    membership.save(update_fields=["rol", "toegekend_door", "updated_at"])
    event = audit_record(
        obj=membership,
        verb=AuditVerb.TOEGANG_GEWIJZIGD,
        door=door,
        organisatie=membership.organisatie,
        before={"rol": vorige},
        after={"rol": rol},
        now=now,
    )
    toekenning_mailen(membership, door=door.person, sleutel=f"{event.pk}", vorige_rol=vorige)
    return membership


# --- Invitations --------------------------------------------------------------------------


def kan_uitnodigen(organisatie: Organisatie, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the actor may not invite a colleague to `organisatie`."""
    return beheren(organisatie, door)


@guarded_by(kan_uitnodigen)
@transaction.atomic
def uitnodigen(
    *, organisatie: Organisatie, email: str, rol: str, door: Actor, now: datetime | None = None
) -> Uitnodiging:
    """Invite the address to the organisation in `rol`; the mail carries a single-use link
    that works for UITNODIGING_GELDIG_DAGEN days."""
    now = now or timezone.now()
    refuse_unless(kan_uitnodigen(organisatie, door=door, now=now))
    rol = geldige_rol(organisatie, rol)
    email = email.strip().lower()
    open_ = Uitnodiging.objects.filter(
        organisatie_id=organisatie.pk,
        email=email,
        gebruikt_op__isnull=True,
        ingetrokken_op__isnull=True,
        verloopt_op__gt=now,
    )
    if open_.exists():
        raise DomainError(_("This address already has an open invitation: withdraw it first."))
    bestaand = User.objects.filter(email=email).first()
    if (
        bestaand is not None
        and bestaand.memberships.filter(
            organisatie_id=organisatie.pk, rol=rol, actief=True
        ).exists()
    ):
        raise DomainError(_("This person already has this role in the organisation."))
    uitnodiging = Uitnodiging.objects.create(
        organisatie=organisatie,
        email=email,
        rol=rol,
        uitgenodigd_door=door.person,
        verloopt_op=now + timedelta(days=UITNODIGING_GELDIG_DAGEN),
    )
    audit_record(
        obj=uitnodiging,
        verb=AuditVerb.UITNODIGING_VERSTUURD,
        door=door,
        organisatie=organisatie,
        after={"email": email, "rol": rol, "verloopt_op": uitnodiging.verloopt_op.isoformat()},
        now=now,
    )
    send_mail(
        "accounts/invitation",
        recipients=[bestaand] if bestaand is not None else [],
        e_mails={} if bestaand is not None else {email: email},
        event_key=f"uitnodiging:{uitnodiging.public_id}",
        context={
            "organisatie": organisatie.naam,
            "rol": rol_label(rol),
            "door": door.person.naam or door.person.email,
            "tot": uitnodiging.verloopt_op.date(),
            "inloggen": portal_url("accounts:login"),
        },
        link=LinkVerwijzing(soort=UITNODIGING_LINK, public_id=uitnodiging.public_id),
    )
    return uitnodiging


def kan_uitnodiging_intrekken(uitnodiging: Uitnodiging, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the actor may not withdraw this invitation now."""
    return refusals(
        beheren(uitnodiging, door),
        refuse_if(uitnodiging.gebruikt_op is not None, _("This invitation was already used.")),
        refuse_if(uitnodiging.ingetrokken_op is not None, _("This invitation was withdrawn.")),
    )


@guarded_by(kan_uitnodiging_intrekken)
@transaction.atomic
def uitnodiging_intrekken(
    *, uitnodiging: Uitnodiging, door: Actor, now: datetime | None = None
) -> Uitnodiging:
    """Withdraw an invitation: its link stops working and the address is told."""
    now = now or timezone.now()
    uitnodiging = (
        Uitnodiging.objects.select_for_update(of=("self",))
        .select_related("organisatie")
        .get(pk=uitnodiging.pk)
    )
    refuse_unless(kan_uitnodiging_intrekken(uitnodiging, door=door, now=now))
    uitnodiging.ingetrokken_op = now
    uitnodiging.save(update_fields=["ingetrokken_op", "updated_at"])
    audit_record(
        obj=uitnodiging,
        verb=AuditVerb.UITNODIGING_INGETROKKEN,
        door=door,
        organisatie=uitnodiging.organisatie,
        after={"ingetrokken_op": now.isoformat()},
        now=now,
    )
    send_mail(
        "accounts/invitation_withdrawn",
        recipients=[],
        e_mails={uitnodiging.email: uitnodiging.email},
        event_key=f"uitnodiging:ingetrokken:{uitnodiging.public_id}",
        context={"organisatie": uitnodiging.organisatie.naam, "url": portal_url("accounts:login")},
    )
    return uitnodiging


def kan_uitnodiging_aanvaarden(uitnodiging: Uitnodiging, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the person logged in (`door`) may not accept this invitation now.

    The signed link, which the view reads, proves the invitation; it binds to whoever is
    logged in when it is used, and works once."""
    if uitnodiging.gebruikt_op is not None:
        return refusals(_("This invitation was already used."))
    if uitnodiging.ingetrokken_op is not None:
        return refusals(_("This invitation was withdrawn."))
    if not is_open(uitnodiging, now):
        return refusals(
            _("This invitation expired on %(d)s. Ask %(door)s for a new one.")
            % {
                "d": timezone.localtime(uitnodiging.verloopt_op).strftime("%d/%m/%Y"),
                "door": uitnodiging.uitgenodigd_door,
            }
        )
    return refusals(refuse_if(door.user is None, _("Log in to accept the invitation.")))


@guarded_by(kan_uitnodiging_aanvaarden)
@transaction.atomic
def uitnodiging_aanvaarden(
    *, uitnodiging: Uitnodiging, door: Actor, now: datetime | None = None
) -> Membership:
    """The person logged in accepts: they get the invitation's role in the invitation's
    organisation, whatever else they send; the invitation is used up."""
    now = now or timezone.now()
    uitnodiging = (
        Uitnodiging.objects.select_for_update(of=("self",))
        .select_related("organisatie", "uitgenodigd_door")
        .get(pk=uitnodiging.pk)
    )
    refuse_unless(kan_uitnodiging_aanvaarden(uitnodiging, door=door, now=now))
    uitnodiging.gebruikt_door = door.person
    uitnodiging.gebruikt_op = now
    uitnodiging.save(update_fields=["gebruikt_door", "gebruikt_op", "updated_at"])
    audit_record(
        obj=uitnodiging,
        verb=AuditVerb.UITNODIGING_GEBRUIKT,
        door=door,
        organisatie=uitnodiging.organisatie,
        after={"gebruikt_door": door.person.email},
        now=now,
    )
    return toegang_toekennen(
        Toekenning(
            user=door.person,
            organisatie=uitnodiging.organisatie,
            rol=uitnodiging.rol,
            door=uitnodiging.uitgenodigd_door,
        ),
        now=now,
    )
