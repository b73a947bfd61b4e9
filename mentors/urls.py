from django.urls import path

from . import views

app_name = "mentors"

urlpatterns = [
    path("mentoren/", views.MentorListView.as_view(), name="mentor_list"),
    path("mentoren/nieuw/", views.MentorToevoegenView.as_view(), name="mentor_toevoegen"),
    path("mentoren/<uuid:public_id>/", views.MentorDetailView.as_view(), name="mentor_detail"),
    path(
        "mentoren/<uuid:public_id>/toewijzen/",
        views.MentorToewijzenView.as_view(),
        name="mentor_toewijzen",
    ),
    path(
        "mentoren/<uuid:public_id>/uittreksel/",
        views.UittrekselOpladenView.as_view(),
        name="uittreksel_opladen",
    ),
    path(
        "mentoren/<uuid:public_id>/uitzondering/",
        views.UitzonderingAanvragenView.as_view(),
        name="uitzondering_aanvragen",
    ),
    path(
        "toewijzingen/<uuid:public_id>/",
        views.ToewijzingDetailView.as_view(),
        name="toewijzing_detail",
    ),
    path(
        "toewijzingen/<uuid:public_id>/beslissen/",
        views.ToewijzingBeslissenView.as_view(),
        name="toewijzing_beslissen",
    ),
    path(
        "toewijzingen/<uuid:public_id>/deactiveren/",
        views.ToewijzingDeactiverenView.as_view(),
        name="toewijzing_deactiveren",
    ),
    path(
        "toewijzingen/<uuid:public_id>/reactiveren/",
        views.ToewijzingReactiverenView.as_view(),
        name="toewijzing_reactiveren",
    ),
    path(
        "uitzonderingen/<uuid:public_id>/",
        views.UitzonderingDetailView.as_view(),
        name="uitzondering_detail",
    ),
    path(
        "uitzonderingen/<uuid:public_id>/beslissen/",
        views.UitzonderingBeslissenView.as_view(),
        name="uitzondering_beslissen",
    ),
    path(
        "uitzonderingen/<uuid:public_id>/bewijs/",
        views.UitzonderingBewijsView.as_view(),
        name="uitzondering_bewijs",
    ),
    path(
        "uittreksels/<uuid:public_id>/controleren/",
        views.UittrekselControlerenView.as_view(),
        name="uittreksel_controleren",
    ),
    path(
        "uittreksels/<uuid:public_id>/bestand/",
        views.UittrekselBestandView.as_view(),
        name="uittreksel_bestand",
    ),
    path(
        "mentoropleidingen/<uuid:public_id>/plannen/",
        views.MentoropleidingPlannenView.as_view(),
        name="mentoropleiding_plannen",
    ),
    path(
        "mentoropleidingen/<uuid:public_id>/voltooien/",
        views.MentoropleidingVoltooienView.as_view(),
        name="mentoropleiding_voltooien",
    ),
    path(
        "mentoropleidingen/<uuid:public_id>/vrijstellen/",
        views.MentoropleidingVrijstellenView.as_view(),
        name="mentoropleiding_vrijstellen",
    ),
    path(
        "mentoropleidingen/<uuid:public_id>/certificaat/",
        views.MentoropleidingCertificaatView.as_view(),
        name="mentoropleiding_certificaat",
    ),
]
