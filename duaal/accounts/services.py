"""Writes on accounts: registering an enterprise with its representative and confirming it."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _

from duaal.audit.services import audit_record
from duaal.exceptions import DomainError
from duaal.meldingen.links import PLAATSHOUDER, LinkVerwijzing
from duaal.meldingen.services import melding_plannen
from duaal.organisaties.models import Onderneming

from .constants import Rol
from .models import Membership, User
from .registratie_links import REGISTRATIE_BESTAAND_LINK, REGISTRATIE_NIEUW_LINK


class AccountFout(DomainError):
    pass


@dataclass(frozen=True)
class OndernemingGegevens:
    naam: str
    kbo_nummer: str
    rechtsvorm: str
    straat: str
    huisnummer: str
    postcode: str
    gemeente: str


@transaction.atomic
def onderneming_registreren(
    *,
    onderneming: OndernemingGegevens,
    naam: str,
    email: str,
    password: str,
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
    org = Onderneming(**onderneming.__dict__)
    org.full_clean()
    org.save()
    email = email.strip().lower()
    user = User.objects.filter(email=email).first()
    nieuw = user is None
    if nieuw:
        user = User.objects.create_user(email=email, password=password, naam=naam)
        user.is_active = False
        user.save(update_fields=["is_active"])
    membership = Membership.objects.create(
        user=user, organisatie=org, rol=Rol.VERTEGENWOORDIGER, actief=False
    )
    audit_record(
        obj=org,
        verb="onderneming.geregistreerd",
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
    sjabloon = "registratie_email.txt" if nieuw_account else "registratie_bestaand_email.txt"
    context = {
        "naam": membership.user.naam,
        "onderneming": membership.organisatie.naam,
        "link": PLAATSHOUDER,
        "inloggen": settings.PORTAAL_URL + reverse("accounts:login"),
        "wachtwoord": settings.PORTAAL_URL + reverse("accounts:password_reset"),
    }
    melding_plannen(
        event_key=f"registratie:{membership.public_id}",
        ontvangers=[membership.user],
        onderwerp=str(
            _("Confirm the registration of %(onderneming)s")
            % {"onderneming": membership.organisatie.naam}
        ),
        tekst=loader.render_to_string(f"registration/{sjabloon}", context),
        link=LinkVerwijzing(soort=soort, public_id=membership.public_id),
    )


@transaction.atomic
def registratie_bevestigen(
    *, membership: Membership, nieuw_account: bool, now: datetime | None = None
) -> Membership:
    """The link in the mail was used: the membership starts, and a new account with it.

    An existing account is never switched on here: if it was deactivated, it stays so.
    Refused (AccountFout) when the membership was already confirmed: the link works once.
    """
    membership = (
        Membership.objects.select_for_update()
        .select_related("user", "organisatie")
        .get(pk=membership.pk)
    )
    if membership.actief:
        raise AccountFout(_("This registration was already confirmed. Log in."))
    membership.actief = True
    membership.save(update_fields=["actief", "updated_at"])
    user = membership.user
    if nieuw_account and not user.is_active and user.last_login is None:
        user.is_active = True
        user.save(update_fields=["is_active"])
    audit_record(
        obj=membership.organisatie,
        verb="onderneming.registratie_bevestigd",
        door=user,
        organisatie=membership.organisatie,
        before={"actief": False},
        after={"actief": True, "vertegenwoordiger": user.email},
        now=now,
    )
    return membership
