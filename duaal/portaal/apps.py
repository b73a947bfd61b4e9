from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortaalConfig(AppConfig):
    name = "duaal.portaal"
    label = "portaal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # Registers the kernel's dashboard sections, and the administrators' access requests.
        from . import acties, toegang  # noqa: F401
