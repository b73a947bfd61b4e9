"""Writes of the government login: the legal representative registers their enterprise."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from duaal.audit.services import audit_record
from duaal.organisaties.constants import AuditVerb as OrganisatieVerb
from duaal.organisaties.models import Onderneming
from duaal.workflow import Refusals, guarded_by, refusals, refuse_if, refuse_unless

from .actor import Actor
from .constants import MembershipBron, Rol
from .models import Membership
from .services import OndernemingGegevens

__all__ = [
    "kan_onderneming_registreren_als_vertegenwoordiger",
    "onderneming_registreren_als_vertegenwoordiger",
]


def kan_onderneming_registreren_als_vertegenwoordiger(
    gegevens: OndernemingGegevens, *, door: Actor, now: datetime
) -> Refusals:
    """Every reason why this person may not register this enterprise now. The view passes
    the number from the verified `wv_orgcode` claim only, so being logged in with the
    government login is what proves the legal representation."""
    user = door.user
    return refusals(
        refuse_if(
            user is None or not user.oidc_sub,
            _("Log in with eID or itsme as the enterprise's legal representative."),
        ),
        refuse_if(
            Onderneming.objects.filter(kbo_nummer=gegevens.kbo_nummer).exists(),
            _("This enterprise is already registered in the portal."),
        ),
    )


@guarded_by(kan_onderneming_registreren_als_vertegenwoordiger)
@transaction.atomic
def onderneming_registreren_als_vertegenwoordiger(
    *, gegevens: OndernemingGegevens, door: Actor, now: datetime | None = None
) -> Membership:
    """The enterprise and its administrator at once: the claim is the proof, so there is no
    confirmation mail; the membership comes from the claim and follows it at later logins."""
    now = now or timezone.now()
    refuse_unless(kan_onderneming_registreren_als_vertegenwoordiger(gegevens, door=door, now=now))
    org = Onderneming(**gegevens.__dict__)
    org.full_clean()
    org.save()
    membership = Membership.objects.create(
        user=door.person,
        organisatie=org,
        rol=Rol.VERTEGENWOORDIGER,
        bron=MembershipBron.CLAIM,
        wettelijk_vertegenwoordiger=True,
    )
    audit_record(
        obj=org,
        verb=OrganisatieVerb.ONDERNEMING_GEREGISTREERD,
        door=door.person,
        organisatie=org,
        after={
            "kbo_nummer": org.kbo_nummer,
            "naam": org.naam,
            "vertegenwoordiger": door.person.email,
        },
        now=now,
    )
    return membership
