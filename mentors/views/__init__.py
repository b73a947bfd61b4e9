"""Thin views: look up through the access policy, validate with a form, call one service."""

from .bewijs import (
    UittrekselBestandView,
    UittrekselControlerenView,
    UittrekselOpladenView,
    UitzonderingAanvragenView,
    UitzonderingBeslissenView,
    UitzonderingBewijsView,
    UitzonderingDetailView,
)
from .opleiding import (
    MentoropleidingCertificaatView,
    MentoropleidingPlannenView,
    MentoropleidingVoltooienView,
    MentoropleidingVrijstellenView,
)
from .register import (
    MentorDetailView,
    MentorListView,
    MentorToevoegenView,
    MentorToewijzenView,
    ToewijzingBeslissenView,
    ToewijzingDeactiverenView,
    ToewijzingDetailView,
    ToewijzingReactiverenView,
)

__all__ = [
    "MentorDetailView",
    "MentorListView",
    "MentorToevoegenView",
    "MentorToewijzenView",
    "MentoropleidingCertificaatView",
    "MentoropleidingPlannenView",
    "MentoropleidingVoltooienView",
    "MentoropleidingVrijstellenView",
    "ToewijzingBeslissenView",
    "ToewijzingDeactiverenView",
    "ToewijzingDetailView",
    "ToewijzingReactiverenView",
    "UittrekselBestandView",
    "UittrekselControlerenView",
    "UittrekselOpladenView",
    "UitzonderingAanvragenView",
    "UitzonderingBeslissenView",
    "UitzonderingBewijsView",
    "UitzonderingDetailView",
]
