from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from duaal.audit.services import audit_record

from .constants import AuditVerb
from .models import Membership, User

# Memberships decide what a user may do in the portal, so every change made here is in the
# portal's own audit trail like any other, and nobody grants themselves one: a platform admin
# who needs a role asks another admin (four eyes).
NIET_VOOR_JEZELF = _(
    "You cannot give yourself a membership or change your own: ask another platform admin."
)


def _gegevens(membership: Membership) -> dict:
    return {
        "user": membership.user.email,
        "organisatie": str(membership.organisatie),
        "rol": membership.rol,
        "actief": membership.actief,
    }


def _vastleggen(
    membership: Membership,
    verb: str,
    door: User,
    *,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    audit_record(
        obj=membership,
        verb=verb,
        door=door,
        organisatie=membership.organisatie,
        before=before,
        after=after,
        note="beheer",
    )


class MembershipAdminForm(forms.ModelForm):
    beheerder: User  # set per request (get_form / get_formset)

    class Meta:
        model = Membership
        fields = ["user", "organisatie", "rol", "actief"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None  # Django's ModelForm.clean returns the cleaned data
        user = cleaned.get("user")
        user_id = user.pk if user is not None else self.instance.user_id
        if self.has_changed() and user_id is not None and user_id == self.beheerder.pk:
            raise ValidationError(NIET_VOOR_JEZELF)
        return cleaned


def _beheerder(request: HttpRequest) -> User:
    """The platform admin making the change: the admin site lets in only logged-in staff."""
    assert isinstance(request.user, User)
    return request.user


def _form_voor(request: HttpRequest, form: type[forms.ModelForm]) -> type[forms.ModelForm]:
    return type(form.__name__, (form,), {"beheerder": request.user})


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    form = MembershipAdminForm
    extra = 0
    autocomplete_fields = ["organisatie"]

    def get_formset(
        self, request: HttpRequest, obj: User | None = None, **kwargs: Any
    ) -> type[BaseInlineFormSet]:
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = _form_voor(request, formset.form)
        return formset

    # On one's own account the memberships are shown, not offered for change.
    def has_add_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return obj != request.user and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return obj != request.user and super().has_change_permission(request, obj)


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

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        bestaand = [f.instance.pk for f in formset.initial_forms if f.instance.pk]
        vooraf = {
            m.pk: _gegevens(m)
            for m in Membership.objects.filter(pk__in=bestaand).select_related(
                "user", "organisatie"
            )
        }
        # Before the delete, while the row still has its id.
        for f in formset.deleted_forms:
            if f.instance.pk:
                _vastleggen(
                    f.instance,
                    AuditVerb.MEMBERSHIP_INGETROKKEN,
                    _beheerder(request),
                    before=vooraf[f.instance.pk],
                )
        super().save_formset(request, form, formset, change)
        for m, _velden in formset.changed_objects:
            _vastleggen(
                m,
                AuditVerb.MEMBERSHIP_GEWIJZIGD,
                _beheerder(request),
                before=vooraf[m.pk],
                after=_gegevens(m),
            )
        for m in formset.new_objects:
            _vastleggen(m, AuditVerb.MEMBERSHIP_TOEGEKEND, _beheerder(request), after=_gegevens(m))


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisatie", "rol", "actief"]
    list_filter = ["rol", "actief"]
    search_fields = ["user__email", "organisatie__naam"]
    list_select_related = ["user", "organisatie"]
    form = MembershipAdminForm

    def get_form(
        self,
        request: HttpRequest,
        obj: Membership | None = None,
        change: bool = False,
        **kwargs: Any,
    ) -> type[forms.ModelForm]:
        return _form_voor(request, super().get_form(request, obj, change=change, **kwargs))

    def save_model(
        self, request: HttpRequest, obj: Membership, form: forms.ModelForm, change: bool
    ) -> None:
        vooraf = _gegevens(Membership.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if not change:
            _vastleggen(
                obj, AuditVerb.MEMBERSHIP_TOEGEKEND, _beheerder(request), after=_gegevens(obj)
            )
        elif form.has_changed():
            _vastleggen(
                obj,
                AuditVerb.MEMBERSHIP_GEWIJZIGD,
                _beheerder(request),
                before=vooraf,
                after=_gegevens(obj),
            )

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        _vastleggen(
            obj, AuditVerb.MEMBERSHIP_INGETROKKEN, _beheerder(request), before=_gegevens(obj)
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for m in queryset.select_related("user", "organisatie"):
            _vastleggen(
                m, AuditVerb.MEMBERSHIP_INGETROKKEN, _beheerder(request), before=_gegevens(m)
            )
        super().delete_queryset(request, queryset)
