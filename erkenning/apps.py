from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErkenningConfig(AppConfig):
    name = "erkenning"
    verbose_name = _("Recognition")
