"""The platform admin maintains the legal tables here: the GGMMI index (the school holidays are
the kernel's school calendar, duaal.kalender).

Learners and agreements are not on the management site: only their parties see them (S1, S7).
"""

from django.contrib import admin

from .models import Ggmmi


@admin.register(Ggmmi)
class GgmmiAdmin(admin.ModelAdmin):
    list_display = ["geldig_vanaf", "bedrag", "bron"]
    ordering = ["-geldig_vanaf"]
