from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OvereenkomstenConfig(AppConfig):
    name = "overeenkomsten"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        from duaal.audit import verbs
        from duaal.meldingen.links import link_registreren

        from .constants import KOPIE_LINK, UITNODIGING_LINK, AuditVerb
        from .dashboard import werkgever_secties  # noqa: F401 - registers the dashboard sections
        from .services.link import kopie_link_bouwen, uitnodiging_link_bouwen

        # The outbox stores a reference to the personal link; delivery builds it here.
        link_registreren(UITNODIGING_LINK, uitnodiging_link_bouwen)
        link_registreren(KOPIE_LINK, kopie_link_bouwen)
        verbs.register(AuditVerb)
