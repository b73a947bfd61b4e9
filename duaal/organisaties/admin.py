"""The platform admin's management of partnerships, their rules, programmes and organisations."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db.models import Field, QuerySet
from django.http import HttpRequest

from .forms import PostcodeField
from .models import (
    Criterium,
    CriteriumDocument,
    Onderneming,
    Onderwijsinstelling,
    Opleiding,
    Organisatie,
    Partnerschap,
    Vestiging,
)

if TYPE_CHECKING:
    # For the checker only: the mixin goes into model admins and inlines.
    _AdminBase = admin.options.BaseModelAdmin
else:
    _AdminBase = object


class PostcodeCheckMixin(_AdminBase):
    """A postcode typed here is checked as everywhere else in the portal (1000-9999)."""

    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "postcode":
            kwargs["form_class"] = PostcodeField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CriteriumInline(admin.StackedInline):
    """Only the criteria still in force: the closed rows are the history of the partnership
    admin's dated versions (regels.py), which the portal's rules page lists."""

    model = Criterium
    extra = 0
    show_change_link = True
    readonly_fields = ["geldig_vanaf", "geldig_tot", "vervangt"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Criterium]:
        return super().get_queryset(request).filter(geldig_tot__isnull=True)


class CriteriumDocumentInline(admin.TabularInline):
    model = CriteriumDocument
    extra = 0


@admin.register(Partnerschap)
class PartnerschapAdmin(admin.ModelAdmin):
    list_display = ["naam", "partnerschap_soort", "beslistermijn_dagen", "geldigheid_jaren"]
    list_filter = ["partnerschap_soort"]
    search_fields = ["naam"]
    exclude = ["soort"]
    inlines = [CriteriumInline]
    fieldsets = [
        (None, {"fields": ["naam", "partnerschap_soort", "e_mail"]}),
        (
            "Termijnen",
            {
                "fields": [
                    "beslistermijn_dagen",
                    "herinnering_dagen_voor_termijn",
                    "bij_termijnoverschrijding",
                    "geldigheid_jaren",
                    "beroepstermijn_dagen",
                ]
            },
        ),
        (
            "Mentoren",
            {
                "fields": [
                    "max_leerlingen_per_mentor",
                    "mentoropleiding_termijn_maanden",
                    "mentoropleiding_plannen_maanden",
                    "mentoropleiding_herinnering_dagen",
                    "uittreksel_bewaartermijn_dagen",
                ]
            },
        ),
    ]


@admin.register(Criterium)
class CriteriumAdmin(admin.ModelAdmin):
    list_display = ["omschrijving", "partnerschap", "volgorde"]
    list_filter = ["partnerschap"]
    inlines = [CriteriumDocumentInline]


@admin.register(Opleiding)
class OpleidingAdmin(admin.ModelAdmin):
    list_display = ["officiele_naam", "code", "overeenkomsttype", "partnerschap", "actief"]
    list_filter = ["overeenkomsttype", "partnerschap", "actief"]
    search_fields = ["officiele_naam", "code"]
    list_select_related = ["partnerschap"]


class VestigingInline(PostcodeCheckMixin, admin.TabularInline):
    model = Vestiging
    extra = 0
    fields = ["naam", "vestigingseenheidsnummer", "postcode", "gemeente"]


@admin.register(Onderneming)
class OndernemingAdmin(PostcodeCheckMixin, admin.ModelAdmin):
    list_display = ["naam", "kbo_nummer", "rechtsvorm", "gemeente"]
    search_fields = ["naam", "kbo_nummer"]
    exclude = ["soort"]
    inlines = [VestigingInline]


@admin.register(Onderwijsinstelling)
class OnderwijsinstellingAdmin(PostcodeCheckMixin, admin.ModelAdmin):
    list_display = ["naam", "instellingsnummer", "gemeente"]
    search_fields = ["naam", "instellingsnummer"]
    exclude = ["soort"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort"]
    list_filter = ["soort"]
    search_fields = ["naam"]
