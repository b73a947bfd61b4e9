from django.db.models import QuerySet

from .models import User


def gebruikers_van(organisatie_id: int, *rollen: str) -> QuerySet[User]:
    """Active users acting for an organisation in one of the roles: notification recipients."""
    return User.objects.filter(
        is_active=True,
        memberships__organisatie_id=organisatie_id,
        memberships__rol__in=rollen,
        memberships__actief=True,
    ).distinct()
