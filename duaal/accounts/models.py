"""Users log in with their e-mail address and act for one organisation at a time."""

import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duaal.insz import insz_masker, validate_insz
from duaal.models import BaseModel
from duaal.organisaties.models import Organisatie

from .constants import AanvraagStatus, MembershipBron, Rol


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    naam = models.CharField(_("full name"), max_length=200)
    is_staff = models.BooleanField(_("may use the management site"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("registered on"), default=timezone.now)
    # The identity provider's subject: who logs in with eID or itsme. Empty for a local account.
    oidc_sub = models.CharField(
        _("government login subject"), max_length=255, unique=True, null=True, blank=True
    )
    # The national number from the `rrn` claim: shown masked, never in a URL or log line.
    insz = models.CharField(
        _("national register number (INSZ)"),
        max_length=11,
        blank=True,
        validators=[validate_insz],
        db_index=True,
    )

    objects = UserManager()
    # The active memberships PortalBackend fetches with the user (read by ActorMiddleware);
    # absent on a user from elsewhere.
    active_memberships: "list[Membership]"

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["naam"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.naam or self.email

    def get_full_name(self) -> str:
        return self.naam

    def get_short_name(self) -> str:
        return self.naam.split(" ")[0] if self.naam else self.email

    @property
    def insz_gemaskeerd(self) -> str:
        return insz_masker(self.insz) if self.insz else ""


class Membership(BaseModel):
    """A user's role in one organisation; the role decides the permissions."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    rol = models.CharField(_("role"), max_length=32, choices=Rol.choices)
    actief = models.BooleanField(_("active"), default=True)
    bron = models.CharField(
        _("source"), max_length=16, choices=MembershipBron.choices, default=MembershipBron.PORTAAL
    )
    # The legal representative's membership from the `wv_orgcode` claim: kept apart so that
    # the page can say who represents the enterprise.
    wettelijk_vertegenwoordiger = models.BooleanField(_("legal representative"), default=False)
    toegekend_door = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("granted by"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # A claim and a grant of the same role are two memberships: the claim's ends with
            # the claim, the grant stays until it is revoked.
            models.UniqueConstraint(
                fields=["user", "organisatie", "rol", "bron"], name="membership_uniek"
            ),
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="membership_rol_geldig"),
            models.CheckConstraint(
                condition=Q(bron__in=MembershipBron.values), name="membership_bron_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_rol_display()} – {self.organisatie}"


class Uitnodiging(BaseModel):
    """A colleague invited by e-mail: the signed link works once, until `verloopt_op`, and
    binds to the person logged in when it is used."""

    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="uitnodigingen",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    rol = models.CharField(_("role"), max_length=32, choices=Rol.choices)
    uitgenodigd_door = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    verloopt_op = models.DateTimeField(_("expires at"), db_index=True)
    gebruikt_door = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("used by"),
    )
    gebruikt_op = models.DateTimeField(_("used at"), null=True, blank=True)
    ingetrokken_op = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="uitnodiging_rol_geldig")
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.organisatie}"

    def acting_organisation_ids(self, permission: str) -> set[int]:
        return {self.organisatie_id}


class Toegangsaanvraag(BaseModel):
    """A person who logged in for an organisation without a role there asks its
    administrators for access; kept open until an administrator answers."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="toegangsaanvragen", verbose_name=_("user")
    )
    organisatie = models.ForeignKey(
        Organisatie,
        on_delete=models.CASCADE,
        related_name="toegangsaanvragen",
        verbose_name=_("organisation"),
    )
    toelichting = models.CharField(_("explanation"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AanvraagStatus.choices, default=AanvraagStatus.OPEN
    )
    beantwoord_door = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    beantwoord_op = models.DateTimeField(_("answered at"), null=True, blank=True)
    rol = models.CharField(_("role granted"), max_length=32, choices=Rol.choices, blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisatie"],
                condition=Q(status=AanvraagStatus.OPEN),
                name="toegangsaanvraag_een_open",
            ),
            models.CheckConstraint(
                condition=Q(status__in=AanvraagStatus.values), name="toegangsaanvraag_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisatie}"

    def acting_organisation_ids(self, permission: str) -> set[int]:
        return {self.organisatie_id}
