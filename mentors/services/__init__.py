"""One service per transition: check, change, record, then side effects after commit."""

from .bewijs import (
    uittreksel_controleren,
    uittreksel_opladen,
    uittreksels_opruimen,
    uitzondering_aanvragen,
    uitzondering_beslissen,
)
from .opleiding import (
    mentoropleiding_plannen,
    mentoropleiding_starten,
    mentoropleiding_voltooien,
    mentoropleiding_vrijstellen,
    mentoropleidingen_achterstallig_melden,
    mentoropleidingen_herinneren,
)
from .register import (
    mentor_registreren,
    mentor_toewijzen,
    toewijzing_beslissen,
    toewijzing_deactiveren,
    toewijzing_reactiveren,
)

__all__ = [
    "mentor_registreren",
    "mentor_toewijzen",
    "mentoropleiding_plannen",
    "mentoropleiding_starten",
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
]
