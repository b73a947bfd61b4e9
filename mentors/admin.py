"""Mentors on the management site: read only. Every change goes through a service (audit
trail, notifications); the INSZ is shown masked and files are not offered here. Extracts
(596.2) are not registered at all: platform admins do not see them (S7)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Mentor, Mentoropleiding, MentorToewijzing, Uitzondering


class AlleenLezen(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Mentor)
class MentorAdmin(AlleenLezen):
    list_display = ["achternaam", "voornaam", "onderneming", "insz_weergave", "jaren_ervaring"]
    search_fields = ["achternaam", "voornaam", "onderneming__naam"]
    list_select_related = ["onderneming"]
    fields = [
        "onderneming",
        "voornaam",
        "achternaam",
        "insz_weergave",
        "functie",
        "jaren_ervaring",
        "e_mail",
        "telefoon",
    ]
    readonly_fields = fields

    @admin.display(description=_("national register number (INSZ)"))
    def insz_weergave(self, obj: Mentor) -> str:
        return obj.insz_gemaskeerd


@admin.register(MentorToewijzing)
class MentorToewijzingAdmin(AlleenLezen):
    list_display = ["mentor", "vestiging", "opleiding", "aangesteld_op", "status", "actief"]
    list_filter = ["status", "actief"]
    search_fields = ["mentor__achternaam", "vestiging__naam", "opleiding__officiele_naam"]
    list_select_related = ["mentor", "vestiging", "opleiding"]
    readonly_fields = [
        "mentor",
        "vestiging",
        "opleiding",
        "aangesteld_op",
        "status",
        "actief",
        "motivatie",
        "beslist_door",
        "beslist_op",
    ]
    fields = readonly_fields


@admin.register(Uitzondering)
class UitzonderingAdmin(AlleenLezen):
    list_display = ["mentor", "soort", "partnerschap", "status", "created_at"]
    list_filter = ["status", "soort"]
    search_fields = ["mentor__achternaam", "partnerschap__naam"]
    list_select_related = ["mentor", "partnerschap"]
    readonly_fields = [
        "mentor",
        "partnerschap",
        "soort",
        "toelichting",
        "status",
        "motivatie",
        "aangevraagd_door",
        "beslist_door",
        "beslist_op",
    ]
    fields = readonly_fields


@admin.register(Mentoropleiding)
class MentoropleidingAdmin(AlleenLezen):
    list_display = [
        "mentor",
        "partnerschap",
        "status",
        "plannen_uiterlijk_op",
        "voltooien_uiterlijk_op",
        "achterstallig_sinds",
    ]
    list_filter = ["status", "partnerschap"]
    search_fields = ["mentor__achternaam", "partnerschap__naam"]
    list_select_related = ["mentor", "partnerschap"]
    readonly_fields = [
        "mentor",
        "partnerschap",
        "status",
        "plannen_uiterlijk_op",
        "voltooien_uiterlijk_op",
        "gepland_op",
        "gevolgd_op",
        "vrijstelling_reden",
        "bijgewerkt_door",
        "herinnering_verstuurd_op",
        "achterstallig_sinds",
    ]
    fields = readonly_fields
