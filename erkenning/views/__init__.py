"""Thin views: look up through the access policy, validate with a form, call one service."""

from .aanvraag import (
    AanvraagBewerkenView,
    AanvraagDetailView,
    AanvraagIntrekkenView,
    AanvraagListView,
    AanvraagNieuwView,
    VerklaringOpEerView,
)
from .beoordeling import BeslissenView, OnvolledigView, PlaatsbezoekView, VolledigView, WachtrijView
from .documenten import AanvraagDocumentBestandView, AanvraagDocumentView
from .erkenning import (
    ErkenningDetailView,
    ErkenningListView,
    HernieuwenView,
    MachtigingIntrekkenView,
    MachtigingListView,
    PublicatieView,
    PubliekZoekenView,
)
from .indienen import AanvraagBevestigingView, AanvraagIndienenView
from .sancties import (
    AanvraagBeroepView,
    BeroepBeslissenView,
    BeroepDetailView,
    OntvankelijkheidView,
    SanctieBeroepView,
    SanctieDetailView,
    SanctieOpleggenView,
)

__all__ = [
    "AanvraagBevestigingView",
    "AanvraagBeroepView",
    "AanvraagBewerkenView",
    "AanvraagDetailView",
    "AanvraagDocumentBestandView",
    "AanvraagDocumentView",
    "AanvraagIndienenView",
    "AanvraagIntrekkenView",
    "AanvraagListView",
    "AanvraagNieuwView",
    "VerklaringOpEerView",
    "BeroepBeslissenView",
    "BeroepDetailView",
    "BeslissenView",
    "ErkenningDetailView",
    "ErkenningListView",
    "HernieuwenView",
    "MachtigingIntrekkenView",
    "MachtigingListView",
    "OntvankelijkheidView",
    "OnvolledigView",
    "PlaatsbezoekView",
    "PublicatieView",
    "PubliekZoekenView",
    "SanctieBeroepView",
    "SanctieDetailView",
    "SanctieOpleggenView",
    "VolledigView",
    "WachtrijView",
]
