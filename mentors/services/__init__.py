"""One service per transition: check, change, record, then side effects after commit."""

from .bewijs import (
    kan_uittreksel_controleren,
    kan_uittreksel_opladen,
    kan_uitzondering_aanvragen,
    kan_uitzondering_beslissen,
    uittreksel_controleren,
    uittreksel_opladen,
    uittreksels_opruimen,
    uitzondering_aanvragen,
    uitzondering_beslissen,
)
from .met_aanvraag import (
    kan_toewijzingen_aanvaarden_met_aanvraag,
    toewijzingen_aanvaarden_met_aanvraag,
)

# `mentoropleiding_starten` is a step of designating (its clock starts with the designation),
# not an action of its own: importable for the services that designate, not public.
from .opleiding import (
    kan_mentoropleiding_plannen,
    kan_mentoropleiding_voltooien,
    kan_mentoropleiding_vrijstellen,
    mentoropleiding_plannen,
    mentoropleiding_voltooien,
    mentoropleiding_vrijstellen,
    mentoropleidingen_achterstallig_melden,
    mentoropleidingen_herinneren,
)
from .opleiding import (
    mentoropleiding_starten as mentoropleiding_starten,
)
from .register import (
    kan_mentor_registreren,
    kan_mentor_toewijzen,
    kan_toewijzing_beslissen,
    kan_toewijzing_deactiveren,
    kan_toewijzing_reactiveren,
    mentor_registreren,
    mentor_toewijzen,
    toewijzing_beslissen,
    toewijzing_deactiveren,
    toewijzing_reactiveren,
)

__all__ = [
    "kan_mentor_registreren",
    "kan_mentor_toewijzen",
    "kan_mentoropleiding_plannen",
    "kan_mentoropleiding_voltooien",
    "kan_mentoropleiding_vrijstellen",
    "kan_toewijzing_beslissen",
    "kan_toewijzing_deactiveren",
    "kan_toewijzing_reactiveren",
    "kan_uittreksel_controleren",
    "kan_uittreksel_opladen",
    "kan_uitzondering_aanvragen",
    "kan_uitzondering_beslissen",
    "mentor_registreren",
    "mentor_toewijzen",
    "mentoropleiding_plannen",
    "mentoropleiding_voltooien",
    "mentoropleiding_vrijstellen",
    "mentoropleidingen_achterstallig_melden",
    "mentoropleidingen_herinneren",
    "toewijzing_beslissen",
    "toewijzing_deactiveren",
    "toewijzing_reactiveren",
    "uitzondering_aanvragen",
    "uitzondering_beslissen",
    "uittreksel_controleren",
    "uittreksel_opladen",
    "uittreksels_opruimen",
    "kan_toewijzingen_aanvaarden_met_aanvraag",
    "toewijzingen_aanvaarden_met_aanvraag",
]
