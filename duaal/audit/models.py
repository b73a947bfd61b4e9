"""The append-only audit trail: every state change, by a user or by the system (S6)."""

from typing import Any, NoReturn

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import verbs
from .verbs import VERB_LABELS  # noqa: F401 - where apps registered their labels before G32

# `after["via"]` of an approval given through a personal link, by someone without an account:
# the timeline names the link's holder, not the system (templates/partials/timeline.html).
VIA_PERSOONLIJKE_LINK = "persoonlijke_link"


class AppendOnlyError(RuntimeError):
    pass


class Event(models.Model):
    # Who: a user, or nobody for the system (beat sweeps). PROTECT: the trail is append-only,
    # so users and organisations with events are deactivated, never deleted.
    actor = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor"), max_length=200)
    organisatie = models.ForeignKey(
        "organisaties.Organisatie",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # No index of its own: audit_object_idx starts with it. Every state change writes an event,
    # so each index is paid on every write (the expiry sweep writes thousands per batch).
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        verbose_name=_("object type"),
    )
    object_id = models.BigIntegerField(_("object id"))
    object_repr = models.CharField(_("object"), max_length=300)
    verb = models.CharField(_("action"), max_length=100)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time (UTC)"), db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_idx")
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label}: {self.verb} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are never deleted.")

    @property
    def verb_label(self) -> str:
        return verbs.label(self.verb)

    @property
    def via_persoonlijke_link(self) -> bool:
        """An approval its `actor_label` gave through a personal link (services.py)."""
        return self.actor_id is None and self.after.get("via") == VIA_PERSOONLIJKE_LINK
