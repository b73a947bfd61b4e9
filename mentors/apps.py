from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = _("Mentors")

    def ready(self) -> None:
        from duaal.audit import verbs

        from . import dashboard  # noqa: F401 - registers the mentor dashboard sections
        from .constants import AuditVerb

        verbs.register(AuditVerb)
