"""The notification outbox: one row per (event, recipient), so a mail is never sent twice."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duaal.models import BaseModel

from .constants import MeldingStatus


class Melding(BaseModel):
    event_key = models.CharField(
        _("event"),
        max_length=200,
        help_text=_("Identifies the event, e.g. 'aanvraag:<id>:herinnering:2026-11-20'."),
    )
    ontvanger = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meldingen",
        verbose_name=_("recipient"),
    )
    e_mail = models.EmailField(_("e-mail address"))
    # Whom the mail greets: the account's name at delivery; this copy for an address without
    # an account, or an account removed while the mail was queued.
    naam = models.CharField(_("name"), max_length=200, blank=True)
    # The mail by reference: its template (templates/mail/<sjabloon>.txt) and the facts it
    # shows. Delivery renders it; no rendered text, and so no link with a token, is stored.
    sjabloon = models.CharField(_("template"), max_length=100, blank=True)
    context = models.JSONField(_("facts"), default=dict, blank=True)
    # Rows queued before mails were templates carry their rendered text instead.
    onderwerp = models.CharField(_("subject"), max_length=200, blank=True)
    tekst = models.TextField(
        _("text"),
        blank=True,
        help_text=_("A link that carries a token is not stored: the text shows [[link]] instead."),
    )
    # The link a mail carries, by reference (duaal/meldingen/links.py): delivery builds it.
    link_soort = models.CharField(_("kind of link"), max_length=40, blank=True)
    link_naar = models.UUIDField(_("link to"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MeldingStatus.choices,
        default=MeldingStatus.TE_VERZENDEN,
    )
    pogingen = models.PositiveSmallIntegerField(_("attempts"), default=0)
    geclaimd_op = models.DateTimeField(
        _("claimed at"),
        null=True,
        blank=True,
        help_text=_("When a delivery last took the row; a stale claim means its worker died."),
    )
    verzonden_op = models.DateTimeField(_("sent at"), null=True, blank=True)
    fout = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["event_key", "e_mail"], name="melding_uniek"),
            # Either a template to render, or (rows from before templates) a stored text.
            models.CheckConstraint(
                condition=~Q(sjabloon="") | ~Q(onderwerp=""), name="melding_sjabloon_of_tekst"
            ),
            models.CheckConstraint(
                condition=Q(status__in=MeldingStatus.values), name="melding_status_geldig"
            ),
            models.CheckConstraint(
                condition=Q(link_soort="", link_naar__isnull=True)
                | (~Q(link_soort="") & Q(link_naar__isnull=False)),
                name="melding_link_volledig",
            ),
            # The recovery sweep finds dead deliveries by their claim time.
            models.CheckConstraint(
                condition=~Q(status=MeldingStatus.BEZIG) | Q(geclaimd_op__isnull=False),
                name="melding_bezig_geclaimd",
            ),
        ]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(status="te_verzenden"),
                name="melding_te_verzenden_idx",
            ),
            models.Index(
                fields=["geclaimd_op"],
                condition=Q(status="bezig"),
                name="melding_bezig_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sjabloon or self.onderwerp} → {self.e_mail}"
