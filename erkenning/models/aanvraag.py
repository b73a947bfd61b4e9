"""The application for recognition per establishment x programme (R1), its answers and files."""

from collections.abc import Collection, Iterator

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.models import BaseModel
from duaal.uploads import private_naam
from erkenning.constants import AanvraagSoort, AanvraagStatus
from erkenning.querysets import AanvraagQuerySet, MachtigingQuerySet


def document_pad(instance: models.Model, filename: str) -> str:
    return private_naam("aanvragen", filename)


class Machtiging(BaseModel):
    """A mandate: a school or partnership may file applications for the enterprise (R4) and,
    with the learners scope, a school may match learners and draft agreements with it."""

    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.PROTECT,
        related_name="machtigingen",
        verbose_name=_("enterprise"),
    )
    gemachtigde = models.ForeignKey(
        "organisaties.Organisatie",
        on_delete=models.PROTECT,
        related_name="ontvangen_machtigingen",
        verbose_name=_("mandated organisation"),
    )
    verleend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("granted by"),
    )
    ingetrokken_op = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # The scope, as two flags: one running mandate per enterprise and organisation may cover
    # both, and each guard asks one indexed condition. Applications is the meaning of R4;
    # learners and agreements lets a school match learners and draft agreements without the
    # employer accepting each proposal.
    voor_aanvragen = models.BooleanField(_("applications for recognition"), default=True)
    voor_leerlingen = models.BooleanField(_("learners and agreements"), default=False)

    objects = MachtigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        constraints = [
            models.UniqueConstraint(
                fields=["onderneming", "gemachtigde"],
                condition=Q(ingetrokken_op__isnull=True),
                name="machtiging_een_lopende",
            ),
            models.CheckConstraint(
                condition=Q(voor_aanvragen=True) | Q(voor_leerlingen=True),
                name="machtiging_reikwijdte_gekozen",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.onderneming} → {self.gemachtigde}"

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The enterprise grants and revokes its mandates (R4)."""
        return {self.onderneming_id}


class Indieners(Collection[int]):
    """Who files for an enterprise (R4): the enterprise itself and every organisation holding
    its live mandate for applications. Lazy: asking whether the enterprise itself is in it
    costs no query; the mandates are looked up once, when another organisation is asked."""

    def __init__(self, onderneming_id: int) -> None:
        self.onderneming_id = onderneming_id
        self._gemachtigden: set[int] | None = None

    def gemachtigden(self) -> set[int]:
        if self._gemachtigden is None:
            self._gemachtigden = set(
                Machtiging.objects.filter(
                    onderneming_id=self.onderneming_id,
                    ingetrokken_op__isnull=True,
                    voor_aanvragen=True,
                ).values_list("gemachtigde_id", flat=True)
            )
        return self._gemachtigden

    def __contains__(self, organisatie_id: object) -> bool:
        return organisatie_id == self.onderneming_id or organisatie_id in self.gemachtigden()

    def __iter__(self) -> Iterator[int]:
        return iter({self.onderneming_id} | self.gemachtigden())

    def __len__(self) -> int:
        return len({self.onderneming_id} | self.gemachtigden())

    def acting_organisation_ids(self, permission: str) -> Collection[int]:
        """Starting a file: no application exists yet, the enterprise's filers act."""
        return self


class Aanvraag(BaseModel):
    onderneming = models.ForeignKey(
        "organisaties.Onderneming",
        on_delete=models.PROTECT,
        related_name="aanvragen",
        verbose_name=_("enterprise"),
    )
    vestiging = models.ForeignKey(
        "organisaties.Vestiging",
        on_delete=models.PROTECT,
        related_name="aanvragen",
        verbose_name=_("establishment"),
    )
    opleiding = models.ForeignKey(
        "organisaties.Opleiding",
        on_delete=models.PROTECT,
        related_name="aanvragen",
        verbose_name=_("programme"),
    )
    # Routed automatically to the partnership competent for the programme (R12).
    partnerschap = models.ForeignKey(
        "organisaties.Partnerschap",
        on_delete=models.PROTECT,
        related_name="aanvragen",
        verbose_name=_("competent partnership"),
    )
    soort = models.CharField(
        _("kind"), max_length=20, choices=AanvraagSoort.choices, default=AanvraagSoort.NIEUW
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AanvraagStatus.choices, default=AanvraagStatus.ONTWERP
    )
    vorige_erkenning = models.ForeignKey(
        "erkenning.Erkenning",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="vervolgaanvragen",
        verbose_name=_("previous recognition"),
    )
    mentoren = models.ManyToManyField(
        "mentors.Mentor", blank=True, related_name="aanvragen", verbose_name=_("mentors")
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Filed under a mandate by a school or partnership (R4): the employer sees who filed.
    ingediend_namens = models.ForeignKey(
        "organisaties.Organisatie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed under mandate by"),
    )
    verklaring_op_eer_op = models.DateTimeField(
        _("declaration on honour signed at"), null=True, blank=True
    )
    verklaring_op_eer_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declaration signed by"),
    )
    ingediend_op = models.DateTimeField(_("submitted at"), null=True, blank=True)
    ontbrekend = models.TextField(_("information requested"), blank=True)
    # The clock (R16): runs from the day the file is complete; stored, indexed (design.md 4).
    volledig_op = models.DateField(_("complete since"), null=True, blank=True)
    beslissing_uiterlijk_op = models.DateField(_("decision due"), null=True, blank=True)
    herinnering_verstuurd_op = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    geescaleerd_op = models.DateTimeField(_("escalated at"), null=True, blank=True)
    plaatsbezoek_op = models.DateField(_("site visit on"), null=True, blank=True)
    plaatsbezoek_verslag = models.TextField(_("site visit notes"), blank=True)
    beslist_op = models.DateTimeField(_("decided at"), null=True, blank=True)
    beslist_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    motivering = models.TextField(_("motivation of the decision"), blank=True)
    # A refusal's appeal term runs from the day its notice counts as received (R27), stored
    # with the term so that a later reading of "received" leaves told deadlines alone.
    kennisgeving_ontvangen_op = models.DateField(_("notice received on"), null=True, blank=True)
    beroep_uiterlijk_op = models.DateField(_("appeal possible until"), null=True, blank=True)

    objects = AanvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AanvraagStatus.values), name="aanvraag_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(soort__in=AanvraagSoort.values), name="aanvraag_soort_geldig"
            ),
            # The clock runs only on a complete file (R16).
            models.CheckConstraint(
                condition=Q(beslissing_uiterlijk_op__isnull=True) | Q(volledig_op__isnull=False),
                name="aanvraag_termijn_na_volledig",
            ),
        ]
        indexes = [
            # The deadline sweeps: complete files, by due date.
            models.Index(
                fields=["beslissing_uiterlijk_op"],
                condition=Q(status="volledig"),
                name="aanvraag_open_termijn_idx",
            ),
            models.Index(fields=["partnerschap", "status"], name="aanvraag_wachtrij_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.opleiding} – {self.vestiging}"

    def get_absolute_url(self) -> str:
        return reverse("erkenning:aanvraag_detail", kwargs={"public_id": self.public_id})

    @property
    def referentie(self) -> str:
        """A short reference to quote to the partnership, stable for the file's life: the
        first 8 hex digits of its public id (unique among millions of files in practice;
        the full id stays the key)."""
        return f"A-{self.public_id.hex[:8].upper()}"

    def acting_organisation_ids(self, permission: str) -> Collection[int]:
        """The partnership the file is routed to reviews and decides it (R12); the enterprise
        and the organisations it mandated for applications file it (R4); the enterprise alone
        signs the declaration on honour and appeals the refusal (R4, R28)."""
        if permission == perms.AANVRAAG_BEOORDELEN:
            return {self.partnerschap_id}
        if permission == perms.AANVRAAG_INDIENEN:
            if "_indieners" not in self.__dict__:  # one mandate lookup per loaded file
                self.__dict__["_indieners"] = Indieners(self.onderneming_id)
            return self.__dict__["_indieners"]
        return {self.onderneming_id}


class CriteriumAntwoord(models.Model):
    """The employer's answer to one recognition criterion of the partnership (R7)."""

    aanvraag = models.ForeignKey(
        Aanvraag, on_delete=models.CASCADE, related_name="antwoorden", verbose_name=_("application")
    )
    criterium = models.ForeignKey(
        "organisaties.Criterium",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("criterion"),
    )
    voldaan = models.BooleanField(_("the enterprise meets this criterion"), default=False)
    toelichting = models.TextField(_("explanation"), blank=True)

    class Meta:
        verbose_name = _("answer to a criterion")
        verbose_name_plural = _("answers to criteria")
        constraints = [
            models.UniqueConstraint(fields=["aanvraag", "criterium"], name="antwoord_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.criterium}: {'✓' if self.voldaan else '✗'}"


class AanvraagDocument(BaseModel):
    """A document uploaded against a criterion, once per mentor where the partnership asks (R8)."""

    aanvraag = models.ForeignKey(
        Aanvraag, on_delete=models.CASCADE, related_name="documenten", verbose_name=_("application")
    )
    vereist = models.ForeignKey(
        "organisaties.CriteriumDocument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("required document"),
    )
    mentor = models.ForeignKey(
        "mentors.Mentor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("mentor"),
    )
    bestand = models.FileField(_("file"), upload_to=document_pad)
    opgeladen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return str(self.vereist)
