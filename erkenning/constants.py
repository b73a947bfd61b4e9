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
# Decided: approved or refused (the decision's date starts the extract's retention, S7).
BESLIST = [AanvraagStatus.GOEDGEKEURD, AanvraagStatus.AFGEWEZEN]
# Closed without a recognition: such a renewal is no longer under way (R20).
AFGESLOTEN_ZONDER_ERKENNING = [AanvraagStatus.AFGEWEZEN, AanvraagStatus.INGETROKKEN]


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


# Awaiting the appeal coordinator: receipt and admissibility, or the outcome (R29).
BEROEP_TE_BEHANDELEN = [BeroepStatus.INGEDIEND, BeroepStatus.ONTVANKELIJK]

BEROEP_OVERGANGEN: dict[str, set[str]] = {
    BeroepStatus.INGEDIEND: {BeroepStatus.ONTVANKELIJK, BeroepStatus.ONONTVANKELIJK},
    BeroepStatus.ONTVANKELIJK: {BeroepStatus.GEGROND, BeroepStatus.ONGEGROND},
    BeroepStatus.ONONTVANKELIJK: set(),
    BeroepStatus.GEGROND: set(),
    BeroepStatus.ONGEGROND: set(),
}


class AuditVerb(models.TextChoices):
    """Every verb the recognition app records, with the timeline's words (G32). Verbs no
    longer recorded stay, so old events keep their label."""

    AANVRAAG_AANGEMAAKT = "aanvraag.aangemaakt", _("application started")
    AANVRAAG_DOCUMENT_OPGELADEN = "aanvraag.document_opgeladen", _("document uploaded")
    AANVRAAGDOCUMENT_BESTAND_VERWIJDERD = (
        "aanvraagdocument.bestand_verwijderd",
        _("extract file deleted after retention"),
    )
    AANVRAAG_VERKLARING_OP_EER = "aanvraag.verklaring_op_eer", _("declaration on honour signed")
    AANVRAAG_INGEDIEND = "aanvraag.ingediend", _("application submitted")
    AANVRAAG_INGETROKKEN = "aanvraag.ingetrokken", _("application withdrawn")
    AANVRAAG_ONVOLLEDIG = "aanvraag.onvolledig", _("information requested: file incomplete")
    AANVRAAG_VOLLEDIG = "aanvraag.volledig", _("file complete: decision term started")
    AANVRAAG_PLAATSBEZOEK = "aanvraag.plaatsbezoek", _("site visit recorded")
    AANVRAAG_GOEDGEKEURD = "aanvraag.goedgekeurd", _("application approved")
    AANVRAAG_AFGEWEZEN = "aanvraag.afgewezen", _("application refused")
    AANVRAAG_HERINNERING = "aanvraag.herinnering", _("decision reminder sent")
    AANVRAAG_GEESCALEERD = "aanvraag.geescaleerd", _("decision term exceeded: escalated")
    AANVRAAG_GOEDGEKEURD_NA_BEROEP = "aanvraag.goedgekeurd_na_beroep", _("approved after appeal")
    ERKENNING_VERVANGEN = "erkenning.vervangen", _("recognition replaced by its renewal")
    ERKENNING_PUBLICATIE = "erkenning.publicatie", _("public search settings changed")
    ERKENNING_ZONDER_GELDIGE_MENTOR = (
        "erkenning.zonder_geldige_mentor",
        _("recognition without a valid mentor"),
    )
    ERKENNING_ACTIEF = "erkenning.actief", _("recognition active again")
    ERKENNING_VERLOPEN = "erkenning.verlopen", _("recognition expired")
    ERKENNING_OPGEHEVEN = "erkenning.opgeheven", _("recognition lifted")
    ERKENNING_UITGESLOTEN = "erkenning.uitgesloten", _("recognition ended by an exclusion")
    ERKENNING_HERNIEUWING_HERINNERD = "erkenning.hernieuwing_herinnerd", _("renewal reminder sent")
    ERKENNING_HERSTELD_NA_BEROEP = (
        "erkenning.hersteld_na_beroep",
        _("recognition restored after appeal"),
    )
    SANCTIE_BEGELEIDINGSACTIE = "sanctie.begeleidingsactie", _("guidance action imposed")
    SANCTIE_MENTOR_GESCHORST = "sanctie.mentor_geschorst", _("mentor barred for the programme")
    SANCTIE_OPHEFFING = "sanctie.opheffing", _("recognition lifted")
    SANCTIE_UITSLUITING_VESTIGING = "sanctie.uitsluiting_vestiging", _("establishment excluded")
    SANCTIE_UITSLUITING_ONDERNEMING = "sanctie.uitsluiting_onderneming", _("enterprise excluded")
    BEROEP_INGEDIEND = "beroep.ingediend", _("appeal lodged")
    BEROEP_ONTVANKELIJK = "beroep.ontvankelijk", _("appeal received: admissible")
    BEROEP_ONONTVANKELIJK = "beroep.onontvankelijk", _("appeal received: inadmissible")
    BEROEP_GEGROND = "beroep.gegrond", _("appeal upheld")
    BEROEP_ONGEGROND = "beroep.ongegrond", _("appeal rejected")
    MACHTIGING_VERLEEND = "machtiging.verleend", _("mandate granted")
    MACHTIGING_INGETROKKEN = "machtiging.ingetrokken", _("mandate revoked")


# The verb each sanction records and the status the recognitions it ends take.
SANCTIE_VERB = {
    SanctieSoort.BEGELEIDINGSACTIE: AuditVerb.SANCTIE_BEGELEIDINGSACTIE,
    SanctieSoort.MENTOR_GESCHORST: AuditVerb.SANCTIE_MENTOR_GESCHORST,
    SanctieSoort.OPHEFFING: AuditVerb.SANCTIE_OPHEFFING,
    SanctieSoort.UITSLUITING_VESTIGING: AuditVerb.SANCTIE_UITSLUITING_VESTIGING,
    SanctieSoort.UITSLUITING_ONDERNEMING: AuditVerb.SANCTIE_UITSLUITING_ONDERNEMING,
}
ERKENNING_EINDE_VERB = {
    ErkenningStatus.OPGEHEVEN: AuditVerb.ERKENNING_OPGEHEVEN,
    ErkenningStatus.UITGESLOTEN: AuditVerb.ERKENNING_UITGESLOTEN,
}
