"""What the erkenning services share: recipients, refusing a transition, locking."""

from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.accounts.selectors import gebruikers_van
from duaal.meldingen.services import melding_plannen
from erkenning.exceptions import ErkenningFout, OngeldigeStatusOvergang


def werkgevers(onderneming_id: int) -> list[User]:
    return list(gebruikers_van(onderneming_id, Rol.VERTEGENWOORDIGER))


def consulenten(partnerschap_id: int) -> list[User]:
    return list(gebruikers_van(partnerschap_id, Rol.SECTORCONSULENT))


def beheerders(partnerschap_id: int) -> list[User]:
    return list(gebruikers_van(partnerschap_id, Rol.PARTNERSCHAPSBEHEERDER))


def melden(event_key: str, ontvangers: list[User], onderwerp: str, tekst: str) -> None:
    melding_plannen(event_key=event_key, ontvangers=ontvangers, onderwerp=onderwerp, tekst=tekst)


def overgang(huidig: str, nieuw: str, overgangen: dict[str, set[str]], label: str) -> None:
    if nieuw not in overgangen.get(huidig, set()):
        raise OngeldigeStatusOvergang(label)


def verplicht(tekst: str, melding: str | None = None) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise ErkenningFout(melding or _("A written motivation is required."))
    return tekst


def is_lid(door: User, organisatie_id: int, *rollen: str) -> bool:
    """Does the user act for this organisation (in one of these roles, when given)?"""
    qs = Membership.objects.filter(user=door, organisatie_id=organisatie_id, actief=True)
    return (qs.filter(rol__in=rollen) if rollen else qs).exists()


def lid_vereist(door: User, organisatie_id: int, melding: str, *rollen: str) -> None:
    # Views check roles and visibility; services check who acts too, so no caller can skip it.
    if not is_lid(door, organisatie_id, *rollen):
        raise ErkenningFout(melding)
