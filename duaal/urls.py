from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from duaal.health import health

admin.site.site_header = "Erkenningsportaal duaal leren – beheer"
admin.site.site_title = "Beheer"

urlpatterns = [
    path("", include("duaal.portaal.urls")),
    path("account/", include("duaal.accounts.urls")),
    path("", include("duaal.organisaties.urls")),
    path("", include("mentors.urls")),
    path("", include("erkenning.urls")),
    path("", include("overeenkomsten.urls")),
    path("taal/", set_language, name="set_language"),
    path("health/", health, name="health"),
    path("beheer/", admin.site.urls),
]
