"""The role dashboard lists what needs the user's action; empty lists say so plainly."""

import pytest

from django.urls import reverse

from duaal.accounts.constants import Rol

from .factories import CriteriumFactory, UserFactory
from .world import World

pytestmark = pytest.mark.django_db


def test_an_employer_without_establishments_is_asked_to_register_one(world: World) -> None:
    world.sides["A"].toewijzing.delete()  # the world's mentor is designated there
    world.sides["A"].vestiging.delete()
    body = world.client_for("A", Rol.VERTEGENWOORDIGER).get(reverse("portaal:dashboard"))
    assert "Uw eerste vestiging registreren" in body.content.decode()


def test_a_coach_with_nothing_to_do_is_told_so_plainly(world: World) -> None:
    body = world.client_for("A", Rol.TRAJECTBEGELEIDER).get(reverse("portaal:dashboard"))
    assert "Niets vraagt uw actie." in body.content.decode()


def test_a_partnership_admin_is_asked_to_configure_criteria_until_done(world: World) -> None:
    client = world.client_for("A", Rol.PARTNERSCHAPSBEHEERDER)
    assert "geen erkenningscriteria" in client.get(reverse("portaal:dashboard")).content.decode()
    CriteriumFactory(partnerschap=world.sides["A"].partnerschap)
    assert (
        "geen erkenningscriteria" not in client.get(reverse("portaal:dashboard")).content.decode()
    )


def test_a_user_without_membership_is_told_how_to_get_access(client) -> None:
    client.force_login(UserFactory())
    body = client.get(reverse("portaal:dashboard")).content.decode()
    assert "nog niet gekoppeld aan een organisatie" in body
