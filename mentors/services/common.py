"""Helpers the mentor services share: who to tell, and refusing a transition clearly."""

from django.utils.translation import gettext as _

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.accounts.selectors import gebruikers_van
from duaal.meldingen.services import melding_plannen
from mentors.exceptions import MentorFout, OngeldigeStatusOvergang


def werkgevers(onderneming_id: int) -> list[User]:
    return list(gebruikers_van(onderneming_id, Rol.VERTEGENWOORDIGER))


def partnerschap_team(partnerschap_id: int) -> list[User]:
    return list(gebruikers_van(partnerschap_id, Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER))


def melden(event_key: str, ontvangers: list[User], onderwerp: str, tekst: str) -> None:
    melding_plannen(event_key=event_key, ontvangers=ontvangers, onderwerp=onderwerp, tekst=tekst)


def overgang_toegestaan(
    huidig: str, nieuw: str, overgangen: dict[str, set[str]], label: str
) -> None:
    if nieuw not in overgangen.get(huidig, set()):
        raise OngeldigeStatusOvergang(label, nieuw)


def motivatie_verplicht(motivatie: str) -> str:
    motivatie = (motivatie or "").strip()
    if not motivatie:
        raise MentorFout(_("A written motivation is required."))
    return motivatie
