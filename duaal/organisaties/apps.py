from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisatiesConfig(AppConfig):
    name = "duaal.organisaties"
    label = "organisaties"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from duaal.audit import verbs

        from .constants import AuditVerb

        verbs.register(AuditVerb)
