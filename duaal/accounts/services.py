"""Writes on accounts: registering an enterprise with its representative, memberships."""

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from duaal.audit.services import audit_record
from duaal.organisaties.models import Onderneming

from .constants import Rol
from .models import Membership, User


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
    """Register an enterprise and its representative's account in one transaction.

    The form checks for duplicates first; the unique constraints are the last word when two
    people register the same enterprise at the same moment.
    """
    org = Onderneming(**onderneming.__dict__)
    org.full_clean()
    org.save()
    user = User.objects.create_user(email=email, password=password, naam=naam)
    membership = Membership.objects.create(user=user, organisatie=org, rol=Rol.VERTEGENWOORDIGER)
    audit_record(
        obj=org,
        verb="onderneming.geregistreerd",
        door=user,
        organisatie=org,
        after={"kbo_nummer": org.kbo_nummer, "naam": org.naam, "vertegenwoordiger": user.email},
        now=now,
    )
    return membership
