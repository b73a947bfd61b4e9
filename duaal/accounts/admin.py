from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisatie"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "naam", "is_active", "is_staff"]
    search_fields = ["email", "naam"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "naam", "password"]}),
        ("Rechten", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Data", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "naam", "password1", "password2"]})
    ]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisatie", "rol", "actief"]
    list_filter = ["rol", "actief"]
    search_fields = ["user__email", "organisatie__naam"]
    list_select_related = ["user", "organisatie"]
