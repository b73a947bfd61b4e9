"""The school holidays of the Flemish school calendar, dated data the platform admin keeps."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Schoolvakantie(models.Model):
    """A school holiday of the Flemish school calendar: no training days (R48, R79)."""

    naam = models.CharField(_("name"), max_length=100)
    van = models.DateField(_("first day"))
    tot = models.DateField(_("last day"))

    class Meta:
        verbose_name = _("school holiday")
        verbose_name_plural = _("school holidays")
        ordering = ["van"]
        constraints = [
            models.CheckConstraint(condition=Q(tot__gte=F("van")), name="schoolvakantie_tot_na_van")
        ]

    def __str__(self) -> str:
        return f"{self.naam} {self.van:%d/%m/%Y}–{self.tot:%d/%m/%Y}"
