"""Recognitions (R1, R19), sanctions (R23-R26) and appeals (R27-R29)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.models import BaseModel
from erkenning.constants import LOPEND, BeroepStatus, ErkenningStatus, SanctieSoort
from erkenning.querysets import ErkenningQuerySet, PerOndernemingEnPartnerschapQuerySet


class Erkenning(BaseModel):
    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.PROTECT,
        related_name="erkenningen",
        verbose_name=_("enterprise"),
    )
    vestiging = models.ForeignKey(
        "organisaties.Vestiging",
        on_delete=models.PROTECT,
        related_name="erkenningen",
        verbose_name=_("establishment"),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.PROTECT,
        related_name="erkenningen",
        verbose_name=_("programme"),
    )
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.PROTECT,
        related_name="erkenningen",
        verbose_name=_("partnership"),
    )
    aanvraag = models.OneToOneField(
        "erkenning.Aanvraag",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="erkenning",
        verbose_name=_("application"),
    )
    status = models.CharField(
        _("status"), max_length=24, choices=ErkenningStatus.choices, default=ErkenningStatus.ACTIEF
    )
    geldig_van = models.DateField(_("valid from"))
    geldig_tot = models.DateField(_("valid until"))
    beeindigd_op = models.DateTimeField(_("ended at"), null=True, blank=True)
    # The last renewal reminder sent, in days before valid_until (180, 90, 30): idempotent sweep.
    hernieuwing_herinnerd = models.PositiveSmallIntegerField(
        _("renewal reminder sent (days before)"), null=True, blank=True
    )
    publiek_zichtbaar = models.BooleanField(
        _("show in the public search"),
        default=False,
        help_text=_("Learners and schools can find this workplace."),
    )
    plaatsen_beschikbaar = models.BooleanField(_("places available"), default=False)

    objects = ErkenningQuerySet.as_manager()

    class Meta:
        verbose_name = _("recognition")
        verbose_name_plural = _("recognitions")
        ordering = ["-geldig_van", "-pk"]
        constraints = [
            # R5 (quality.md): one running recognition per establishment x programme.
            models.UniqueConstraint(
                fields=["vestiging", "opleiding"],
                condition=Q(status__in=LOPEND),
                name="erkenning_een_lopende",
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__gt=F("geldig_van")), name="erkenning_geldig_tot_na_van"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ErkenningStatus.values), name="erkenning_status_geldig"
            ),
        ]
        indexes = [
            # The expiry and renewal sweeps select running recognitions by valid_until.
            models.Index(
                fields=["geldig_tot"],
                condition=Q(status__in=LOPEND),
                name="erkenning_lopend_tot_idx",
            ),
            models.Index(fields=["opleiding", "status"], name="erkenning_opleiding_idx"),
            # The mentor sweep (R43) looks up the few recognitions without a valid mentor
            # every few minutes.
            models.Index(
                fields=["vestiging", "opleiding"],
                condition=Q(status=ErkenningStatus.ZONDER_GELDIGE_MENTOR),
                name="erkenning_zonder_mentor_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opleiding} – {self.vestiging}"

    def get_absolute_url(self) -> str:
        return reverse("erkenning:erkenning_detail", kwargs={"public_id": self.public_id})

    @property
    def is_lopend(self) -> bool:
        return self.status in LOPEND

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The partnership that granted it imposes measures on it (R23-R24); the enterprise
        manages its publication and renews it (R3, R20)."""
        if permission == perms.SANCTIE_OPLEGGEN:
            return {self.partnerschap_id}
        return {self.onderneming_id}


class Sanctie(BaseModel):
    soort = models.CharField(_("measure"), max_length=32, choices=SanctieSoort.choices)
    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.PROTECT,
        related_name="sancties",
        verbose_name=_("enterprise"),
    )
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.PROTECT,
        related_name="sancties",
        verbose_name=_("partnership"),
    )
    erkenning = models.ForeignKey(
        Erkenning,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sancties",
        verbose_name=_("recognition"),
    )
    vestiging = models.ForeignKey(
        "organisaties.Vestiging",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("establishment"),
    )
    mentor = models.ForeignKey(
        "mentors.Mentor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sancties",
        verbose_name=_("mentor"),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme"),
    )
    motivering = models.TextField(_("motivation"))
    opgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("imposed by"),
    )
    opgelegd_op = models.DateTimeField(_("imposed at"))
    tot = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: definitive."))
    # The appeal term runs from the day the notice counts as received (R27).
    kennisgeving_ontvangen_op = models.DateField(_("notice received on"), null=True, blank=True)
    beroep_uiterlijk_op = models.DateField(_("appeal possible until"), null=True, blank=True)
    # The recognitions this sanction ended, so an upheld appeal can restore exactly those.
    getroffen_erkenningen = models.ManyToManyField(
        Erkenning, blank=True, related_name="+", verbose_name=_("recognitions ended")
    )

    objects = PerOndernemingEnPartnerschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["-opgelegd_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort__in=SanctieSoort.values), name="sanctie_soort_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} – {self.onderneming}"

    def get_absolute_url(self) -> str:
        return reverse("erkenning:sanctie_detail", kwargs={"public_id": self.public_id})

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """Only the enterprise concerned appeals a sanction (R28)."""
        if permission == perms.BEROEP_INDIENEN:
            return {self.onderneming_id}
        return {self.partnerschap_id}


class Beroep(BaseModel):
    """An appeal against a refusal or a sanction, to VPDL's appeal committee (R27-R29)."""

    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.PROTECT,
        related_name="beroepen",
        verbose_name=_("enterprise"),
    )
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.PROTECT,
        related_name="beroepen",
        verbose_name=_("partnership that decided"),
    )
    aanvraag = models.ForeignKey(
        "erkenning.Aanvraag",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beroepen",
        verbose_name=_("refused application"),
    )
    sanctie = models.ForeignKey(
        Sanctie,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="beroepen",
        verbose_name=_("sanction"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=BeroepStatus.choices, default=BeroepStatus.INGEDIEND
    )
    motivering = models.TextField(_("motivated request for review"))
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lodged by"),
    )
    ingediend_op = models.DateTimeField(_("lodged at"))
    ontvangst_bevestigd_op = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    uitkomst_motivering = models.TextField(_("motivation of the outcome"), blank=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("handled by"),
    )
    behandeld_op = models.DateTimeField(_("handled at"), null=True, blank=True)

    objects = PerOndernemingEnPartnerschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-ingediend_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BeroepStatus.values), name="beroep_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(aanvraag__isnull=False) | Q(sanctie__isnull=False),
                name="beroep_heeft_onderwerp",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Appeal')} – {self.onderneming}"

    def get_absolute_url(self) -> str:
        return reverse("erkenning:beroep_detail", kwargs={"public_id": self.public_id})
