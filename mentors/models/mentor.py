"""One record per mentor per enterprise, designated to establishments x programmes."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.insz import insz_masker, validate_insz
from duaal.models import BaseModel
from mentors.constants import ToewijzingStatus
from mentors.querysets import MentorQuerySet, ToewijzingQuerySet


class Mentor(BaseModel):
    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.PROTECT,
        related_name="mentoren",
        verbose_name=_("enterprise"),
    )
    voornaam = models.CharField(_("first name"), max_length=100)
    achternaam = models.CharField(_("last name"), max_length=100)
    # Stored once, never in a URL or log line; shown masked (S7).
    insz = models.CharField(
        _("national register number (INSZ)"), max_length=11, validators=[validate_insz]
    )
    geboortedatum = models.DateField(_("date of birth"))
    functie = models.CharField(_("job title"), max_length=150)
    jaren_ervaring = models.PositiveSmallIntegerField(
        _("years of practical experience in the occupation")
    )
    e_mail = models.EmailField(_("e-mail address"), blank=True)
    telefoon = models.CharField(_("telephone"), max_length=30, blank=True)

    objects = MentorQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["achternaam", "voornaam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["onderneming", "insz"], name="mentor_uniek_per_onderneming"
            )
        ]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    def get_absolute_url(self) -> str:
        return reverse("mentors:mentor_detail", kwargs={"public_id": self.public_id})

    @property
    def insz_gemaskeerd(self) -> str:
        return insz_masker(self.insz)

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The employer keeps its own register; a review of the mentor belongs to the
        partnerships its designations' programmes are routed to."""
        if permission == perms.MENTOR_BEOORDELEN:
            return set(
                MentorToewijzing.objects.filter(mentor_id=self.pk).values_list(
                    "opleiding__partnerschap_id", flat=True
                )
            )
        return {self.onderneming_id}


class MentorToewijzing(BaseModel):
    """A mentor designated for a programme at an establishment (R1, R21, R43)."""

    mentor = models.ForeignKey(
        Mentor, on_delete=models.PROTECT, related_name="toewijzingen", verbose_name=_("mentor")
    )
    vestiging = models.ForeignKey(
        "organisaties.Vestiging",
        on_delete=models.PROTECT,
        related_name="mentortoewijzingen",
        verbose_name=_("establishment"),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.PROTECT,
        related_name="mentortoewijzingen",
        verbose_name=_("programme"),
    )
    aangesteld_op = models.DateField(_("designated on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ToewijzingStatus.choices,
        default=ToewijzingStatus.VOORGESTELD,
    )
    actief = models.BooleanField(_("active"), default=True)
    motivatie = models.TextField(_("motivation of the decision"), blank=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    beslist_op = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = ToewijzingQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentor designation")
        verbose_name_plural = _("mentor designations")
        ordering = ["-aangesteld_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "vestiging", "opleiding"], name="toewijzing_uniek"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ToewijzingStatus.values), name="toewijzing_status_geldig"
            ),
        ]
        indexes = [
            models.Index(fields=["vestiging", "opleiding"], name="toewijzing_plaats_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.opleiding} – {self.vestiging}"

    def get_absolute_url(self) -> str:
        return reverse("mentors:toewijzing_detail", kwargs={"public_id": self.public_id})

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The partnership the programme is routed to decides (R21); the employer manages
        (deactivates, reactivates) its own mentor's designations."""
        if permission == perms.MENTOR_BEOORDELEN:
            return {self.opleiding.partnerschap_id}
        return {self.mentor.onderneming_id}
