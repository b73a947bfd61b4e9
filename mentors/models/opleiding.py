"""Mentor training per mentor and partnership, with its deadlines (R37-R39)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.models import BaseModel
from mentors.constants import OPLEIDING_OPEN, OpleidingStatus
from mentors.querysets import PerPartnerschapQuerySet

from .bewijs import bewijs_pad


class Mentoropleiding(BaseModel):
    mentor = models.ForeignKey(
        "mentors.Mentor",
        on_delete=models.PROTECT,
        related_name="opleidingen",
        verbose_name=_("mentor"),
    )
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partnership"),
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=OpleidingStatus.choices,
        default=OpleidingStatus.TE_VOLGEN,
    )
    plannen_uiterlijk_op = models.DateField(_("to be planned by"), null=True, blank=True)
    voltooien_uiterlijk_op = models.DateField(_("to be completed by"))
    gepland_op = models.DateField(_("planned for"), null=True, blank=True)
    gevolgd_op = models.DateField(_("completed on"), null=True, blank=True)
    certificaat = models.FileField(_("certificate"), upload_to=bewijs_pad, blank=True)
    vrijstelling_reden = models.TextField(_("reason for the exemption"), blank=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("last updated by"),
    )
    herinnering_verstuurd_op = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    achterstallig_sinds = models.DateField(_("overdue since"), null=True, blank=True)

    objects = PerPartnerschapQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor training")
        verbose_name_plural = _("mentor trainings")
        ordering = ["voltooien_uiterlijk_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "partnerschap"], name="mentoropleiding_uniek"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OpleidingStatus.values), name="mentoropleiding_status_geldig"
            ),
        ]
        indexes = [
            # The deadline sweeps only look at trainings still open.
            models.Index(
                fields=["voltooien_uiterlijk_op"],
                condition=Q(status__in=["te_volgen", "gepland"]),
                name="mentoropleiding_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.partnerschap}"

    @property
    def is_open(self) -> bool:
        return self.status in OPLEIDING_OPEN

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The employer plans and records the training; its partnership exempts (R39)."""
        if permission == perms.MENTOR_BEOORDELEN:
            return {self.partnerschap_id}
        return {self.mentor.onderneming_id}
