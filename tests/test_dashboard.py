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


# --- The query plan (docs/architecture.md): each provider within its budget ---------------

ROLLEN = [
    Rol.VERTEGENWOORDIGER,
    Rol.ONDERNEMING_MEDEWERKER,
    Rol.TRAJECTBEGELEIDER,
    Rol.SECTORCONSULENT,
    Rol.PARTNERSCHAPSBEHEERDER,
    Rol.PLATFORMBEHEERDER,
]


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_dashboard_provider_keeps_to_the_queries_it_registered(world: World, rol) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from duaal.accounts.actor import actor_for
    from duaal.portaal.dashboard import registrations_for

    if rol not in world.sides["A"].users:
        pytest.skip(f"the world has no {rol}")
    actor = actor_for(world.sides["A"].users[rol])
    for registration in registrations_for(rol):
        with CaptureQueriesContext(connection) as queries:
            registration.provider(actor, timezone.now())
        name = registration.provider.__module__ + "." + registration.provider.__name__
        assert len(queries) <= registration.queries, (name, len(queries), registration.queries)


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_dashboard_plan_fits_the_page_budget(world: World, rol) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from duaal.portaal.dashboard import PAGE_BUDGET, page_queries_for

    assert page_queries_for(rol) <= PAGE_BUDGET
    if rol in world.sides["A"].users:
        client = world.client_for("A", rol)
        client.get(reverse("portaal:dashboard"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("portaal:dashboard")).status_code == 200
        assert len(queries) <= page_queries_for(rol)
