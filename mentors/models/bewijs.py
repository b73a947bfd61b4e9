"""Evidence: the criminal-record extract 596.2 (R35-R36) and exceptions with their proof (R34)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.models import BaseModel
from duaal.uploads import private_naam
from mentors.constants import UitzonderingSoort, UitzonderingStatus
from mentors.querysets import PerPartnerschapQuerySet, UittrekselQuerySet


def uittreksel_pad(instance: models.Model, filename: str) -> str:
    return private_naam("uittreksels", filename)


def bewijs_pad(instance: models.Model, filename: str) -> str:
    return private_naam("bewijs", filename)


class Uittreksel(BaseModel):
    mentor = models.ForeignKey(
        "mentors.Mentor",
        on_delete=models.PROTECT,
        related_name="uittreksels",
        verbose_name=_("mentor"),
    )
    uitgereikt_op = models.DateField(_("issued on"))
    bestand = models.FileField(_("file"), upload_to=uittreksel_pad, blank=True)
    opgeladen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by partnership"),
    )
    gecontroleerd_op = models.DateTimeField(_("checked at"), null=True, blank=True)
    gecontroleerd_door = models.CharField(_("checked by"), max_length=200, blank=True)
    verwijderen_na = models.DateField(_("file removed after"), null=True, blank=True)
    verwijderd_op = models.DateTimeField(_("file removed at"), null=True, blank=True)

    objects = UittrekselQuerySet.as_manager()

    class Meta:
        verbose_name = _("criminal-record extract (596.2)")
        verbose_name_plural = _("criminal-record extracts (596.2)")
        ordering = ["-uitgereikt_op", "-pk"]
        indexes = [
            # The purge sweep: checked extracts whose file is still there.
            models.Index(
                fields=["verwijderen_na"],
                condition=Q(verwijderd_op__isnull=True, verwijderen_na__isnull=False),
                name="uittreksel_purge_idx",
            )
        ]

    def __str__(self) -> str:
        return f"596.2 {self.mentor} {self.uitgereikt_op:%d/%m/%Y}"

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The employer uploads; the partnership that checked the extract, or before the check
        any partnership reviewing one of the mentor's designations, checks it (S7)."""
        if permission == perms.MENTOR_BEOORDELEN:
            if self.partnerschap_id is not None:
                return {self.partnerschap_id}
            return self.mentor.acting_organisation_ids(permission)
        return {self.mentor.onderneming_id}


class Uitzondering(BaseModel):
    """An exception on age or experience, on a 'bewijs van vooropleiding' (R34)."""

    mentor = models.ForeignKey(
        "mentors.Mentor",
        on_delete=models.PROTECT,
        related_name="uitzonderingen",
        verbose_name=_("mentor"),
    )
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partnership"),
    )
    soort = models.CharField(_("exception"), max_length=16, choices=UitzonderingSoort.choices)
    bewijs = models.FileField(_("proof of prior education"), upload_to=bewijs_pad)
    toelichting = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=UitzonderingStatus.choices,
        default=UitzonderingStatus.AANGEVRAAGD,
    )
    motivatie = models.TextField(_("motivation of the decision"), blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    beslist_op = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = PerPartnerschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor exception")
        verbose_name_plural = _("mentor exceptions")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=UitzonderingStatus.values), name="uitzondering_status_geldig"
            ),
            # One open request per mentor, partnership and kind.
            models.UniqueConstraint(
                fields=["mentor", "partnerschap", "soort"],
                condition=Q(status="aangevraagd"),
                name="uitzondering_een_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} – {self.mentor}"

    def get_absolute_url(self) -> str:
        return reverse("mentors:uitzondering_detail", kwargs={"public_id": self.public_id})

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The partnership asked decides (R34); the employer is the one who asked."""
        if permission == perms.MENTOR_BEOORDELEN:
            return {self.partnerschap_id}
        return {self.mentor.onderneming_id}
