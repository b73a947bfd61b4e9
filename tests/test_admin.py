"""The management site works for platform admins: every registered model lists and adds."""

import pytest

from django.contrib import admin
from django.urls import reverse

from duaal.accounts.constants import Rol

from .world import World

pytestmark = pytest.mark.django_db


def test_every_admin_page_opens_for_a_platform_admin(world: World, rf) -> None:
    client = world.client_for("A", Rol.PLATFORMBEHEERDER)
    request = rf.get("/")
    request.user = world.sides["A"].users[Rol.PLATFORMBEHEERDER]
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{prefix}_changelist")).status_code == 200, prefix
        if model_admin.has_add_permission(request):
            assert client.get(reverse(f"{prefix}_add")).status_code == 200, prefix


def test_a_partnership_opens_with_its_criteria(world: World) -> None:
    partnerschap = world.sides["A"].partnerschap
    client = world.client_for("A", Rol.PLATFORMBEHEERDER)
    url = reverse("admin:organisaties_partnerschap_change", args=[partnerschap.pk])
    assert "Beslistermijn" in client.get(url).content.decode()
