from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "duaal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from duaal.audit import verbs
        from duaal.meldingen.links import link_registreren

        from .constants import AuditVerb
        from .links import WACHTWOORD_LINK, wachtwoord_link_bouwen
        from .registratie_links import (
            REGISTRATIE_BESTAAND_LINK,
            REGISTRATIE_NIEUW_LINK,
            registratie_bestaand_link_bouwen,
            registratie_nieuw_link_bouwen,
        )
        from .uitnodiging_links import UITNODIGING_LINK, uitnodiging_link_bouwen

        # The outbox stores a reference to the reset link; delivery builds it here.
        link_registreren(WACHTWOORD_LINK, wachtwoord_link_bouwen)
        # Likewise the link that confirms a registration (new or existing account).
        link_registreren(REGISTRATIE_NIEUW_LINK, registratie_nieuw_link_bouwen)
        link_registreren(REGISTRATIE_BESTAAND_LINK, registratie_bestaand_link_bouwen)
        # And the link in a colleague's invitation.
        link_registreren(UITNODIGING_LINK, uitnodiging_link_bouwen)
        verbs.register(AuditVerb)
