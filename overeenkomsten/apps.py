from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OvereenkomstenConfig(AppConfig):
    name = "overeenkomsten"
    verbose_name = _("Agreements")
