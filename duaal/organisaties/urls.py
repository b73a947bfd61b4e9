from django.urls import path

from . import views, views_opleidingsregels, views_sector

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
    path(
        "ondernemingen/<uuid:public_id>/sector/",
        views_sector.SectorVerklarenView.as_view(),
        name="sector_verklaren",
    ),
    path(
        "sectorverklaringen/<uuid:public_id>/",
        views_sector.SectorVerklaringDetailView.as_view(),
        name="sectorverklaring_detail",
    ),
    path(
        "sectorverklaringen/<uuid:public_id>/bevestigen/",
        views_sector.SectorBevestigenView.as_view(),
        name="sector_bevestigen",
    ),
    path(
        "sectorverklaringen/<uuid:public_id>/weigeren/",
        views_sector.SectorWeigerenView.as_view(),
        name="sector_weigeren",
    ),
    path("opleidingen/", views.OpleidingListView.as_view(), name="opleiding_list"),
    path(
        "opleidingen/<uuid:public_id>/",
        views.OpleidingDetailView.as_view(),
        name="opleiding_detail",
    ),
    path(
        "opleidingen/<uuid:public_id>/regels/",
        views_opleidingsregels.OpleidingsregelsView.as_view(),
        name="opleidingsregels",
    ),
]
