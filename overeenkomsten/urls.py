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
    # Agreements: the school drafts, the parties approve (R59-R61), then follow-up (R73-R74).
    path("overeenkomsten/", views.OvereenkomstListView.as_view(), name="overeenkomst_list"),
    _op("overeenkomsten", "", views.OvereenkomstDetailView, "overeenkomst_detail"),
    _op("overeenkomsten", "bewerken/", views.OvereenkomstBewerkenView, "overeenkomst_bewerken"),
    _op("overeenkomsten", "voorbeeld/", views.VoorbeeldView, "overeenkomst_voorbeeld"),
    _op("overeenkomsten", "versturen/", views.VersturenView, "overeenkomst_versturen"),
    _op("overeenkomsten", "goedkeuren/", views.GoedkeurenView, "overeenkomst_goedkeuren"),
    _op("overeenkomsten", "papier/", views.PapierView, "goedkeuring_papier"),
    _op("overeenkomsten", "nieuwe-link/", views.LinkOpnieuwView, "link_opnieuw"),
    _op("overeenkomsten", "annuleren/", views.AnnulerenView, "overeenkomst_annuleren"),
    _op("overeenkomsten", "schorsen/", views.SchorsenView, "schorsing_registreren"),
    _op("overeenkomsten", "beeindigen/", views.BeeindigenView, "overeenkomst_beeindigen"),
    _op("overeenkomstdocumenten", "pdf/", views.DocumentPdfView, "document_pdf"),
    _op("goedkeuringen", "scan/", views.GoedkeuringScanView, "goedkeuring_scan"),
    # The learner's personal approval link: no account, the signed token is the key.
    path("goedkeuren/<str:token>/", views.LinkGoedkeurenView.as_view(), name="link_goedkeuren"),
    path("goedkeuren/<str:token>/pdf/", views.LinkPdfView.as_view(), name="link_pdf"),
]
