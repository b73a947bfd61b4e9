"""Recognition on the management site: read only. Every change goes through a service (row
lock, audit trail, notifications); uploaded documents are not offered here (S7)."""

from django.contrib import admin

from .models import Aanvraag, Beroep, Erkenning, Machtiging, Sanctie


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Aanvraag)
class AanvraagAdmin(AlleenLezen):
    list_display = [
        "onderneming",
        "vestiging",
        "opleiding",
        "partnerschap",
        "soort",
        "status",
        "beslissing_uiterlijk_op",
        "geescaleerd_op",
    ]
    list_filter = ["status", "soort", "partnerschap"]
    search_fields = ["onderneming__naam", "vestiging__naam", "opleiding__officiele_naam"]
    list_select_related = ["onderneming", "vestiging", "opleiding", "partnerschap"]
    date_hierarchy = "created_at"
    fields = [
        "onderneming",
        "vestiging",
        "opleiding",
        "partnerschap",
        "soort",
        "status",
        "vorige_erkenning",
        "aangemaakt_door",
        "ingediend_namens",
        "verklaring_op_eer_op",
        "verklaring_op_eer_door",
        "ingediend_op",
        "ontbrekend",
        "volledig_op",
        "beslissing_uiterlijk_op",
        "herinnering_verstuurd_op",
        "geescaleerd_op",
        "plaatsbezoek_op",
        "plaatsbezoek_verslag",
        "beslist_op",
        "beslist_door",
        "motivering",
        "beroep_uiterlijk_op",
    ]
    readonly_fields = fields


@admin.register(Erkenning)
class ErkenningAdmin(AlleenLezen):
    list_display = ["onderneming", "vestiging", "opleiding", "status", "geldig_van", "geldig_tot"]
    list_filter = ["status", "partnerschap", "publiek_zichtbaar"]
    search_fields = ["onderneming__naam", "vestiging__naam", "opleiding__officiele_naam"]
    list_select_related = ["onderneming", "vestiging", "opleiding"]
    fields = [
        "onderneming",
        "vestiging",
        "opleiding",
        "partnerschap",
        "aanvraag",
        "status",
        "geldig_van",
        "geldig_tot",
        "beeindigd_op",
        "hernieuwing_herinnerd",
        "publiek_zichtbaar",
        "plaatsen_beschikbaar",
    ]
    readonly_fields = fields


@admin.register(Sanctie)
class SanctieAdmin(AlleenLezen):
    list_display = ["soort", "onderneming", "partnerschap", "opgelegd_op", "tot"]
    list_filter = ["soort", "partnerschap"]
    search_fields = ["onderneming__naam"]
    list_select_related = ["onderneming", "partnerschap"]
    fields = [
        "soort",
        "onderneming",
        "partnerschap",
        "erkenning",
        "vestiging",
        "mentor",
        "opleiding",
        "motivering",
        "opgelegd_door",
        "opgelegd_op",
        "tot",
        "beroep_uiterlijk_op",
    ]
    readonly_fields = fields


@admin.register(Beroep)
class BeroepAdmin(AlleenLezen):
    list_display = ["onderneming", "partnerschap", "status", "ingediend_op", "behandeld_op"]
    list_filter = ["status"]
    search_fields = ["onderneming__naam"]
    list_select_related = ["onderneming", "partnerschap"]
    fields = [
        "onderneming",
        "partnerschap",
        "aanvraag",
        "sanctie",
        "status",
        "motivering",
        "ingediend_door",
        "ingediend_op",
        "ontvangst_bevestigd_op",
        "uitkomst_motivering",
        "behandeld_door",
        "behandeld_op",
    ]
    readonly_fields = fields


@admin.register(Machtiging)
class MachtigingAdmin(AlleenLezen):
    list_display = ["onderneming", "gemachtigde", "verleend_door", "created_at", "ingetrokken_op"]
    search_fields = ["onderneming__naam", "gemachtigde__naam"]
    list_select_related = ["onderneming", "gemachtigde", "verleend_door"]
    fields = ["onderneming", "gemachtigde", "verleend_door", "ingetrokken_op"]
    readonly_fields = fields
