from django.conf import settings
from django.urls import path

from . import demo, views, views_info

app_name = "portaal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("toegankelijkheid/", views_info.ToegankelijkheidView.as_view(), name="toegankelijkheid"),
    path("privacy/", views_info.PrivacyView.as_view(), name="privacy"),
    path("sessie/verlengen/", views_info.SessieVerlengenView.as_view(), name="sessie_verlengen"),
]

# Only `make demo` (dev.py) has it: absent from production and test configurations.
if settings.DEMO_AANMELDEN:
    urlpatterns.append(
        path(
            "demo/aanmelden/<uuid:public_id>/",
            demo.DemoAanmeldenView.as_view(),
            name="demo_aanmelden",
        )
    )
