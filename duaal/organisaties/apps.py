from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisatiesConfig(AppConfig):
    name = "duaal.organisaties"
    label = "organisaties"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from duaal.audit.models import VERB_LABELS

        VERB_LABELS.update(
            {
                "onderneming.geregistreerd": _("enterprise registered"),
                "vestiging.toegevoegd": _("establishment added"),
                "vestiging.gewijzigd": _("establishment changed"),
            }
        )
