from django.urls import path

from . import views

app_name = "overeenkomsten"


def _op(prefix: str, suffix: str, view, name: str):
    return path(f"{prefix}/<uuid:public_id>/{suffix}", view.as_view(), name=name)


urlpatterns = [
    # Learners: the school's dossier (R44-R48).
    path("leerlingen/", views.LeerlingListView.as_view(), name="leerling_list"),
    path("leerlingen/nieuw/", views.LeerlingNieuwView.as_view(), name="leerling_nieuw"),
    _op("leerlingen", "", views.LeerlingDetailView, "leerling_detail"),
    _op("leerlingen", "bewerken/", views.LeerlingBewerkenView, "leerling_bewerken"),
    _op("leerlingen", "advies/", views.ScreenenView, "leerling_screenen"),
    _op("leerlingen", "goedkeuren/", views.LeerlingGoedkeurenView, "leerling_goedkeuren"),
    _op("leerlingen", "werkplek/", views.WerkplekGoedkeurenView, "werkplek_goedkeuren"),
    _op("leerlingen", "werkplek-loslaten/", views.WerkplekLoslatenView, "werkplek_loslaten"),
    _op("leerlingen", "stoppen/", views.LeerlingStoppenView, "leerling_stoppen"),
    _op("leerlingen", "overeenkomst/", views.OvereenkomstOpstellenView, "overeenkomst_opstellen"),
    # The learner's evaluations, the class council's decision (R52), the care registration.
    _op("leerlingen", "evaluaties/", views.EvaluatiesView, "evaluaties"),
    _op("leerlingen", "klassenraad/", views.KlassenraadView, "klassenraad"),
    _op(
        "leerlingen",
        "inschrijvingsnummer/",
        views.InschrijvingsnummerView,
        "inschrijvingsnummer",
    ),
    # The programme's prerequisites the learner holds, with their evidence (R44-R45).
    _op("leerlingen", "vooropleiding/", views.VooropleidingView, "vooropleiding_vastleggen"),
    _op(
        "leerlingen",
        "vooropleiding-verwijderen/",
        views.VooropleidingVerwijderenView,
        "vooropleiding_verwijderen",
    ),
    # Proposals: the school proposes a learner, the employer accepts or refuses (R48).
    _op("leerlingen", "voorstellen/", views.VoorstelDoenView, "voorstel_doen"),
    path("voorstellen/", views.VoorstelListView.as_view(), name="voorstel_list"),
    _op("voorstellen", "", views.VoorstelDetailView, "voorstel_detail"),
    _op("voorstellen", "aanvaarden/", views.VoorstelAanvaardenView, "voorstel_aanvaarden"),
    _op("voorstellen", "weigeren/", views.VoorstelWeigerenView, "voorstel_weigeren"),
    _op("voorstellen", "intrekken/", views.VoorstelIntrekkenView, "voorstel_intrekken"),
    # Agreements: the school drafts, the parties approve (R59-R61), then follow-up (R73-R74).
    path("overeenkomsten/", views.OvereenkomstListView.as_view(), name="overeenkomst_list"),
    _op("overeenkomsten", "", views.OvereenkomstDetailView, "overeenkomst_detail"),
    _op("overeenkomsten", "bewerken/", views.OvereenkomstBewerkenView, "overeenkomst_bewerken"),
    _op("overeenkomsten", "voorbeeld/", views.VoorbeeldView, "overeenkomst_voorbeeld"),
    _op("overeenkomsten", "versturen/", views.VersturenView, "overeenkomst_versturen"),
    _op("overeenkomsten", "verstuurd/", views.OvereenkomstVerstuurdView, "overeenkomst_verstuurd"),
    _op("overeenkomsten", "goedkeuren/", views.GoedkeurenView, "overeenkomst_goedkeuren"),
    _op("overeenkomsten", "papier/", views.PapierView, "goedkeuring_papier"),
    _op("overeenkomsten", "nieuwe-link/", views.LinkOpnieuwView, "link_opnieuw"),
    _op("overeenkomsten", "annuleren/", views.AnnulerenView, "overeenkomst_annuleren"),
    _op("overeenkomsten", "schorsen/", views.SchorsenView, "schorsing_registreren"),
    _op("overeenkomsten", "beeindigen/", views.BeeindigenView, "overeenkomst_beeindigen"),
    # The employer's formalities before the start: medical examination, Dimona (R71, R72).
    _op("overeenkomsten", "formaliteiten/", views.FormaliteitenView, "formaliteiten_vastleggen"),
    # Evaluations (R52) and the home-care records of the phase the agreement covers.
    _op("overeenkomsten", "evaluatie/", views.EvaluatieToevoegenView, "evaluatie_toevoegen"),
    _op(
        "overeenkomsten",
        "begeleide-dag/",
        views.BegeleideDagToevoegenView,
        "begeleide_dag_toevoegen",
    ),
    _op("overeenkomsten", "feedback/", views.FeedbackToevoegenView, "feedback_toevoegen"),
    _op("evaluaties", "document/", views.EvaluatieDocumentView, "evaluatie_document"),
    _op("overeenkomstdocumenten", "pdf/", views.DocumentPdfView, "document_pdf"),
    _op("overeenkomstdocumenten", "getekend/", views.DocumentGetekendView, "document_getekend"),
    # Whether the PDF is still being made: the agreement page's status script asks it.
    _op("overeenkomsten", "document/", views.DocumentStatusView, "document_status"),
    _op("goedkeuringen", "scan/", views.GoedkeuringScanView, "goedkeuring_scan"),
    # A signature on paper recorded for another party binds once that party confirms it, or
    # the competent partnership verifies it.
    _op(
        "goedkeuringen", "bevestigen/", views.HandtekeningBevestigenView, "handtekening_bevestigen"
    ),
    _op("goedkeuringen", "betwisten/", views.HandtekeningBetwistenView, "handtekening_betwisten"),
    _op(
        "goedkeuringen", "verifieren/", views.HandtekeningVerifierenView, "handtekening_verifieren"
    ),
    path("handtekeningen/", views.HandtekeningListView.as_view(), name="handtekening_list"),
    # The learner's personal approval link: no account, the signed token is the key. The
    # mailed URL swaps its token for a short session and redirects to the pages below it.
    path("goedkeuren/<str:token>/", views.LinkOpenenView.as_view(), name="link_openen"),
    path("link/<uuid:public_id>/", views.LinkPaginaView.as_view(), name="link_pagina"),
    path("link/<uuid:public_id>/pdf/", views.LinkPdfView.as_view(), name="link_pdf"),
    path(
        "link/<uuid:public_id>/goedkeuren/",
        views.LinkGoedkeurenView.as_view(),
        name="link_goedkeuren",
    ),
    # "Not mine": a signature on paper recorded in the holder's name (confirming it is
    # approving, above).
    path(
        "link/<uuid:public_id>/betwisten/",
        views.LinkBetwistenView.as_view(),
        name="link_betwisten",
    ),
    # The learner's own dossier, for a person logged in with the government login: found by
    # the national number on the account, never by one in the URL.
    path("mijn-dossier/", views.MijnDossierView.as_view(), name="mijn_dossier"),
    _op("mijn-dossier/overeenkomsten", "", views.MijnOvereenkomstView, "mijn_overeenkomst"),
    _op(
        "mijn-dossier/overeenkomsten",
        "goedkeuren/",
        views.MijnOvereenkomstGoedkeurenView,
        "mijn_overeenkomst_goedkeuren",
    ),
    _op(
        "mijn-dossier/overeenkomsten",
        "pdf/",
        views.MijnOvereenkomstPdfView,
        "mijn_overeenkomst_pdf",
    ),
]
