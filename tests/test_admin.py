"""The management site works for platform admins: every registered model lists and adds."""

import pytest

from django.contrib import admin
from django.urls import reverse

from duaal.accounts.constants import Rol

from .conftest import World

pytestmark = pytest.mark.django_db


def test_every_admin_page_opens_for_a_platform_admin(world: World) -> None:
    client = world.client_for("A", Rol.PLATFORMBEHEERDER)
    for model, model_admin in admin.site._registry.items():
        info = (model._meta.app_label, model._meta.model_name)
        assert client.get(reverse("admin:%s_%s_changelist" % info)).status_code == 200, info
        if model_admin.has_add_permission(
            type("R", (), {"user": world.sides["A"].users[Rol.PLATFORMBEHEERDER]})()
        ):
            assert client.get(reverse("admin:%s_%s_add" % info)).status_code == 200, info


def test_a_partnership_opens_with_its_criteria(world: World) -> None:
    partnerschap = world.sides["A"].partnerschap
    client = world.client_for("A", Rol.PLATFORMBEHEERDER)
    url = reverse("admin:organisaties_partnerschap_change", args=[partnerschap.pk])
    assert "Beslistermijn" in client.get(url).content.decode()
