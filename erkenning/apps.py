from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErkenningConfig(AppConfig):
    name = "erkenning"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from mentors.signals import geen_geldige_mentor_meer, geldige_mentor_beschikbaar

        from .services import erkenning_mentor_hersteld, erkenning_zonder_geldige_mentor

        # R43: the recognition follows whether its establishment x programme has a valid mentor.
        geen_geldige_mentor_meer.connect(
            erkenning_zonder_geldige_mentor, dispatch_uid="erkenning_zonder_mentor"
        )
        geldige_mentor_beschikbaar.connect(
            erkenning_mentor_hersteld, dispatch_uid="erkenning_mentor_hersteld"
        )
