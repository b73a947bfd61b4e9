"""Thin views: look up through the access policy, validate with a form, call one service."""

from .bevestiging import (
    HandtekeningBetwistenView,
    HandtekeningBevestigenView,
    HandtekeningListView,
    HandtekeningVerifierenView,
)
from .dossier import (
    MijnDossierView,
    MijnOvereenkomstGoedkeurenView,
    MijnOvereenkomstPdfView,
    MijnOvereenkomstView,
)
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
from .link import (
    LinkBetwistenView,
    LinkGoedkeurenView,
    LinkOpenenView,
    LinkPaginaView,
    LinkPdfView,
)
from .opstellen import OvereenkomstBewerkenView, OvereenkomstOpstellenView
from .overeenkomst import (
    DocumentGetekendView,
    DocumentPdfView,
    DocumentStatusView,
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
)
from .versturen import OvereenkomstVerstuurdView, VersturenView
from .voorstel import (
    VoorstelAanvaardenView,
    VoorstelDetailView,
    VoorstelDoenView,
    VoorstelIntrekkenView,
    VoorstelListView,
    VoorstelWeigerenView,
)

__all__ = [
    "AnnulerenView",
    "BeeindigenView",
    "DocumentGetekendView",
    "DocumentPdfView",
    "DocumentStatusView",
    "GoedkeurenView",
    "GoedkeuringScanView",
    "HandtekeningBetwistenView",
    "HandtekeningBevestigenView",
    "HandtekeningListView",
    "HandtekeningVerifierenView",
    "LeerlingBewerkenView",
    "LeerlingDetailView",
    "LeerlingGoedkeurenView",
    "LeerlingListView",
    "LeerlingNieuwView",
    "LeerlingStoppenView",
    "LinkBetwistenView",
    "LinkGoedkeurenView",
    "LinkOpenenView",
    "LinkOpnieuwView",
    "LinkPaginaView",
    "LinkPdfView",
    "MijnDossierView",
    "MijnOvereenkomstGoedkeurenView",
    "MijnOvereenkomstPdfView",
    "MijnOvereenkomstView",
    "OvereenkomstBewerkenView",
    "OvereenkomstDetailView",
    "OvereenkomstListView",
    "OvereenkomstOpstellenView",
    "PapierView",
    "SchorsenView",
    "ScreenenView",
    "OvereenkomstVerstuurdView",
    "VersturenView",
    "VoorbeeldView",
    "VoorstelAanvaardenView",
    "VoorstelDetailView",
    "VoorstelDoenView",
    "VoorstelIntrekkenView",
    "VoorstelListView",
    "VoorstelWeigerenView",
    "WerkplekGoedkeurenView",
    "WerkplekLoslatenView",
]
