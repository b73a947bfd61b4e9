"""Dated versions of a partnership's rules: its admin changes them in the portal, and every
file keeps the version of its own date (the submission, the sending, the recognition)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import AuditVerb


class CriteriaVersie(models.Model):
    """One change of a partnership's criteria set, from `geldig_vanaf` on.

    The criteria rows carry their own validity (Criterium.geldig_vanaf/geldig_tot); this row
    dates the change as a whole, names who made it and gives the version its number."""

    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.CASCADE,
        related_name="criteriaversies",
        verbose_name=_("partnership"),
    )
    geldig_vanaf = models.DateTimeField(_("in force from"))
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )
    # The audit verb of the change (AuditVerb.CRITERIUM_*), whose label the history shows.
    wijziging = models.CharField(_("kind of change"), max_length=40)
    samenvatting = models.CharField(_("criterion"), max_length=300)

    class Meta:
        verbose_name = _("version of the recognition criteria")
        verbose_name_plural = _("versions of the recognition criteria")
        ordering = ["partnerschap", "geldig_vanaf", "pk"]
        indexes = [models.Index(fields=["partnerschap", "geldig_vanaf"], name="criteriaversie_idx")]

    def __str__(self) -> str:
        return f"{self.partnerschap_id} @ {self.geldig_vanaf:%Y-%m-%d %H:%M}"

    @property
    def wijziging_label(self) -> str:
        return str(AuditVerb(self.wijziging).label)


class PartnerschapRegels(models.Model):
    """The partnership's mentor cap, training deadline and escalation address from
    `geldig_vanaf` on. Before its first row, the Partnerschap's own fields are in force."""

    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.CASCADE,
        related_name="regelversies",
        verbose_name=_("partnership"),
    )
    geldig_vanaf = models.DateTimeField(_("in force from"), null=True, blank=True)
    max_leerlingen_per_mentor = models.PositiveSmallIntegerField(
        _("maximum learners per mentor"),
        help_text=_("Applies to agreements sent from now on; running agreements keep theirs."),
    )
    mentoropleiding_termijn_maanden = models.PositiveSmallIntegerField(
        _("mentor training deadline (months)"),
        help_text=_("Months from the start of a mentor's training clock to complete it."),
    )
    escalatie_e_mail = models.EmailField(
        _("escalation address"),
        blank=True,
        help_text=_(
            "Also receives the escalation when a decision term lapses, besides the "
            "partnership administrators. Leave empty if not needed."
        ),
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("version of the partnership's rules")
        verbose_name_plural = _("versions of the partnership's rules")
        ordering = ["partnerschap", "geldig_vanaf", "pk"]
        indexes = [models.Index(fields=["partnerschap", "geldig_vanaf"], name="regelversie_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_leerlingen_per_mentor__gte=1), name="regels_max_leerlingen_pos"
            ),
            models.CheckConstraint(
                condition=Q(mentoropleiding_termijn_maanden__gte=1), name="regels_termijn_pos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnerschap_id} @ {self.geldig_vanaf}"
