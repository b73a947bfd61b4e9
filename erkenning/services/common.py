"""What the erkenning services share: recipients, the guards' permission check, motivations."""

from django.utils.translation import gettext as _

from erkenning.exceptions import ErkenningFout


def verplicht(tekst: str, melding: str | None = None) -> str:
    tekst = (tekst or "").strip()
    if not tekst:
        raise ErkenningFout(melding or _("A written motivation is required."))
    return tekst
