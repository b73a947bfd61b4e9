from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisatieSoort(models.TextChoices):
    ONDERNEMING = "onderneming", _("Enterprise")
    ONDERWIJSINSTELLING = "onderwijsinstelling", _("Training provider")
    PARTNERSCHAP = "partnerschap", _("Partnership")
    DEPARTEMENT = "departement", _("Department (platform)")


class Rechtsvorm(models.TextChoices):
    EENMANSZAAK = "eenmanszaak", _("Sole trader")
    BV = "bv", _("Private limited company (BV)")
    NV = "nv", _("Public limited company (NV)")
    CV = "cv", _("Cooperative company (CV)")
    VOF = "vof", _("General partnership (VOF)")
    COMMV = "commv", _("Limited partnership (CommV)")
    VZW = "vzw", _("Non-profit association (VZW)")
    PUBLIEK = "publiek", _("Public body")
    ANDERE = "andere", _("Other")


class PartnerschapSoort(models.TextChoices):
    SECTORAAL = "sectoraal", _("Sectoral partnership")
    VPDL = "vpdl", _("Flemish Partnership for Dual Learning (VPDL)")


class BijTermijnoverschrijding(models.TextChoices):
    """What happens when the decision term lapses (R16-R18).

    Tacit approval is deliberately not offered: no source confirms it (R18).
    """

    ESCALEREN = "escaleren", _("Escalate to the partnership administrator")
    ESCALEREN_VPDL = "escaleren_vpdl", _("Escalate to the partnership administrator and VPDL")


class Overeenkomsttype(models.TextChoices):
    """R54-R55, named as the model agreement names them (overeenkomsten/presenter.py: TITELS);
    a test holds the Dutch labels to the PDF's."""

    OAO = "oao", _("Alternating training agreement (OAO)")
    SAO = "sao", _("Alternating training internship agreement (SAO)")
    DA = "da", _("Part-time employment contract in dual learning (DA)")
    # R58: adult education.
    ODO = "odo", _("Dual training agreement (ODO)")
    ODOS = "odos", _("Dual training agreement with status (ODOS)")
    ODOW = "odow", _("Dual training agreement at the own employer (ODO(W))")


class AuditVerb(models.TextChoices):
    """The organisations' audit verbs; the labels are what the timeline shows."""

    ONDERNEMING_GEREGISTREERD = "onderneming.geregistreerd", _("enterprise registered")
    VESTIGING_TOEGEVOEGD = "vestiging.toegevoegd", _("establishment added")
    VESTIGING_GEWIJZIGD = "vestiging.gewijzigd", _("establishment changed")
    CRITERIUM_TOEGEVOEGD = "criterium.toegevoegd", _("recognition criterion added")
    CRITERIUM_GEWIJZIGD = "criterium.gewijzigd", _("recognition criterion changed")
    CRITERIUM_GESCHRAPT = "criterium.geschrapt", _("recognition criterion removed")
    REGELS_GEWIJZIGD = "partnerschap.regels_gewijzigd", _("partnership rules changed")
    OPLEIDINGSREGELS_GEWIJZIGD = "opleiding.regels_gewijzigd", _("programme rules changed")
    SECTOR_VERKLAARD = "onderneming.sector_verklaard", _("sector declared")
    SECTOR_BEVESTIGD = "onderneming.sector_bevestigd", _("sector confirmed")
    SECTOR_GEWEIGERD = "onderneming.sector_geweigerd", _("sector declaration refused")
