"""The erkenning services' written motivation: the kernel's required_text with this app's error."""

from django.utils.translation import gettext as _

from duaal.workflow import required_text
from erkenning.exceptions import ErkenningFout


def verplicht(tekst: str, melding: str | None = None) -> str:
    return required_text(tekst, melding or _("A written motivation is required."), ErkenningFout)
