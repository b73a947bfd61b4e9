"""Learners of a school: identity, screening (R46-R47) and the 20-training-day window (R48)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.insz import insz_masker, validate_insz
from duaal.models import BaseModel
from duaal.organisaties.models import Adres
from overeenkomsten.constants import Advies, AdviesDoor, LeerlingStatus, Situatie
from overeenkomsten.querysets import LeerlingQuerySet


class Leerling(BaseModel, Adres):
    onderwijsinstelling = models.ForeignKey(
        "organisaties.Onderwijsinstelling",
        on_delete=models.PROTECT,
        related_name="leerlingen",
        verbose_name=_("training provider"),
    )
    trajectbegeleider = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("trajectory coach"),
    )
    voornaam = models.CharField(_("first name"), max_length=100)
    achternaam = models.CharField(_("last name"), max_length=100)
    # Stored once, never in a URL or log line; shown masked (S7).
    insz = models.CharField(
        _("national register number (INSZ)"), max_length=11, validators=[validate_insz]
    )
    geboortedatum = models.DateField(_("date of birth"))
    e_mail = models.EmailField(
        _("e-mail address of the learner"),
        help_text=_("The learner approves the agreement through a link sent here."),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.PROTECT,
        related_name="leerlingen",
        verbose_name=_("programme"),
    )
    start_lessen = models.DateField(_("start of lessons"))
    situatie = models.CharField(
        _("situation for the learning allowance"),
        max_length=1,
        choices=Situatie.choices,
        default=Situatie.A,
    )
    # R59/R61: the legal representative signs for a minor.
    vertegenwoordiger_naam = models.CharField(
        _("name of the legal representative"), max_length=200, blank=True
    )
    vertegenwoordiger_e_mail = models.EmailField(
        _("e-mail address of the legal representative"), blank=True
    )

    advies = models.CharField(
        _("advice on readiness and willingness"),
        max_length=16,
        choices=Advies.choices,
        default=Advies.GEEN,
    )
    advies_door = models.CharField(
        _("advice given by"), max_length=20, choices=AdviesDoor.choices, blank=True
    )
    advies_toelichting = models.TextField(_("advice explained"), blank=True)
    status = models.CharField(
        _("status"), max_length=24, choices=LeerlingStatus.choices, default=LeerlingStatus.AANGEMELD
    )
    # The workplace the company chose the learner for after its intake interview (R48).
    werkplek = models.ForeignKey(
        "organisaties.Vestiging",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("workplace"),
    )
    intake_op = models.DateField(_("intake interview on"), null=True, blank=True)
    # Home care: the registration number as care assistant, requested by the home-care
    # service; a phase may require it before it starts.
    inschrijvingsnummer_verzorgende = models.CharField(
        _("registration number as care assistant"), max_length=32, blank=True, db_default=""
    )

    # R48: the agreement must be signed by this date; empty while an agreement is signed.
    overeenkomst_uiterlijk = models.DateField(_("agreement due by"), null=True, blank=True)
    termijn_herinnerd_op = models.DateTimeField(_("coach reminded at"), null=True, blank=True)
    termijn_verstreken_op = models.DateTimeField(_("flagged overdue at"), null=True, blank=True)

    objects = LeerlingQuerySet.as_manager()

    class Meta:
        verbose_name = _("learner")
        verbose_name_plural = _("learners")
        ordering = ["achternaam", "voornaam", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["onderwijsinstelling", "insz"], name="leerling_uniek_per_school"
            ),
            models.CheckConstraint(
                condition=Q(status__in=LeerlingStatus.values), name="leerling_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(advies__in=Advies.values), name="leerling_advies_geldig"
            ),
        ]
        indexes = [
            models.Index(
                fields=["overeenkomst_uiterlijk"],
                condition=Q(overeenkomst_uiterlijk__isnull=False),
                name="leerling_termijn_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.voornaam} {self.achternaam}"

    def get_absolute_url(self) -> str:
        return reverse("overeenkomsten:leerling_detail", kwargs={"public_id": self.public_id})

    @property
    def insz_gemaskeerd(self) -> str:
        return insz_masker(self.insz)

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The learner's school acts on the learner: its coach registers, screens, approves,
        proposes and drafts the agreement (R44-R48, R61). An employer acts on a learner only
        through a proposal or an agreement, never on the dossier."""
        return {self.onderwijsinstelling_id}


class LeerlingVooropleiding(models.Model):
    """The coach records which prerequisite of the programme the learner holds, with the
    evidence the programme asks for."""

    leerling = models.ForeignKey(
        Leerling,
        on_delete=models.CASCADE,
        related_name="vooropleidingen",
        verbose_name=_("learner"),
    )
    vooropleiding = models.ForeignKey(
        "organisaties.Vooropleiding",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prerequisite"),
    )
    bewijs = models.CharField(_("evidence"), max_length=300)
    behaald_op = models.DateField(_("obtained on"), null=True, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    geregistreerd_op = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("prerequisite held")
        verbose_name_plural = _("prerequisites held")
        ordering = ["leerling", "pk"]

    def __str__(self) -> str:
        return f"{self.leerling_id}: {self.vooropleiding_id}"
