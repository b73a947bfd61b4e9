"""Thin views: look up through the access policy, validate with a form, call one service."""

from .leerling import (
    LeerlingBewerkenView,
    LeerlingDetailView,
    LeerlingGoedkeurenView,
    LeerlingListView,
    LeerlingNieuwView,
    LeerlingStoppenView,
    ScreenenView,
    WerkplekGoedkeurenView,
    WerkplekLoslatenView,
)
from .link import LinkGoedkeurenView, LinkPdfView
from .opstellen import OvereenkomstBewerkenView, OvereenkomstOpstellenView
from .overeenkomst import (
    DocumentPdfView,
    GoedkeuringScanView,
    OvereenkomstDetailView,
    OvereenkomstListView,
    VoorbeeldView,
)
from .verloop import (
    AnnulerenView,
    BeeindigenView,
    GoedkeurenView,
    LinkOpnieuwView,
    PapierView,
    SchorsenView,
    VersturenView,
)

__all__ = [
    "AnnulerenView",
    "BeeindigenView",
    "DocumentPdfView",
    "GoedkeurenView",
    "GoedkeuringScanView",
    "LeerlingBewerkenView",
    "LeerlingDetailView",
    "LeerlingGoedkeurenView",
    "LeerlingListView",
    "LeerlingNieuwView",
    "LeerlingStoppenView",
    "LinkGoedkeurenView",
    "LinkOpnieuwView",
    "LinkPdfView",
    "OvereenkomstBewerkenView",
    "OvereenkomstDetailView",
    "OvereenkomstListView",
    "OvereenkomstOpstellenView",
    "PapierView",
    "SchorsenView",
    "ScreenenView",
    "VersturenView",
    "VoorbeeldView",
    "WerkplekGoedkeurenView",
    "WerkplekLoslatenView",
]
