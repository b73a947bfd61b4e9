from django.db import models
from django.utils.translation import gettext_lazy as _


class AanvraagSoort(models.TextChoices):
    NIEUW = "nieuw", _("New recognition")
    MENTOR_TOEVOEGEN = "mentor_toevoegen", _("Add a mentor to a recognition")  # R21
    HERNIEUWING = "hernieuwing", _("Renewal")


class AanvraagStatus(models.TextChoices):
    ONTWERP = "ontwerp", _("Draft")
    INGEDIEND = "ingediend", _("Submitted")
    ONVOLLEDIG = "onvolledig", _("Incomplete: information requested")
    VOLLEDIG = "volledig", _("Complete: under review")
    GOEDGEKEURD = "goedgekeurd", _("Approved")
    AFGEWEZEN = "afgewezen", _("Refused")
    INGETROKKEN = "ingetrokken", _("Withdrawn")


# The only allowed moves; services refuse anything else with a clear message.
AANVRAAG_OVERGANGEN: dict[str, set[str]] = {
    AanvraagStatus.ONTWERP: {AanvraagStatus.INGEDIEND, AanvraagStatus.INGETROKKEN},
    AanvraagStatus.INGEDIEND: {
        AanvraagStatus.ONVOLLEDIG,
        AanvraagStatus.VOLLEDIG,
        AanvraagStatus.INGETROKKEN,
    },
    AanvraagStatus.ONVOLLEDIG: {AanvraagStatus.INGEDIEND, AanvraagStatus.INGETROKKEN},
    AanvraagStatus.VOLLEDIG: {AanvraagStatus.GOEDGEKEURD, AanvraagStatus.AFGEWEZEN},
    AanvraagStatus.GOEDGEKEURD: set(),
    AanvraagStatus.AFGEWEZEN: set(),
    AanvraagStatus.INGETROKKEN: set(),
}

OPEN_STATUSSEN = [AanvraagStatus.INGEDIEND, AanvraagStatus.ONVOLLEDIG, AanvraagStatus.VOLLEDIG]
# The employer may still edit answers, documents and mentors.
BEWERKBAAR = [AanvraagStatus.ONTWERP, AanvraagStatus.ONVOLLEDIG]


class ErkenningStatus(models.TextChoices):
    ACTIEF = "actief", _("Active")
    ZONDER_GELDIGE_MENTOR = "zonder_geldige_mentor", _("Without a valid mentor")
    VERLOPEN = "verlopen", _("Expired")
    OPGEHEVEN = "opgeheven", _("Lifted")
    UITGESLOTEN = "uitgesloten", _("Excluded")


# A recognition in one of these holds the establishment x programme (one at a time, R1).
LOPEND = [ErkenningStatus.ACTIEF, ErkenningStatus.ZONDER_GELDIGE_MENTOR]

ERKENNING_OVERGANGEN: dict[str, set[str]] = {
    ErkenningStatus.ACTIEF: {
        ErkenningStatus.ZONDER_GELDIGE_MENTOR,
        ErkenningStatus.VERLOPEN,
        ErkenningStatus.OPGEHEVEN,
        ErkenningStatus.UITGESLOTEN,
    },
    ErkenningStatus.ZONDER_GELDIGE_MENTOR: {
        ErkenningStatus.ACTIEF,
        ErkenningStatus.VERLOPEN,
        ErkenningStatus.OPGEHEVEN,
        ErkenningStatus.UITGESLOTEN,
    },
    ErkenningStatus.VERLOPEN: set(),
    ErkenningStatus.OPGEHEVEN: set(),
    ErkenningStatus.UITGESLOTEN: set(),
}

# Renewal reminders before valid_until, in days (issue: 180, 90 and 30).
HERNIEUWING_HERINNERINGEN = (180, 90, 30)


class SanctieSoort(models.TextChoices):
    """R23-R24, lightest first; guidance actions come before any sanction."""

    BEGELEIDINGSACTIE = "begeleidingsactie", _("Guidance action")
    MENTOR_GESCHORST = "mentor_geschorst", _("Mentor may no longer act for the programme")
    OPHEFFING = "opheffing", _("Recognition lifted")
    UITSLUITING_VESTIGING = "uitsluiting_vestiging", _("Establishment excluded")
    UITSLUITING_ONDERNEMING = "uitsluiting_onderneming", _("Enterprise excluded")


class BeroepStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Lodged")
    ONTVANKELIJK = "ontvankelijk", _("Admissible: under review")
    ONONTVANKELIJK = "onontvankelijk", _("Inadmissible")
    GEGROND = "gegrond", _("Upheld")
    ONGEGROND = "ongegrond", _("Rejected")


BEROEP_OVERGANGEN: dict[str, set[str]] = {
    BeroepStatus.INGEDIEND: {BeroepStatus.ONTVANKELIJK, BeroepStatus.ONONTVANKELIJK},
    BeroepStatus.ONTVANKELIJK: {BeroepStatus.GEGROND, BeroepStatus.ONGEGROND},
    BeroepStatus.ONONTVANKELIJK: set(),
    BeroepStatus.GEGROND: set(),
    BeroepStatus.ONGEGROND: set(),
}
