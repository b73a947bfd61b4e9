"""The erkenning services' written motivation (the kernel's required_text with this app's
error) and the appeal term a refusal or sanction opens."""

from datetime import datetime

from django.utils.translation import gettext as _

from duaal.organisaties.models import Partnerschap
from duaal.termijnen import BEROEP, einde, ontvangen_op, vandaag
from duaal.workflow import required_text
from erkenning.exceptions import ErkenningFout
from erkenning.models import Aanvraag, Sanctie


def verplicht(tekst: str, melding: str | None = None) -> str:
    return required_text(tekst, melding or _("A written motivation is required."), ErkenningFout)


def beroepstermijn_openen(
    onderwerp: Aanvraag | Sanctie, partnerschap: Partnerschap, now: datetime
) -> None:
    """The notice is in the portal and mailed now: the appeal term runs from the day it
    counts as received (R27), for the partnership's days; the caller saves both fields."""
    onderwerp.kennisgeving_ontvangen_op = ontvangen_op(vandaag(now))
    onderwerp.beroep_uiterlijk_op = einde(
        BEROEP, onderwerp.kennisgeving_ontvangen_op, lengte=partnerschap.beroepstermijn_dagen
    )
