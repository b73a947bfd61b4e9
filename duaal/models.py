"""Abstract base models shared by every app."""

import uuid
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _


class WithPage(Protocol):
    """An object with its own page: a domain model's `get_absolute_url` (Django's convention,
    which the base `Model` does not declare)."""

    def get_absolute_url(self) -> str: ...


class BaseModel(models.Model):
    """Timestamps plus a random public id: URLs carry the UUID, never the integer pk."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True
