"""Users log in with their e-mail address and act for one organisation at a time."""

import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from duaal.models import BaseModel
from duaal.organisaties.models import Organisatie

from .constants import Rol


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

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisatie", "rol"], name="membership_uniek"),
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="membership_rol_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_rol_display()} – {self.organisatie}"
