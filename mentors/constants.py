from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_LEEFTIJD = 25  # R32
MIN_LEEFTIJD_MET_VOOROPLEIDING = 23  # R34
MIN_JAREN_ERVARING = 5  # R33
UITTREKSEL_MAX_OUDERDOM_JAREN = 1  # R36: issued at most one year before the designation
MAX_BESTAND_BYTES = 10 * 1024 * 1024  # S5


class ToewijzingStatus(models.TextChoices):
    """A designation of a mentor to an establishment x programme, reviewed like an application
    by the competent partnership (R21)."""

    VOORGESTELD = "voorgesteld", _("Awaiting review")
    AANVAARD = "aanvaard", _("Accepted")
    GEWEIGERD = "geweigerd", _("Refused")


TOEWIJZING_OVERGANGEN: dict[str, set[str]] = {
    ToewijzingStatus.VOORGESTELD: {ToewijzingStatus.AANVAARD, ToewijzingStatus.GEWEIGERD},
    ToewijzingStatus.AANVAARD: set(),
    ToewijzingStatus.GEWEIGERD: set(),
}


class UitzonderingSoort(models.TextChoices):
    LEEFTIJD = "leeftijd", _("Minimum age 23 instead of 25")
    ERVARING = "ervaring", _("No 5 years of experience required")


class UitzonderingStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Requested")
    TOEGEKEND = "toegekend", _("Granted")
    GEWEIGERD = "geweigerd", _("Refused")


UITZONDERING_OVERGANGEN: dict[str, set[str]] = {
    UitzonderingStatus.AANGEVRAAGD: {UitzonderingStatus.TOEGEKEND, UitzonderingStatus.GEWEIGERD},
    UitzonderingStatus.TOEGEKEND: set(),
    UitzonderingStatus.GEWEIGERD: set(),
}


class OpleidingStatus(models.TextChoices):
    TE_VOLGEN = "te_volgen", _("To be followed")
    GEPLAND = "gepland", _("Planned")
    GEVOLGD = "gevolgd", _("Completed")
    VRIJGESTELD = "vrijgesteld", _("Exempted")


OPLEIDING_OVERGANGEN: dict[str, set[str]] = {
    OpleidingStatus.TE_VOLGEN: {
        OpleidingStatus.GEPLAND,
        OpleidingStatus.GEVOLGD,
        OpleidingStatus.VRIJGESTELD,
    },
    OpleidingStatus.GEPLAND: {
        OpleidingStatus.GEPLAND,
        OpleidingStatus.GEVOLGD,
        OpleidingStatus.VRIJGESTELD,
    },
    OpleidingStatus.GEVOLGD: set(),
    OpleidingStatus.VRIJGESTELD: set(),
}


class VoorwaardeStatus(models.TextChoices):
    VOLDAAN = "voldaan", _("Met")
    NIET_VOLDAAN = "niet_voldaan", _("Not met")
    UITZONDERING = "uitzondering", _("Exception granted")
