"""Organisations (enterprise, establishment, school, partnership) and the programme catalogue."""

from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.models import BaseModel

from .constants import (
    BijTermijnoverschrijding,
    OrganisatieSoort,
    Overeenkomsttype,
    PartnerschapSoort,
    Rechtsvorm,
)
from .querysets import OrganisatieQuerySet, PublicCatalogueQuerySet, VestigingQuerySet
from .validators import (
    format_kbo,
    format_vestigingseenheid,
    validate_instellingsnummer,
    validate_kbo,
    validate_ovo_code,
    validate_vestigingseenheid,
)


class Organisatie(BaseModel):
    """What a membership points to; each kind is a multi-table child with the same pk."""

    naam = models.CharField(_("name"), max_length=200)
    soort = models.CharField(_("kind"), max_length=32, choices=OrganisatieSoort.choices)
    e_mail = models.EmailField(_("e-mail address"), blank=True)
    # How the government's identity provider names a public body (its orgcode for GID
    # logins, and for a partnership hosted by one); empty for enterprises and schools.
    ovo_code = models.CharField(
        _("OVO code"),
        max_length=9,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_ovo_code],
        help_text=_("The code of the Flemish government's organisation register, e.g. OVO002949."),
    )

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=OrganisatieSoort.values), name="organisatie_soort_geldig"
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each child kind fixes its own `soort`, so validation sees it before the first save.
        if not self.soort and self.SOORT:
            self.soort = self.SOORT

    SOORT: str = ""

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """An organisation's own members act on it (its access, its settings); a kind whose
        records others act on says so in its own override."""
        return {self.pk}


class Adres(models.Model):
    straat = models.CharField(_("street"), max_length=200)
    huisnummer = models.CharField(_("house number"), max_length=20)
    postcode = models.CharField(_("postcode"), max_length=4)
    gemeente = models.CharField(_("municipality"), max_length=100)

    class Meta:
        abstract = True

    @property
    def adres(self) -> str:
        return f"{self.straat} {self.huisnummer}, {self.postcode} {self.gemeente}"


class Onderneming(Organisatie, Adres):
    SOORT = OrganisatieSoort.ONDERNEMING

    kbo_nummer = models.CharField(
        _("enterprise number (KBO)"),
        max_length=10,
        unique=True,
        validators=[validate_kbo],
        help_text=_("10 digits, as in the Crossroads Bank for Enterprises."),
    )
    rechtsvorm = models.CharField(_("legal form"), max_length=16, choices=Rechtsvorm.choices)
    # Its working week bounds a full-time block week at the workplace; empty: 38 hours.
    paritair_comite = models.ForeignKey(
        "organisaties.ParitairComite",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("joint committee"),
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")

    def get_absolute_url(self) -> str:
        return reverse("organisaties:onderneming_detail", kwargs={"public_id": self.public_id})

    @property
    def kbo_weergave(self) -> str:
        return format_kbo(self.kbo_nummer)

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """Only the enterprise itself acts on its own record (establishments, mentors)."""
        return {self.pk}


class Vestiging(BaseModel, Adres):
    onderneming = models.ForeignKey(
        Onderneming,
        on_delete=models.PROTECT,
        related_name="vestigingen",
        verbose_name=_("enterprise"),
    )
    naam = models.CharField(_("name"), max_length=200)
    vestigingseenheidsnummer = models.CharField(
        _("establishment unit number"),
        max_length=10,
        unique=True,
        validators=[validate_vestigingseenheid],
        help_text=_("10 digits starting with 2 to 8, as in the KBO."),
    )

    objects = VestigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("establishment")
        verbose_name_plural = _("establishments")
        ordering = ["naam"]
        indexes = [models.Index(fields=["postcode"], name="vestiging_postcode_idx")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.gemeente})"

    def get_absolute_url(self) -> str:
        return reverse("organisaties:vestiging_detail", kwargs={"public_id": self.public_id})

    @property
    def nummer_weergave(self) -> str:
        return format_vestigingseenheid(self.vestigingseenheidsnummer)

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """An establishment is managed, and used for designations, by its own enterprise."""
        return {self.onderneming_id}


class Onderwijsinstelling(Organisatie, Adres):
    SOORT = OrganisatieSoort.ONDERWIJSINSTELLING

    instellingsnummer = models.CharField(
        _("institution number"),
        max_length=6,
        unique=True,
        validators=[validate_instellingsnummer],
    )

    class Meta:
        verbose_name = _("training provider")
        verbose_name_plural = _("training providers")

    def get_absolute_url(self) -> str:
        return reverse(
            "organisaties:onderwijsinstelling_detail", kwargs={"public_id": self.public_id}
        )


class Partnerschap(Organisatie):
    """A partnership, with its rules as data so each sector can differ (R8, R16-R19, R27, R40)."""

    SOORT = OrganisatieSoort.PARTNERSCHAP

    partnerschap_soort = models.CharField(
        _("partnership kind"), max_length=16, choices=PartnerschapSoort.choices
    )
    # A partnership's consultants often work for a sector fund, a private body that logs in
    # as an enterprise: its KBO number identifies the partnership as well as its OVO code.
    kbo_nummer = models.CharField(
        _("enterprise number (KBO) of the body that hosts the partnership"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_kbo],
    )
    beslistermijn_dagen = models.PositiveSmallIntegerField(
        _("decision term (days)"),
        default=14,
        help_text=_("Calendar days from the day the file is complete."),
    )
    herinnering_dagen_voor_termijn = models.PositiveSmallIntegerField(
        _("reminder before the decision term (days)"), default=3
    )
    bij_termijnoverschrijding = models.CharField(
        _("when the decision term lapses"),
        max_length=32,
        choices=BijTermijnoverschrijding.choices,
        default=BijTermijnoverschrijding.ESCALEREN,
    )
    geldigheid_jaren = models.PositiveSmallIntegerField(
        _("validity of a recognition (years)"), default=5
    )
    beroepstermijn_dagen = models.PositiveSmallIntegerField(_("appeal term (days)"), default=10)
    max_leerlingen_per_mentor = models.PositiveSmallIntegerField(
        _("maximum learners per mentor"), default=2
    )
    mentoropleiding_termijn_maanden = models.PositiveSmallIntegerField(
        _("mentor training deadline (months after recognition)"), default=12
    )
    mentoropleiding_plannen_maanden = models.PositiveSmallIntegerField(
        _("mentor training to be planned within (months)"),
        null=True,
        blank=True,
        help_text=_("Empty when the partnership sets no planning deadline (construction: 3)."),
    )
    mentoropleiding_herinnering_dagen = models.PositiveSmallIntegerField(
        _("reminder before a mentor training deadline (days)"), default=30
    )
    uittreksel_bewaartermijn_dagen = models.PositiveSmallIntegerField(
        _("retention of criminal-record extracts after the decision (days)"), default=30
    )

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            # There is exactly one Flemish partnership.
            models.UniqueConstraint(
                fields=["partnerschap_soort"],
                condition=Q(partnerschap_soort=PartnerschapSoort.VPDL),
                name="een_vpdl",
            ),
            models.CheckConstraint(
                condition=Q(beslistermijn_dagen__gte=1), name="beslistermijn_pos"
            ),
            models.CheckConstraint(condition=Q(geldigheid_jaren__gte=1), name="geldigheid_pos"),
        ]

    def get_absolute_url(self) -> str:
        return reverse("organisaties:partnerschap_detail", kwargs={"public_id": self.public_id})

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """Only the partnership's own people act on its rules (its admin edits them)."""
        return {self.pk}


class Criterium(models.Model):
    """A recognition criterion of a partnership that the employer answers (R7, R10)."""

    partnerschap = models.ForeignKey(
        Partnerschap,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("partnership"),
    )
    volgorde = models.PositiveSmallIntegerField(_("order"), default=0)
    omschrijving = models.CharField(_("description"), max_length=300)
    # A change never edits a row in force: it closes the row and adds its successor, so an
    # application keeps the criteria of the day it was submitted. Empty: since always / still.
    geldig_vanaf = models.DateTimeField(_("in force from"), null=True, blank=True)
    geldig_tot = models.DateTimeField(_("in force until"), null=True, blank=True)
    vervangt = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("replaces"),
    )

    class Meta:
        verbose_name = _("recognition criterion")
        verbose_name_plural = _("recognition criteria")
        ordering = ["partnerschap", "volgorde", "id"]
        indexes = [
            models.Index(fields=["partnerschap", "geldig_tot"], name="criterium_in_kracht_idx")
        ]

    def __str__(self) -> str:
        return self.omschrijving


class CriteriumDocument(models.Model):
    """A document the employer uploads against a criterion; configurable per partnership (R8)."""

    criterium = models.ForeignKey(
        Criterium, on_delete=models.CASCADE, related_name="documenten", verbose_name=_("criterion")
    )
    naam = models.CharField(_("document"), max_length=200)
    per_mentor = models.BooleanField(
        _("one per mentor"), default=False, help_text=_("E.g. the 596.2 extract.")
    )
    verplicht = models.BooleanField(_("required"), default=True)
    geldig_vanaf = models.DateTimeField(_("in force from"), null=True, blank=True)
    geldig_tot = models.DateTimeField(_("in force until"), null=True, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.naam


class Opleiding(BaseModel):
    """A dual training programme from the catalogue."""

    officiele_naam = models.CharField(_("official name"), max_length=250)
    code = models.CharField(_("code"), max_length=32, unique=True)
    overeenkomsttype = models.CharField(
        _("agreement type"), max_length=8, choices=Overeenkomsttype.choices
    )
    partnerschap = models.ForeignKey(
        Partnerschap,
        on_delete=models.PROTECT,
        related_name="opleidingen",
        verbose_name=_("competent partnership"),
    )
    werkplekuren_per_week = models.PositiveSmallIntegerField(_("workplace hours per week"))
    minimumleeftijd = models.PositiveSmallIntegerField(_("minimum learner age"), default=15)
    # R44: learners are 15 to 25 years old; a programme may narrow that.
    maximumleeftijd = models.PositiveSmallIntegerField(_("maximum learner age"), default=25)
    actief = models.BooleanField(_("active"), default=True)

    objects = PublicCatalogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["officiele_naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overeenkomsttype__in=Overeenkomsttype.values),
                name="opleiding_type_geldig",
            ),
            models.CheckConstraint(
                condition=Q(werkplekuren_per_week__lte=38), name="opleiding_uren_max_38"
            ),
        ]

    def __str__(self) -> str:
        return self.officiele_naam

    def get_absolute_url(self) -> str:
        return reverse("organisaties:opleiding_detail", kwargs={"public_id": self.public_id})


# The dated versions of a partnership's rules live beside it (versies.py keeps this module short).
from .opleidingsregels import (  # noqa: E402
    OpleidingsFase,
    OpleidingsRegels,
    ParitairComite,
    SectorVerklaring,
    TypeAlternatief,
    Vooropleiding,
)
from .versies import CriteriaVersie, PartnerschapRegels  # noqa: E402

__all__ = [
    "Adres",
    "CriteriaVersie",
    "Criterium",
    "CriteriumDocument",
    "Onderneming",
    "Onderwijsinstelling",
    "Opleiding",
    "OpleidingsFase",
    "OpleidingsRegels",
    "Organisatie",
    "ParitairComite",
    "Partnerschap",
    "PartnerschapRegels",
    "SectorVerklaring",
    "TypeAlternatief",
    "Vestiging",
    "Vooropleiding",
]
