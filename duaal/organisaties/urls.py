from django.urls import path

from . import views

app_name = "organisaties"

urlpatterns = [
    path(
        "ondernemingen/<uuid:public_id>/",
        views.OndernemingDetailView.as_view(),
        name="onderneming_detail",
    ),
    path(
        "ondernemingen/<uuid:public_id>/vestigingen/nieuw/",
        views.VestigingToevoegenView.as_view(),
        name="vestiging_toevoegen",
    ),
    path(
        "vestigingen/<uuid:public_id>/",
        views.VestigingDetailView.as_view(),
        name="vestiging_detail",
    ),
    path(
        "vestigingen/<uuid:public_id>/wijzigen/",
        views.VestigingWijzigenView.as_view(),
        name="vestiging_wijzigen",
    ),
    path(
        "onderwijsinstellingen/<uuid:public_id>/",
        views.OnderwijsinstellingDetailView.as_view(),
        name="onderwijsinstelling_detail",
    ),
    path(
        "partnerschappen/<uuid:public_id>/",
        views.PartnerschapDetailView.as_view(),
        name="partnerschap_detail",
    ),
    path(
        "partnerschappen/<uuid:public_id>/regels/",
        views.PartnerschapRegelsView.as_view(),
        name="partnerschap_regels",
    ),
    path(
        "partnerschappen/<uuid:public_id>/regels/criterium/",
        views.CriteriumBewerkenView.as_view(),
        name="criterium_bewerken",
    ),
    path("opleidingen/", views.OpleidingListView.as_view(), name="opleiding_list"),
    path(
        "opleidingen/<uuid:public_id>/",
        views.OpleidingDetailView.as_view(),
        name="opleiding_detail",
    ),
]
