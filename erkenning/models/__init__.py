from .aanvraag import Aanvraag, AanvraagDocument, CriteriumAntwoord, Machtiging
from .erkenning import Beroep, Erkenning, Sanctie

__all__ = [
    "Aanvraag",
    "AanvraagDocument",
    "Beroep",
    "CriteriumAntwoord",
    "Erkenning",
    "Machtiging",
    "Sanctie",
]
