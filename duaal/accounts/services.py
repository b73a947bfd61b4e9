"""Writes on accounts: registering an enterprise with its representative and confirming it."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.audit.services import audit_record
from duaal.meldingen.links import LinkVerwijzing
from duaal.meldingen.services import portal_url, send_mail
from duaal.organisaties.constants import AuditVerb as OrganisatieVerb
from duaal.organisaties.models import Onderneming
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless

from .actor import Actor
from .constants import AuditVerb, Rol
from .models import Membership, User
from .registratie_links import REGISTRATIE_BESTAAND_LINK, REGISTRATIE_NIEUW_LINK
from .toegang import (
    kan_rol_wijzigen,
    kan_toegang_beheren,
    kan_toegang_intrekken,
    kan_uitnodigen,
    kan_uitnodiging_aanvaarden,
    kan_uitnodiging_intrekken,
    rol_wijzigen,
    toegang_intrekken,
    uitnodigen,
    uitnodiging_aanvaarden,
    uitnodiging_intrekken,
)
from .toegangsaanvragen import (
    kan_toegang_aanvragen,
    kan_toegangsaanvraag_toekennen,
    kan_toegangsaanvraag_weigeren,
    toegang_aanvragen,
    toegangsaanvraag_toekennen,
    toegangsaanvraag_weigeren,
)

# The access services (toegang.py, toegangsaanvragen.py) are listed here too, so that the
# guard-coverage test (tests/test_guards.py) finds them with the other accounts services.
__all__ = [
    "OndernemingGegevens",
    "kan_onderneming_registreren",
    "kan_registratie_bevestigen",
    "onderneming_registreren",
    "registratie_bevestigen",
    "kan_rol_wijzigen",
    "kan_toegang_aanvragen",
    "kan_toegang_beheren",
    "kan_toegang_intrekken",
    "kan_toegangsaanvraag_toekennen",
    "kan_toegangsaanvraag_weigeren",
    "kan_uitnodigen",
    "kan_uitnodiging_aanvaarden",
    "kan_uitnodiging_intrekken",
    "rol_wijzigen",
    "toegang_aanvragen",
    "toegang_intrekken",
    "toegangsaanvraag_toekennen",
    "toegangsaanvraag_weigeren",
    "uitnodigen",
    "uitnodiging_aanvaarden",
    "uitnodiging_intrekken",
]


@dataclass(frozen=True)
class OndernemingGegevens:
    naam: str
    kbo_nummer: str
    rechtsvorm: str
    straat: str
    huisnummer: str
    postcode: str
    gemeente: str


def kan_onderneming_registreren(
    onderneming: OndernemingGegevens, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this actor may not register this enterprise: none. Registering is
    open to anyone, the anonymous visitor (`ANONYMOUS`) included (R5); nothing works until
    the mailbox's owner confirms (`kan_registratie_bevestigen`). The form and the model check
    the data, the unique constraints settle duplicates."""
    return refusals()


@guarded_by(kan_onderneming_registreren)
@transaction.atomic
def onderneming_registreren(
    *,
    onderneming: OndernemingGegevens,
    naam: str,
    email: str,
    password: str,
    door: Actor,
    now: datetime | None = None,
) -> Membership:
    """Register an enterprise with its representative, to be confirmed from the mailbox.

    The answer never says whether the address already has an account, so both cases do the
    same here: the enterprise and an inactive membership are stored and one mail goes to the
    address. A new address gets an inactive account and a confirmation link; an existing
    account keeps its password and gets a mail that someone registered with its address, with
    the link to confirm if it was them. Nothing works before the link is used.
    The form checks for duplicate enterprises first; the unique constraints are the last word
    when two people register the same enterprise at the same moment.
    """
    refuse_unless(kan_onderneming_registreren(onderneming, door=door, now=now or timezone.now()))
    org = Onderneming(**onderneming.__dict__)
    org.full_clean()
    org.save()
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    nieuw = user is None
    if user is None:
        user = User.objects.create_user(email=email, password=password, naam=naam)
        user.is_active = False
        user.save(update_fields=["is_active"])
    membership = Membership.objects.create(
        user=user, organisatie=org, rol=Rol.VERTEGENWOORDIGER, actief=False
    )
    audit_record(
        obj=org,
        verb=OrganisatieVerb.ONDERNEMING_GEREGISTREERD,
        # The registrant, not the visitor's actor: the account is theirs once confirmed.
        door=user,
        organisatie=org,
        after={"kbo_nummer": org.kbo_nummer, "naam": org.naam, "vertegenwoordiger": user.email},
        now=now,
    )
    registratie_mailen(membership=membership, nieuw_account=nieuw, now=now)
    return membership


def registratie_mailen(
    *, membership: Membership, nieuw_account: bool, now: datetime | None
) -> None:
    """The confirmation mail, with its link by reference (built at delivery)."""
    soort = REGISTRATIE_NIEUW_LINK if nieuw_account else REGISTRATIE_BESTAAND_LINK
    send_mail(
        "accounts/registration_new" if nieuw_account else "accounts/registration_existing",
        recipients=[membership.user],
        event_key=f"registratie:{membership.public_id}",
        context={
            "onderneming": membership.organisatie.naam,
            "inloggen": portal_url("accounts:login"),
            "wachtwoord": portal_url("accounts:password_reset"),
        },
        link=LinkVerwijzing(soort=soort, public_id=membership.public_id),
    )


def kan_registratie_bevestigen(membership: Membership, *, door: Actor, now: datetime) -> Refusals:
    """Every reason why the registration cannot be confirmed now: the link works once.

    Who confirms is not asked of `door` (usually `ANONYMOUS`): the signed token from the
    mail, which the view reads, is what proves the mailbox; it names this membership."""
    return refusals(
        refuse_if(membership.actief, _("This registration was already confirmed. Log in."))
    )


@guarded_by(kan_registratie_bevestigen)
@transaction.atomic
def registratie_bevestigen(
    *, membership: Membership, nieuw_account: bool, door: Actor, now: datetime | None = None
) -> Membership:
    """The link in the mail was used: the membership starts, and a new account with it.

    An existing account is never switched on here: if it was deactivated, it stays so.
    Refused when the membership was already confirmed.
    """
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "organisatie")
        .get(pk=membership.pk)
    )
    refuse_unless(kan_registratie_bevestigen(membership, door=door, now=now or timezone.now()))
    voor = membership.actief
    membership.actief = True
    membership.save(update_fields=["actief", "updated_at"])
    user = membership.user
    if nieuw_account and not user.is_active and user.last_login is None:
        user.is_active = True
        user.save(update_fields=["is_active"])
    audit_record(
        obj=membership.organisatie,
        verb=AuditVerb.ONDERNEMING_REGISTRATIE_BEVESTIGD,
        # The mailbox's owner confirmed, proven by the token.
        door=user,
        organisatie=membership.organisatie,
        before={"actief": voor},
        after={"actief": True, "vertegenwoordiger": user.email},
        now=now,
    )
    return membership
