from django.contrib import admin
from django.http import HttpRequest

from .models import Melding


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = [
        "sjabloon",
        "onderwerp",
        "e_mail",
        "status",
        "pogingen",
        "created_at",
        "geclaimd_op",
        "verzonden_op",
    ]
    list_filter = ["status"]
    search_fields = ["e_mail", "event_key", "sjabloon", "onderwerp"]
    # Read-only: the template and its facts (or, for rows from before templates, the stored
    # text with the placeholder where the mail had its link). A link that carries a token is
    # built at delivery and never stored (duaal/meldingen/links.py).
    readonly_fields = [f.name for f in Melding._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Melding | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Melding | None = None) -> bool:
        return False
