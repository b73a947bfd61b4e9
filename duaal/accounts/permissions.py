"""The role -> permission table: the one place that says which role may do what."""

from .constants import Rol

ONDERNEMING_BEKIJKEN = "organisaties.onderneming_bekijken"
ONDERNEMING_BEHEREN = "organisaties.onderneming_beheren"
VESTIGING_BEHEREN = "organisaties.vestiging_beheren"
ONDERWIJSINSTELLING_BEKIJKEN = "organisaties.onderwijsinstelling_bekijken"
PARTNERSCHAP_BEKIJKEN = "organisaties.partnerschap_bekijken"
PARTNERSCHAP_BEHEREN = "organisaties.partnerschap_beheren"
AUDIT_BEKIJKEN = "audit.bekijken"
MENTOR_BEKIJKEN = "mentors.bekijken"
MENTOR_BEHEREN = "mentors.beheren"
MENTOR_BEOORDELEN = "mentors.beoordelen"
UITTREKSEL_BEKIJKEN = "mentors.uittreksel_bekijken"

_IEDEREEN = {PARTNERSCHAP_BEKIJKEN}

ROL_PERMISSIES: dict[str, frozenset[str]] = {
    Rol.VERTEGENWOORDIGER: frozenset(
        _IEDEREEN
        | {
            ONDERNEMING_BEKIJKEN,
            ONDERNEMING_BEHEREN,
            VESTIGING_BEHEREN,
            AUDIT_BEKIJKEN,
            MENTOR_BEKIJKEN,
            MENTOR_BEHEREN,
            UITTREKSEL_BEKIJKEN,
        }
    ),
    Rol.ONDERNEMING_MEDEWERKER: frozenset(_IEDEREEN | {ONDERNEMING_BEKIJKEN, MENTOR_BEKIJKEN}),
    Rol.TRAJECTBEGELEIDER: frozenset(_IEDEREEN | {ONDERWIJSINSTELLING_BEKIJKEN}),
    Rol.SECTORCONSULENT: frozenset(
        _IEDEREEN | {MENTOR_BEKIJKEN, MENTOR_BEOORDELEN, UITTREKSEL_BEKIJKEN}
    ),
    Rol.PARTNERSCHAPSBEHEERDER: frozenset(
        _IEDEREEN
        | {
            PARTNERSCHAP_BEHEREN,
            AUDIT_BEKIJKEN,
            MENTOR_BEKIJKEN,
            MENTOR_BEOORDELEN,
            UITTREKSEL_BEKIJKEN,
        }
    ),
    Rol.PLATFORMBEHEERDER: frozenset(
        _IEDEREEN
        | {
            ONDERNEMING_BEKIJKEN,
            ONDERWIJSINSTELLING_BEKIJKEN,
            PARTNERSCHAP_BEHEREN,
            AUDIT_BEKIJKEN,
            MENTOR_BEKIJKEN,
        }
    ),
}


def rol_heeft(rol: str | None, permission: str) -> bool:
    return rol is not None and permission in ROL_PERMISSIES.get(rol, frozenset())
