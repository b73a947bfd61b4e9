"""Legal parameters the platform admin maintains as dated data (domain.md section 9)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Ggmmi(models.Model):
    """The guaranteed average minimum monthly income in force from a date (R66)."""

    geldig_vanaf = models.DateField(_("in force from"), unique=True)
    bedrag = models.DecimalField(_("amount (EUR per month)"), max_digits=8, decimal_places=2)
    bron = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("GGMMI (guaranteed minimum monthly income)")
        verbose_name_plural = _("GGMMI index table")
        ordering = ["-geldig_vanaf"]
        constraints = [models.CheckConstraint(condition=Q(bedrag__gt=0), name="ggmmi_positief")]

    def __str__(self) -> str:
        return f"{self.bedrag} € ({self.geldig_vanaf:%d/%m/%Y})"
