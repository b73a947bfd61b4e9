from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KalenderConfig(AppConfig):
    name = "duaal.kalender"
    label = "kalender"
    verbose_name = _("School calendar")
