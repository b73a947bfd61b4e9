from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from . import views, views_oidc, views_toegang

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views_oidc.LogoutView.as_view(), name="logout"),
    path("inloggen/oidc/", views_oidc.OidcLoginView.as_view(), name="oidc_login"),
    path("inloggen/oidc/terug/", views_oidc.OidcCallbackView.as_view(), name="oidc_callback"),
    path("inloggen/koppelen/", views_oidc.AccountKoppelenView.as_view(), name="oidc_koppelen"),
    path(
        "inloggen/onderneming/",
        views_oidc.OndernemingRegistrerenOidcView.as_view(),
        name="oidc_registreren",
    ),
    path("hoedanigheid/", views_oidc.CapaciteitKiezenView.as_view(), name="capaciteit_kiezen"),
    path("registreren/", views.OndernemingRegistrerenView.as_view(), name="registreren"),
    path(
        "registreren/verzonden/",
        TemplateView.as_view(template_name="accounts/registratie_verzonden.html"),
        name="registratie_verzonden",
    ),
    path(
        "registreren/bevestigen/",
        views.RegistratieBevestigenView.as_view(),
        name="registratie_bevestigen",
    ),
    path(
        "registreren/bevestigen/<str:token>/",
        views.RegistratieLinkView.as_view(),
        name="registratie_link",
    ),
    path("organisatie/", views.OrganisatieWisselenView.as_view(), name="organisatie_wisselen"),
    # Who has access to an organisation: its administrator's screens (views_toegang.py).
    path("toegang/", views_toegang.ToegangView.as_view(), name="toegang"),
    path("toegang/uitnodigen/", views_toegang.UitnodigenView.as_view(), name="uitnodigen"),
    path(
        "toegang/uitnodigingen/<uuid:public_id>/intrekken/",
        views_toegang.UitnodigingIntrekkenView.as_view(),
        name="uitnodiging_intrekken",
    ),
    path(
        "toegang/leden/<uuid:public_id>/intrekken/",
        views_toegang.ToegangIntrekkenView.as_view(),
        name="toegang_intrekken",
    ),
    path(
        "toegang/leden/<uuid:public_id>/rol/",
        views_toegang.RolWijzigenView.as_view(),
        name="rol_wijzigen",
    ),
    path(
        "toegang/verzoeken/<uuid:public_id>/toekennen/",
        views_toegang.AanvraagToekennenView.as_view(),
        name="toegangsaanvraag_toekennen",
    ),
    path(
        "toegang/verzoeken/<uuid:public_id>/weigeren/",
        views_toegang.AanvraagWeigerenView.as_view(),
        name="toegangsaanvraag_weigeren",
    ),
    path(
        "toegang/aanvragen/", views_toegang.ToegangAanvragenView.as_view(), name="toegang_aanvragen"
    ),
    path(
        "toegang/uitnodiging/",
        views_toegang.UitnodigingAanvaardenView.as_view(),
        name="uitnodiging_aanvaarden",
    ),
    path(
        "toegang/uitnodiging/<str:token>/",
        views_toegang.UitnodigingLinkView.as_view(),
        name="uitnodiging_link",
    ),
    path("wachtwoord/wijzigen/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("wachtwoord/vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord/vergeten/verzonden/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/hersteld/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
