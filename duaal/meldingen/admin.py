from django.contrib import admin

from .models import Melding


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    list_display = [
        "onderwerp",
        "e_mail",
        "status",
        "pogingen",
        "created_at",
        "geclaimd_op",
        "verzonden_op",
    ]
    list_filter = ["status"]
    search_fields = ["e_mail", "event_key", "onderwerp"]
    readonly_fields = [f.name for f in Melding._meta.fields]
