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

# A designation that still counts: awaiting review or accepted (a refused one is nobody's).
TOEWIJZING_LOPEND = (ToewijzingStatus.VOORGESTELD, ToewijzingStatus.AANVAARD)


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

# A training still to be completed: the deadline sweeps chase it, the employer records it.
OPLEIDING_OPEN = (OpleidingStatus.TE_VOLGEN, OpleidingStatus.GEPLAND)


class VoorwaardeStatus(models.TextChoices):
    VOLDAAN = "voldaan", _("Met")
    NIET_VOLDAAN = "niet_voldaan", _("Not met")
    UITZONDERING = "uitzondering", _("Exception granted")


class AuditVerb(models.TextChoices):
    """The mentor register's audit verbs; the labels are what the timeline shows."""

    MENTOR_GEREGISTREERD = "mentor.geregistreerd", _("mentor registered")
    MENTOR_TOEGEWEZEN = "mentor.toegewezen", _("mentor designated")
    TOEWIJZING_AANVAARD = "toewijzing.aanvaard", _("designation accepted")
    TOEWIJZING_GEWEIGERD = "toewijzing.geweigerd", _("designation refused")
    TOEWIJZING_GEDEACTIVEERD = "toewijzing.gedeactiveerd", _("mentor deactivated here")
    TOEWIJZING_GEREACTIVEERD = "toewijzing.gereactiveerd", _("mentor reactivated here")
    UITTREKSEL_OPGELADEN = "uittreksel.opgeladen", _("criminal-record extract uploaded")
    UITTREKSEL_GECONTROLEERD = "uittreksel.gecontroleerd", _("criminal-record extract checked")
    UITTREKSEL_BESTAND_VERWIJDERD = (
        "uittreksel.bestand_verwijderd",
        _("extract file deleted after the check"),
    )
    UITZONDERING_AANGEVRAAGD = "uitzondering.aangevraagd", _("exception requested")
    UITZONDERING_TOEGEKEND = "uitzondering.toegekend", _("exception granted")
    UITZONDERING_GEWEIGERD = "uitzondering.geweigerd", _("exception refused")
    MENTOROPLEIDING_GEPLAND = "mentoropleiding.gepland", _("mentor training planned")
    MENTOROPLEIDING_GEVOLGD = "mentoropleiding.gevolgd", _("mentor training completed")
    MENTOROPLEIDING_VRIJGESTELD = (
        "mentoropleiding.vrijgesteld",
        _("exempted from the mentor training"),
    )
    MENTOROPLEIDING_HERINNERING = "mentoropleiding.herinnering", _("mentor training reminder sent")
    MENTOROPLEIDING_ACHTERSTALLIG = "mentoropleiding.achterstallig", _("mentor training overdue")


# The verb each decision records, by the status it leads to.
TOEWIJZING_VERB = {
    ToewijzingStatus.AANVAARD: AuditVerb.TOEWIJZING_AANVAARD,
    ToewijzingStatus.GEWEIGERD: AuditVerb.TOEWIJZING_GEWEIGERD,
}
UITZONDERING_VERB = {
    UitzonderingStatus.TOEGEKEND: AuditVerb.UITZONDERING_TOEGEKEND,
    UitzonderingStatus.GEWEIGERD: AuditVerb.UITZONDERING_GEWEIGERD,
}
OPLEIDING_VERB: dict[str, AuditVerb] = {
    OpleidingStatus.GEPLAND: AuditVerb.MENTOROPLEIDING_GEPLAND,
    OpleidingStatus.GEVOLGD: AuditVerb.MENTOROPLEIDING_GEVOLGD,
    OpleidingStatus.VRIJGESTELD: AuditVerb.MENTOROPLEIDING_VRIJGESTELD,
}
