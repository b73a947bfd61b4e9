"""Who to tell: the active users of an organisation in a role, the recipients of every mail."""

from datetime import datetime

from django.db.models import QuerySet

from duaal.organisaties.models import Organisatie

from .constants import BEHEERDERSROL, AanvraagStatus, Rol
from .models import Membership, Toegangsaanvraag, Uitnodiging, User


def gebruikers_van(organisatie_id: int, *rollen: str) -> QuerySet[User]:
    """Active users acting for an organisation in one of the roles: notification recipients."""
    return User.objects.filter(
        is_active=True,
        memberships__organisatie_id=organisatie_id,
        memberships__rol__in=rollen,
        memberships__actief=True,
    ).distinct()


def werkgevers(onderneming_id: int) -> list[User]:
    """The enterprise's legal representatives."""
    return list(gebruikers_van(onderneming_id, Rol.VERTEGENWOORDIGER))


def consulenten(partnerschap_id: int) -> list[User]:
    return list(gebruikers_van(partnerschap_id, Rol.SECTORCONSULENT))


def beheerders(partnerschap_id: int) -> list[User]:
    return list(gebruikers_van(partnerschap_id, Rol.PARTNERSCHAPSBEHEERDER))


def partnerschap_team(partnerschap_id: int) -> list[User]:
    """The partnership's consultants and admins."""
    return list(gebruikers_van(partnerschap_id, Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER))


def coaches(onderwijsinstelling_id: int) -> list[User]:
    """The school's trajectory coaches."""
    return list(gebruikers_van(onderwijsinstelling_id, Rol.TRAJECTBEGELEIDER, Rol.SCHOOLBEHEERDER))


def organisatiebeheerders(organisatie_id: int, soort: str) -> list[User]:
    """Who manages the organisation's access: its administrators (BEHEERDERSROL)."""
    return list(gebruikers_van(organisatie_id, BEHEERDERSROL[soort]))


def actieve_beheerders(organisatie: Organisatie) -> QuerySet[Membership]:
    """Every active administrator membership of the organisation, from claims too: the last
    one of them may not go (toegang.py)."""
    return Membership.objects.filter(
        organisatie_id=organisatie.pk,
        rol=BEHEERDERSROL[organisatie.soort],
        actief=True,
        user__is_active=True,
    )


def leden_van(organisatie_id: int) -> list[Membership]:
    """The organisation's active memberships with their person and who granted them."""
    return list(
        Membership.objects.filter(organisatie_id=organisatie_id, actief=True)
        .select_related("user", "toegekend_door")
        .order_by("user__naam", "user__email", "rol", "bron")
    )


def open_uitnodigingen(organisatie_id: int, *, now: datetime) -> list[Uitnodiging]:
    """Invitations not used, withdrawn or expired yet."""
    return list(
        Uitnodiging.objects.filter(
            organisatie_id=organisatie_id,
            gebruikt_op__isnull=True,
            ingetrokken_op__isnull=True,
            verloopt_op__gt=now,
        ).select_related("uitgenodigd_door")
    )


def open_toegangsaanvragen(organisatie_id: int) -> list[Toegangsaanvraag]:
    """Requests for access the organisation's administrators have not answered yet: one
    query (the dashboard's budget for them)."""
    return list(
        Toegangsaanvraag.objects.filter(
            organisatie_id=organisatie_id, status=AanvraagStatus.OPEN
        ).select_related("user")
    )
