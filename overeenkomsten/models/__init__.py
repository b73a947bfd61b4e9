from .leerling import Leerling
from .ondertekening import Goedkeuring, OvereenkomstDocument, Schorsing, Uitnodiging
from .overeenkomst import Overeenkomst, UurroosterRegel
from .parameters import Ggmmi
from .voorstel import Voorstel

__all__ = [
    "Ggmmi",
    "Goedkeuring",
    "Leerling",
    "Overeenkomst",
    "OvereenkomstDocument",
    "Schorsing",
    "Uitnodiging",
    "UurroosterRegel",
    "Voorstel",
]
