"""Who to tell: the active users of an organisation in a role, the recipients of every mail."""

from django.db.models import QuerySet

from .constants import BEHEERDERSROL, Rol
from .models import User


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
