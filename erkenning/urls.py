from django.urls import path

from . import views

app_name = "erkenning"


def _op(prefix: str, suffix: str, view, name: str):
    return path(f"{prefix}/<uuid:public_id>/{suffix}", view.as_view(), name=name)


urlpatterns = [
    # Applications: the employer (or a school or partnership under a mandate, R4).
    path("aanvragen/", views.AanvraagListView.as_view(), name="aanvraag_list"),
    path("aanvragen/nieuw/", views.AanvraagNieuwView.as_view(), name="aanvraag_nieuw"),
    _op("aanvragen", "", views.AanvraagDetailView, "aanvraag_detail"),
    _op("aanvragen", "bewerken/", views.AanvraagBewerkenView, "aanvraag_bewerken"),
    _op("aanvragen", "document/", views.AanvraagDocumentView, "aanvraag_document"),
    _op("aanvragen", "indienen/", views.AanvraagIndienenView, "aanvraag_indienen"),
    _op("aanvragen", "ontvangen/", views.AanvraagBevestigingView, "aanvraag_bevestiging"),
    _op("aanvragen", "intrekken/", views.AanvraagIntrekkenView, "aanvraag_intrekken"),
    _op("aanvragen", "verklaring/", views.VerklaringOpEerView, "aanvraag_verklaring"),
    _op(
        "aanvraagdocumenten",
        "bestand/",
        views.AanvraagDocumentBestandView,
        "aanvraagdocument_bestand",
    ),
    # Review by the competent partnership.
    path("wachtrij/", views.WachtrijView.as_view(), name="wachtrij"),
    _op("aanvragen", "onvolledig/", views.OnvolledigView, "aanvraag_onvolledig"),
    _op("aanvragen", "volledig/", views.VolledigView, "aanvraag_volledig"),
    _op("aanvragen", "plaatsbezoek/", views.PlaatsbezoekView, "plaatsbezoek"),
    _op("aanvragen", "beslissen/", views.BeslissenView, "aanvraag_beslissen"),
    # Recognitions, publication, renewal, sanctions.
    path("erkenningen/", views.ErkenningListView.as_view(), name="erkenning_list"),
    _op("erkenningen", "", views.ErkenningDetailView, "erkenning_detail"),
    _op("erkenningen", "publicatie/", views.PublicatieView, "erkenning_publicatie"),
    _op("erkenningen", "hernieuwen/", views.HernieuwenView, "erkenning_hernieuwen"),
    _op("erkenningen", "sanctie/", views.SanctieOpleggenView, "sanctie_opleggen"),
    _op("sancties", "", views.SanctieDetailView, "sanctie_detail"),
    # Appeals (R27-R29).
    _op("aanvragen", "beroep/", views.AanvraagBeroepView, "beroep_indienen"),
    _op("sancties", "beroep/", views.SanctieBeroepView, "sanctie_beroep_indienen"),
    _op("beroepen", "", views.BeroepDetailView, "beroep_detail"),
    _op("beroepen", "ontvankelijkheid/", views.OntvankelijkheidView, "beroep_ontvankelijkheid"),
    _op("beroepen", "beslissen/", views.BeroepBeslissenView, "beroep_beslissen"),
    # Mandates (R4).
    path("machtigingen/", views.MachtigingListView.as_view(), name="machtiging_list"),
    _op("machtigingen", "intrekken/", views.MachtigingIntrekkenView, "machtiging_intrekken"),
    # Public: recognised workplaces (R3).
    path("leerwerkplekken/", views.PubliekZoekenView.as_view(), name="publiek_zoeken"),
]
