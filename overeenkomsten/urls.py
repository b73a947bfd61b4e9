from django.urls import path

from . import views

app_name = "overeenkomsten"

urlpatterns = [
    path(
        "leerlingen/<uuid:public_id>/", views.LeerlingDetailView.as_view(), name="leerling_detail"
    ),
    path(
        "overeenkomsten/<uuid:public_id>/",
        views.OvereenkomstDetailView.as_view(),
        name="overeenkomst_detail",
    ),
    # The learner's personal approval link: no account, the signed token is the key.
    path("goedkeuren/<str:token>/", views.LinkGoedkeurenView.as_view(), name="link_goedkeuren"),
]
