"""The platform admin maintains the school holidays here; training days are counted from them."""

from django.contrib import admin

from .models import Schoolvakantie


@admin.register(Schoolvakantie)
class SchoolvakantieAdmin(admin.ModelAdmin):
    list_display = ["naam", "van", "tot"]
    ordering = ["-van"]
    date_hierarchy = "van"
