"""A programme's rules as dated data: start window, end, duration, hours, age, prerequisites,
employer formalities, phases with their contexts, and named contract-type alternatives.

The partnership that owns the programme (or platform staff) changes them as a new version from
`geldig_vanaf` on; the version in force on the day an agreement is sent governs it. Before a
programme's first version, the programme's own fields (type, hours, age limits) are in force
(`selectors.opleidingsregels_voor`). Nothing here names one programme: the care programme of the
brochure is rows, not code."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms

from .constants import Overeenkomsttype
from .querysets import SectorVerklaringQuerySet


class LeeftijdPeil(models.TextChoices):
    """When the minimum age must be reached."""

    START = "start", _("on the start date")
    SCHOOLJAAR = "schooljaar", _("by a date in the school year")


class FaseContext(models.TextChoices):
    RESIDENTIEEL = "residentieel", _("Residential setting")
    THUISZORG = "thuiszorg", _("Home care")
    ANDERE = "andere", _("Other workplace context")


class Sector(models.TextChoices):
    """The sectors a contract-type alternative can name (R55: Sociale Maribel)."""

    PRIVE_ZIEKENHUIS = "prive_ziekenhuis", _("Private hospital")
    GEHANDICAPTENZORG = "gehandicaptenzorg", _("Disability care")
    WOONZORG = "woonzorg", _("Residential care centre")
    GEZINSZORG = "gezinszorg", _("Family and home care service")
    ANDERE = "andere", _("Other sector")


class OpleidingsRegels(models.Model):
    """One version of a programme's rules. Month/day pairs are dates within a school year
    (1 September to 31 August); empty means the programme sets no such rule."""

    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.CASCADE,
        related_name="regelversies",
        verbose_name=_("programme"),
    )
    geldig_vanaf = models.DateTimeField(_("in force from"), null=True, blank=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )

    # The start window and its late-start condition.
    start_van_dag = models.PositiveSmallIntegerField(
        _("earliest start: day"), null=True, blank=True
    )
    start_van_maand = models.PositiveSmallIntegerField(
        _("earliest start: month"), null=True, blank=True
    )
    start_tot_dag = models.PositiveSmallIntegerField(_("latest start: day"), null=True, blank=True)
    start_tot_maand = models.PositiveSmallIntegerField(
        _("latest start: month"), null=True, blank=True
    )
    late_start_mits_leerling = models.BooleanField(
        _("a later start only when the school already has a learner in the programme"),
        default=False,
    )
    einde_uiterlijk_dag = models.PositiveSmallIntegerField(
        _("latest end: day"), null=True, blank=True
    )
    einde_uiterlijk_maand = models.PositiveSmallIntegerField(
        _("latest end: month"), null=True, blank=True
    )
    max_duur_maanden = models.PositiveSmallIntegerField(
        _("maximum duration (months)"), null=True, blank=True
    )
    # The average over the whole training (R50, R54): the type follows from it.
    gemiddelde_werkplekuren = models.DecimalField(
        _("average workplace hours per week over the training"), max_digits=4, decimal_places=1
    )
    minimumleeftijd = models.PositiveSmallIntegerField(_("minimum learner age"), default=15)
    leeftijd_peil = models.CharField(
        _("minimum age reached"),
        max_length=12,
        choices=LeeftijdPeil.choices,
        default=LeeftijdPeil.START,
    )
    # With LeeftijdPeil.SCHOOLJAAR: the age must be reached by this day of the school year
    # (for example 31 August: "turns 18 during the school year").
    leeftijd_peil_dag = models.PositiveSmallIntegerField(
        _("minimum age reached by: day"), null=True, blank=True
    )
    leeftijd_peil_maand = models.PositiveSmallIntegerField(
        _("minimum age reached by: month"), null=True, blank=True
    )
    maximumleeftijd = models.PositiveSmallIntegerField(_("maximum learner age"), default=25)
    # R84 needs both for the premium.
    kwalificatieniveau = models.PositiveSmallIntegerField(
        _("qualification level (VKS)"), null=True, blank=True
    )
    werkplekaandeel_procent = models.PositiveSmallIntegerField(
        _("workplace share of the training time (%)"), null=True, blank=True
    )
    blokperiodes_toegestaan = models.BooleanField(
        _("full-time block periods at the workplace allowed"), default=False
    )
    # Employer formalities before the start (R71, R72).
    medisch_onderzoek_verplicht = models.BooleanField(
        _("medical examination before hiring, organised and paid by the employer"),
        default=False,
    )
    dimona_verplicht = models.BooleanField(
        _("Dimona ALT declared before the first working day"), default=True
    )
    toelichting = models.TextField(_("explanation for employers"), blank=True)

    class Meta:
        verbose_name = _("version of the programme's rules")
        verbose_name_plural = _("versions of the programme's rules")
        ordering = ["opleiding", "geldig_vanaf", "pk"]
        indexes = [models.Index(fields=["opleiding", "geldig_vanaf"], name="opleidingsregels_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimumleeftijd__lte=F("maximumleeftijd")),
                name="opleidingsregels_leeftijd",
            ),
            models.CheckConstraint(
                condition=Q(gemiddelde_werkplekuren__gt=0, gemiddelde_werkplekuren__lte=38),
                name="opleidingsregels_uren",
            ),
            models.CheckConstraint(
                condition=Q(werkplekaandeel_procent__isnull=True)
                | Q(werkplekaandeel_procent__lte=100),
                name="opleidingsregels_aandeel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opleiding_id} @ {self.geldig_vanaf}"


class Vooropleiding(models.Model):
    """A diploma or certificate that gives access to the programme; with several, one of them
    suffices. `bewijs` says what the coach records as evidence."""

    regels = models.ForeignKey(
        OpleidingsRegels,
        on_delete=models.CASCADE,
        related_name="vooropleidingen",
        verbose_name=_("programme rules"),
    )
    volgorde = models.PositiveSmallIntegerField(_("order"), default=1)
    naam = models.CharField(_("diploma or certificate"), max_length=300)
    bewijs = models.CharField(_("evidence the coach records"), max_length=300)

    class Meta:
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        ordering = ["regels", "volgorde", "pk"]

    def __str__(self) -> str:
        return self.naam


class OpleidingsFase(models.Model):
    """A phase of the training in one workplace context, in order, with its length and its
    own requirements. A programme without phases is one phase."""

    regels = models.ForeignKey(
        OpleidingsRegels,
        on_delete=models.CASCADE,
        related_name="fases",
        verbose_name=_("programme rules"),
    )
    volgorde = models.PositiveSmallIntegerField(_("order"))
    naam = models.CharField(_("name"), max_length=120)
    context = models.CharField(_("workplace context"), max_length=16, choices=FaseContext.choices)
    min_maanden = models.PositiveSmallIntegerField(_("minimum months"), null=True, blank=True)
    max_maanden = models.PositiveSmallIntegerField(_("maximum months"), null=True, blank=True)
    inschrijvingsnummer_vereist = models.BooleanField(
        _("registration number as care assistant required before this phase"), default=False
    )
    begeleide_dagen_eerste_maand = models.PositiveSmallIntegerField(
        _("supervised days in the first month (at least)"), default=0
    )
    # A required evaluation this many months after the phase starts: positive, or a
    # motivated report.
    evaluatie_na_maanden = models.PositiveSmallIntegerField(
        _("evaluation required after (months)"), null=True, blank=True
    )
    wekelijkse_feedback = models.BooleanField(
        _("weekly feedback by the mentor afterwards"), default=False
    )

    class Meta:
        verbose_name = _("phase of the programme")
        verbose_name_plural = _("phases of the programme")
        ordering = ["regels", "volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["regels", "volgorde"], name="opleidingsfase_uniek"),
            models.CheckConstraint(
                condition=Q(min_maanden__isnull=True)
                | Q(max_maanden__isnull=True)
                | Q(min_maanden__lte=F("max_maanden")),
                name="opleidingsfase_maanden",
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class TypeAlternatief(models.Model):
    """A named exception to the programme's fixed type (R55, R56): employers of these sectors,
    once the partnership confirmed their sector, may use this type instead."""

    regels = models.ForeignKey(
        OpleidingsRegels,
        on_delete=models.CASCADE,
        related_name="type_alternatieven",
        verbose_name=_("programme rules"),
    )
    soort = models.CharField(_("agreement type"), max_length=8, choices=Overeenkomsttype.choices)
    # A list of Sector values.
    sectoren = models.JSONField(_("sectors"), default=list)
    uren_per_week = models.DecimalField(
        _("workplace hours per week"), max_digits=4, decimal_places=1
    )
    naam = models.CharField(_("name of the arrangement"), max_length=200)

    class Meta:
        verbose_name = _("alternative agreement type")
        verbose_name_plural = _("alternative agreement types")
        ordering = ["regels", "pk"]

    def __str__(self) -> str:
        return self.naam


class ParitairComite(models.Model):
    """A joint committee and its full-time working week (data): the weekly maximum of a
    full-time block week at the workplace comes from the employer's committee."""

    nummer = models.CharField(_("number"), max_length=12, unique=True)
    naam = models.CharField(_("name"), max_length=200)
    wekelijkse_arbeidsduur = models.DecimalField(
        _("full-time working hours per week"), max_digits=4, decimal_places=2
    )

    class Meta:
        verbose_name = _("joint committee")
        verbose_name_plural = _("joint committees")
        ordering = ["nummer"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wekelijkse_arbeidsduur__gt=0, wekelijkse_arbeidsduur__lte=40),
                name="paritair_comite_uren",
            )
        ]

    def __str__(self) -> str:
        return f"PC {self.nummer} {self.naam}"


class SectorVerklaring(models.Model):
    """An employer declares its sector to a partnership; only a confirmed declaration opens
    a programme's contract-type alternative for that sector."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.CASCADE,
        related_name="sectorverklaringen",
        verbose_name=_("enterprise"),
    )
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.CASCADE,
        related_name="sectorverklaringen",
        verbose_name=_("partnership"),
    )
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices)
    verklaard_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
    )
    verklaard_op = models.DateTimeField(_("declared at"))
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    bevestigd_op = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    geweigerd_op = models.DateTimeField(_("refused at"), null=True, blank=True)
    weigering_reden = models.TextField(_("reason for refusal"), blank=True)

    objects = SectorVerklaringQuerySet.as_manager()

    class Meta:
        verbose_name = _("sector declaration")
        verbose_name_plural = _("sector declarations")
        ordering = ["-verklaard_op", "-pk"]
        indexes = [
            models.Index(fields=["onderneming", "partnerschap"], name="sectorverklaring_idx")
        ]

    def __str__(self) -> str:
        return f"{self.onderneming_id} {self.sector}"

    def get_absolute_url(self) -> str:
        return reverse("organisaties:sectorverklaring_detail", kwargs={"public_id": self.public_id})

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The enterprise declares; the partnership it declared to confirms or refuses. The
        permission tells which side acts (duaal/organisaties/sector.py)."""
        if permission == perms.ONDERNEMING_BEHEREN:
            return {self.onderneming_id}
        return {self.partnerschap_id}

    @property
    def bevestigd(self) -> bool:
        return self.bevestigd_op is not None

    @property
    def geweigerd(self) -> bool:
        return self.geweigerd_op is not None

    @property
    def open(self) -> bool:
        return self.bevestigd_op is None and self.geweigerd_op is None
