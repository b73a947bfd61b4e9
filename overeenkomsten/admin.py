"""The platform admin maintains the legal tables here: the GGMMI index and the school holidays.

Learners and agreements are not on the management site: only their parties see them (S1, S7).
"""

from django.contrib import admin

from .models import Ggmmi, Schoolvakantie


@admin.register(Ggmmi)
class GgmmiAdmin(admin.ModelAdmin):
    list_display = ["geldig_vanaf", "bedrag", "bron"]
    ordering = ["-geldig_vanaf"]


@admin.register(Schoolvakantie)
class SchoolvakantieAdmin(admin.ModelAdmin):
    list_display = ["naam", "van", "tot"]
    ordering = ["-van"]
    date_hierarchy = "van"
