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
AANVRAAG_BEKIJKEN = "erkenning.aanvraag_bekijken"
AANVRAAG_INDIENEN = "erkenning.aanvraag_indienen"
AANVRAAG_BEOORDELEN = "erkenning.aanvraag_beoordelen"
ERKENNING_BEKIJKEN = "erkenning.bekijken"
ERKENNING_BEHEREN = "erkenning.beheren"
MACHTIGING_BEHEREN = "erkenning.machtiging_beheren"
SANCTIE_OPLEGGEN = "erkenning.sanctie_opleggen"
BEROEP_INDIENEN = "erkenning.beroep_indienen"
BEROEP_BEHANDELEN = "erkenning.beroep_behandelen"
LEERLING_BEKIJKEN = "overeenkomsten.leerling_bekijken"
LEERLING_BEHEREN = "overeenkomsten.leerling_beheren"
OVEREENKOMST_BEKIJKEN = "overeenkomsten.bekijken"
OVEREENKOMST_OPSTELLEN = "overeenkomsten.opstellen"
OVEREENKOMST_GOEDKEUREN = "overeenkomsten.goedkeuren"
# Suspension and early termination: the employer and the school (R73-R74).
OVEREENKOMST_OPVOLGEN = "overeenkomsten.opvolgen"
# Nobody is bound without acting: the employer answers a school's proposal of a learner and
# confirms (or disputes) a signature someone else recorded in its name.
WERKGEVER_INSTEMMEN = "overeenkomsten.werkgever_instemmen"
# The competent partnership may verify a signature on paper in place of the party it names.
HANDTEKENING_VERIFIEREN = "overeenkomsten.handtekening_verifieren"

# An organisation's administrator sees who has access to it, invites colleagues, grants and
# revokes roles and answers access requests (the role per kind: constants.BEHEERDERSROL).
TOEGANG_BEHEREN = "accounts.toegang_beheren"

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
            AANVRAAG_BEKIJKEN,
            AANVRAAG_INDIENEN,
            ERKENNING_BEKIJKEN,
            ERKENNING_BEHEREN,
            MACHTIGING_BEHEREN,
            BEROEP_INDIENEN,
            LEERLING_BEKIJKEN,
            OVEREENKOMST_BEKIJKEN,
            OVEREENKOMST_GOEDKEUREN,
            OVEREENKOMST_OPVOLGEN,
            WERKGEVER_INSTEMMEN,
            TOEGANG_BEHEREN,
        }
    ),
    Rol.ONDERNEMING_MEDEWERKER: frozenset(
        _IEDEREEN
        | {
            ONDERNEMING_BEKIJKEN,
            MENTOR_BEKIJKEN,
            AANVRAAG_BEKIJKEN,
            ERKENNING_BEKIJKEN,
            LEERLING_BEKIJKEN,
            OVEREENKOMST_BEKIJKEN,
        }
    ),
    # A coach files for an enterprise only under its mandate (R4); the queryset checks that.
    # The school drafts and registers the agreement (R61, R69).
    Rol.TRAJECTBEGELEIDER: frozenset(
        _IEDEREEN
        | {
            ONDERWIJSINSTELLING_BEKIJKEN,
            AANVRAAG_BEKIJKEN,
            AANVRAAG_INDIENEN,
            ERKENNING_BEKIJKEN,
            LEERLING_BEKIJKEN,
            LEERLING_BEHEREN,
            OVEREENKOMST_BEKIJKEN,
            OVEREENKOMST_OPSTELLEN,
            OVEREENKOMST_GOEDKEUREN,
            OVEREENKOMST_OPVOLGEN,
        }
    ),
    # The school's administrator manages its coaches and can do what a coach does.
    Rol.SCHOOLBEHEERDER: frozenset(
        _IEDEREEN
        | {
            ONDERWIJSINSTELLING_BEKIJKEN,
            TOEGANG_BEHEREN,
            AUDIT_BEKIJKEN,
            AANVRAAG_BEKIJKEN,
            AANVRAAG_INDIENEN,
            ERKENNING_BEKIJKEN,
            LEERLING_BEKIJKEN,
            LEERLING_BEHEREN,
            OVEREENKOMST_BEKIJKEN,
            OVEREENKOMST_OPSTELLEN,
            OVEREENKOMST_GOEDKEUREN,
            OVEREENKOMST_OPVOLGEN,
        }
    ),
    Rol.SECTORCONSULENT: frozenset(
        _IEDEREEN
        | {
            MENTOR_BEKIJKEN,
            MENTOR_BEOORDELEN,
            UITTREKSEL_BEKIJKEN,
            AANVRAAG_BEKIJKEN,
            AANVRAAG_BEOORDELEN,
            ERKENNING_BEKIJKEN,
            HANDTEKENING_VERIFIEREN,
        }
    ),
    Rol.PARTNERSCHAPSBEHEERDER: frozenset(
        _IEDEREEN
        | {
            PARTNERSCHAP_BEHEREN,
            AUDIT_BEKIJKEN,
            MENTOR_BEKIJKEN,
            MENTOR_BEOORDELEN,
            UITTREKSEL_BEKIJKEN,
            AANVRAAG_BEKIJKEN,
            AANVRAAG_BEOORDELEN,
            ERKENNING_BEKIJKEN,
            SANCTIE_OPLEGGEN,
            HANDTEKENING_VERIFIEREN,
            TOEGANG_BEHEREN,
        }
    ),
    # The department hosts VPDL's appeal coordinator (R28-R29).
    Rol.PLATFORMBEHEERDER: frozenset(
        _IEDEREEN
        | {
            ONDERNEMING_BEKIJKEN,
            ONDERWIJSINSTELLING_BEKIJKEN,
            PARTNERSCHAP_BEHEREN,
            AUDIT_BEKIJKEN,
            MENTOR_BEKIJKEN,
            AANVRAAG_BEKIJKEN,
            ERKENNING_BEKIJKEN,
            BEROEP_BEHANDELEN,
        }
    ),
}


def rol_heeft(rol: str | None, permission: str) -> bool:
    return rol is not None and permission in ROL_PERMISSIES.get(rol, frozenset())


def rollen_met(permission: str) -> list[str]:
    """The roles that hold `permission`: for asking the membership table who may act."""
    return [rol for rol, permissies in ROL_PERMISSIES.items() if permission in permissies]
