"""A school's proposal of a learner to a workplace, which the employer accepts or refuses: the
company chooses the learner (R48), so no school binds an employer that did nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.models import BaseModel
from duaal.organisaties.constants import OrganisatieSoort
from overeenkomsten.constants import VoorstelStatus

if TYPE_CHECKING:
    from duaal.accounts.actor import Actor


class VoorstelQuerySet(models.QuerySet):
    def visible_to(self, actor: Actor) -> Self:
        """The school sees the proposals it made; the enterprise those addressed to it. A
        proposal to a number that named no recognised workplace reaches nobody (no enterprise)."""
        soort = actor.organisatie_soort
        if soort == OrganisatieSoort.ONDERWIJSINSTELLING:
            return self.filter(onderwijsinstelling_id=actor.organisatie_id)
        if soort == OrganisatieSoort.ONDERNEMING:
            return self.filter(onderneming_id=actor.organisatie_id)
        return self.none()


class Voorstel(BaseModel):
    leerling = models.ForeignKey(
        "overeenkomsten.Leerling",
        on_delete=models.PROTECT,
        related_name="voorstellen",
        verbose_name=_("learner"),
    )
    onderwijsinstelling = models.ForeignKey(
        "organisaties.Onderwijsinstelling",
        on_delete=models.PROTECT,
        related_name="voorstellen",
        verbose_name=_("training provider"),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme"),
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    # Empty when the typed number named no recognised workplace: the proposal then reaches
    # nobody and lapses, and the coach sees the same "proposal sent" either way.
    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voorstellen",
        verbose_name=_("enterprise"),
    )
    # Empty for a proposal to the enterprise (KBO number): the employer picks it on accepting.
    vestiging = models.ForeignKey(
        "organisaties.Vestiging",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voorstellen",
        verbose_name=_("establishment"),
    )
    # The number the coach typed for a workplace that is not listed; shown back instead of a
    # name until the employer answers.
    nummer = models.CharField(_("number typed"), max_length=10, blank=True)
    bericht = models.TextField(_("message to the employer"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=VoorstelStatus.choices,
        default=VoorstelStatus.VOORGESTELD,
    )
    # R48: the proposal lapses with the learner's 20-training-day window.
    vervalt_op = models.DateField(_("lapses after"))
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    beantwoord_op = models.DateTimeField(_("answered at"), null=True, blank=True)
    reden = models.TextField(_("reason for refusing"), blank=True)

    objects = VoorstelQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VoorstelStatus.values), name="voorstel_status_geldig"
            ),
            models.CheckConstraint(
                condition=~Q(status=VoorstelStatus.GEWEIGERD) | ~Q(reden=""),
                name="voorstel_weigering_met_reden",
            ),
            models.CheckConstraint(
                condition=~Q(status=VoorstelStatus.AANVAARD) | Q(vestiging__isnull=False),
                name="voorstel_aanvaard_met_vestiging",
            ),
            # One open proposal per learner and enterprise: the employer answers it once.
            models.UniqueConstraint(
                fields=["leerling", "onderneming"],
                condition=Q(status=VoorstelStatus.VOORGESTELD),
                name="voorstel_een_open_per_werkgever",
            ),
        ]
        indexes = [
            # The lapse sweep selects open proposals by their deadline.
            models.Index(
                fields=["vervalt_op"],
                condition=Q(status=VoorstelStatus.VOORGESTELD),
                name="voorstel_open_termijn_idx",
            ),
            # The employer's list and dashboard: open proposals addressed to it.
            models.Index(fields=["onderneming", "status"], name="voorstel_werkgever_idx"),
            # The consent guards: an accepted proposal for this learner and establishment.
            models.Index(fields=["leerling", "vestiging", "status"], name="voorstel_match_idx"),
        ]

    def __str__(self) -> str:
        return _("Proposal of %(leerling)s") % {"leerling": self.leerling}

    def get_absolute_url(self) -> str:
        return reverse("overeenkomsten:voorstel_detail", kwargs={"public_id": self.public_id})

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The employer answers the proposal addressed to it (nobody answers one that reaches
        no enterprise); the proposing school withdraws it."""
        if permission == perms.WERKGEVER_INSTEMMEN:
            return {self.onderneming_id} if self.onderneming_id else set()
        return {self.onderwijsinstelling_id}
