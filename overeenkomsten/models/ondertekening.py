"""Approval by every party, personal links for the learner, and the generated PDFs."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duaal.accounts import permissions as perms
from duaal.models import BaseModel
from duaal.uploads import private_naam
from overeenkomsten.constants import (
    PARTIJEN_MET_LINK,
    Bevestiging,
    GoedkeuringWijze,
    Partij,
    SchorsingReden,
)
from overeenkomsten.querysets import GoedkeuringQuerySet, PerOvereenkomstQuerySet


def scan_pad(instance: models.Model, filename: str) -> str:
    return private_naam("overeenkomsten/scans", filename)


def pdf_pad(instance: models.Model | None, filename: str) -> str:
    return f"overeenkomsten/pdf/{uuid.uuid4().hex}.pdf"


class Goedkeuring(BaseModel):
    """A party's approval of one version; a new version needs new approvals."""

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="goedkeuringen",
        verbose_name=_("agreement"),
    )
    versie = models.PositiveIntegerField(_("version"))
    partij = models.CharField(_("party"), max_length=20, choices=Partij.choices)
    wijze = models.CharField(
        _("how"), max_length=10, choices=GoedkeuringWijze.choices, default=GoedkeuringWijze.PORTAAL
    )
    naam = models.CharField(_("approved by (name)"), max_length=200)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    op = models.DateTimeField(_("approved at"))
    scan = models.FileField(_("signed scan"), upload_to=scan_pad, blank=True)
    # Nobody is bound without acting: a signature recorded for another party waits for that
    # party's confirmation (or the partnership's verification).
    bevestiging = models.CharField(
        _("confirmation"),
        max_length=16,
        choices=Bevestiging.choices,
        default=Bevestiging.EIGEN,
    )
    # Durable state for the sweep that asks the party to confirm (and for existing rows the
    # data migration marked): empty until the request went out.
    bevestiging_gevraagd_op = models.DateTimeField(
        _("confirmation requested at"), null=True, blank=True
    )
    bevestigd_op = models.DateTimeField(_("confirmed or disputed at"), null=True, blank=True)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed or disputed by"),
    )
    betwist_toelichting = models.TextField(_("why the party disputes it"), blank=True)

    objects = GoedkeuringQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["op"]
        constraints = [
            # A disputed (void) signature leaves room for the party's real approval.
            models.UniqueConstraint(
                fields=["overeenkomst", "versie", "partij"],
                condition=~Q(bevestiging="betwist"),
                name="goedkeuring_uniek",
            ),
            models.CheckConstraint(
                condition=Q(wijze="portaal") | ~Q(scan=""), name="goedkeuring_papier_met_scan"
            ),
            models.CheckConstraint(
                condition=Q(bevestiging__in=Bevestiging.values),
                name="goedkeuring_bevestiging_geldig",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(bevestiging="te_bevestigen", bevestiging_gevraagd_op__isnull=True),
                name="goedkeuring_te_vragen_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_partij_display()}: {self.naam}"

    @property
    def via_link(self) -> bool:
        """Given through the party's personal link: nobody logged in recorded it, and `naam`
        is the person the link was sent to (the learner or the legal representative)."""
        return (
            self.door_id is None
            and self.wijze == GoedkeuringWijze.PORTAAL
            and self.partij in PARTIJEN_MET_LINK
        )

    def acting_organisation_ids(self, permission: str) -> set[int]:
        """The employer answers a signature recorded in its name; the partnership competent
        for the programme (R12) verifies one; otherwise it follows its agreement."""
        overeenkomst = self.overeenkomst
        if permission == perms.HANDTEKENING_VERIFIEREN:
            return {overeenkomst.opleiding.partnerschap_id}
        if permission == perms.WERKGEVER_INSTEMMEN:
            return {overeenkomst.onderneming_id} if self.partij == Partij.WERKGEVER else set()
        return overeenkomst.acting_organisation_ids(permission)


class Uitnodiging(BaseModel):
    """A personal approval link for the learner or the legal representative (no account).

    The link carries a signed token naming this row; the row says whether it is still good.
    """

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="uitnodigingen",
        verbose_name=_("agreement"),
    )
    versie = models.PositiveIntegerField(_("version"))
    partij = models.CharField(_("party"), max_length=20, choices=Partij.choices)
    e_mail = models.EmailField(_("e-mail address"))
    geldig_tot = models.DateTimeField(_("valid until"))
    gebruikt_op = models.DateTimeField(_("used at"), null=True, blank=True)

    objects = PerOvereenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval link")
        verbose_name_plural = _("approval links")
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "versie", "partij"], name="uitnodiging_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_partij_display()} v{self.versie}"


class OvereenkomstDocument(BaseModel):
    """The model agreement as rendered for one version; every version is kept."""

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="documenten",
        verbose_name=_("agreement"),
    )
    versie = models.PositiveIntegerField(_("version"))
    bestand = models.FileField(_("file"), upload_to=pdf_pad)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    pagina_s = models.PositiveSmallIntegerField(_("pages"), default=0)
    # Once every party signed this version: the file above, byte for byte, with the record of
    # the approvals appended as an incremental update (services/kopie.py). The file above is
    # never rewritten after signing: it is what the parties approved.
    getekend_bestand = models.FileField(_("signed copy"), upload_to=pdf_pad, blank=True)
    getekend_sha256 = models.CharField(_("SHA-256 of the signed copy"), max_length=64, blank=True)

    objects = PerOvereenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")
        ordering = ["-versie"]
        constraints = [
            models.UniqueConstraint(fields=["overeenkomst", "versie"], name="document_per_versie")
        ]

    def __str__(self) -> str:
        return f"{self.overeenkomst} v{self.versie}"


class Schorsing(BaseModel):
    """A suspension of a running agreement (R73)."""

    overeenkomst = models.ForeignKey(
        "overeenkomsten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="schorsingen",
        verbose_name=_("agreement"),
    )
    reden = models.CharField(_("reason"), max_length=24, choices=SchorsingReden.choices)
    van = models.DateField(_("first day"))
    tot = models.DateField(_("last day"))
    toelichting = models.TextField(_("explanation"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    objects = PerOvereenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__gte=models.F("van")), name="schorsing_tot_na_van"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reden_display()} {self.van:%d/%m/%Y}–{self.tot:%d/%m/%Y}"

    @property
    def dagen(self) -> int:
        return (self.tot - self.van).days + 1
