from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErkenningConfig(AppConfig):
    name = "erkenning"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from duaal.audit import verbs

        from . import dashboard  # noqa: F401 - registers the recognition dashboard sections
        from .constants import AuditVerb

        verbs.register(AuditVerb)
