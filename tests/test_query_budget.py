"""P1 on every list page: a fixed query count, the same for 1 and 30 rows, within 12."""

import pytest

from django.test import Client
from django.urls import reverse

from duaal.accounts.constants import Rol

from .conftest import World
from .factories import CriteriumFactory, OpleidingFactory, VestigingFactory
from .query_budget import assert_query_budget

pytestmark = pytest.mark.django_db


def test_programme_catalogue(world: World) -> None:
    partnerschap = world.sides["A"].partnerschap
    assert_query_budget(
        Client(),
        reverse("organisaties:opleiding_list"),
        lambda n: OpleidingFactory.create_batch(n, partnerschap=partnerschap),
    )


def test_employer_dashboard(world: World) -> None:
    onderneming = world.sides["A"].onderneming
    assert_query_budget(
        world.client_for("A", Rol.VERTEGENWOORDIGER),
        reverse("portaal:dashboard"),
        lambda n: VestigingFactory.create_batch(n, onderneming=onderneming),
    )


def test_enterprise_detail_with_its_establishments(world: World) -> None:
    onderneming = world.sides["A"].onderneming
    assert_query_budget(
        world.client_for("A", Rol.VERTEGENWOORDIGER),
        reverse("organisaties:onderneming_detail", args=[onderneming.public_id]),
        lambda n: VestigingFactory.create_batch(n, onderneming=onderneming),
    )


def test_partnership_detail_with_its_criteria_and_programmes(world: World) -> None:
    partnerschap = world.sides["A"].partnerschap

    def add(n: int) -> None:
        CriteriumFactory.create_batch(n, partnerschap=partnerschap)
        OpleidingFactory.create_batch(n, partnerschap=partnerschap)

    assert_query_budget(
        world.client_for("A", Rol.SECTORCONSULENT),
        reverse("organisaties:partnerschap_detail", args=[partnerschap.public_id]),
        add,
    )


def test_platform_admin_dashboard(world: World) -> None:
    from .factories import PartnerschapFactory

    assert_query_budget(
        world.client_for("A", Rol.PLATFORMBEHEERDER),
        reverse("portaal:dashboard"),
        lambda n: PartnerschapFactory.create_batch(n),
    )


def test_the_budget_helper_catches_a_page_that_grows_with_its_rows(world: World) -> None:
    """The helper itself must fail on an N+1 page: simulate one with a per-row query."""
    from django.contrib.auth import get_user_model

    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("portaal:dashboard")

    def add(n: int) -> None:
        get_user_model().objects.bulk_create([])

    with pytest.raises(AssertionError, match="budget is 0"):
        assert_query_budget(client, url, add, limit=0)
