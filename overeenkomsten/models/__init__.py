from .evaluatie import (
    BegeleideDag,
    Evaluatie,
    Feedbackmoment,
    KlassenraadBeslissing,
    VerplichteEvaluatie,
)
from .leerling import Leerling, LeerlingVooropleiding
from .ondertekening import Goedkeuring, OvereenkomstDocument, Schorsing, Uitnodiging
from .overeenkomst import Overeenkomst, RoosterPeriode, Roostersoort, Traject, UurroosterRegel
from .parameters import Ggmmi
from .voorstel import Voorstel

__all__ = [
    "BegeleideDag",
    "Evaluatie",
    "Feedbackmoment",
    "KlassenraadBeslissing",
    "VerplichteEvaluatie",
    "Ggmmi",
    "Goedkeuring",
    "Leerling",
    "LeerlingVooropleiding",
    "Overeenkomst",
    "OvereenkomstDocument",
    "RoosterPeriode",
    "Roostersoort",
    "Schorsing",
    "Traject",
    "Uitnodiging",
    "UurroosterRegel",
    "Voorstel",
]
