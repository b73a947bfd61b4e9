from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    name = "duaal.portaal"
    label = "portaal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import acties  # noqa: F401 - registers the kernel's dashboard sections
