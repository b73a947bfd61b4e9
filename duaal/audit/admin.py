from django.contrib import admin
from django.http import HttpRequest

from .models import Event


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "verb", "object_repr", "organisatie"]
    list_filter = ["verb"]
    search_fields = ["object_repr", "actor_label", "verb"]
    date_hierarchy = "at"

    # The trail is append-only: read it here, never edit it.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Event | None = None) -> bool:
        return False
