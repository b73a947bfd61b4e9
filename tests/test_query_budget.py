"""P1 on every list page: a fixed query count, the same for 1 and 30 rows, within 12."""

import pytest
from dateutil.relativedelta import relativedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.termijnen import vandaag
from mentors.constants import UitzonderingSoort
from mentors.models import Uitzondering
from mentors.services import mentoropleiding_starten

from .conftest import Side, World, pdf
from .factories import (
    CriteriumFactory,
    MentorFactory,
    OpleidingFactory,
    ToewijzingFactory,
    UittrekselFactory,
    VestigingFactory,
)
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


def _mentoren_met_alles(side: Side, n: int) -> None:
    """n mentors of the side, each designated (awaiting review), with an extract, an exception
    request and a mentor training that is overdue: every row of every mentor list is full."""
    werkgever = side.users[Rol.VERTEGENWOORDIGER]
    begin = vandaag(timezone.now()) - relativedelta(months=13)
    for mentor in MentorFactory.create_batch(n, onderneming=side.onderneming, jong=True):
        toewijzing = ToewijzingFactory(
            mentor=mentor, vestiging=side.vestiging, opleiding=side.opleiding, aangesteld_op=begin
        )
        UittrekselFactory(mentor=mentor, opgeladen_door=werkgever)
        Uitzondering.objects.create(
            mentor=mentor,
            partnerschap=side.partnerschap,
            soort=UitzonderingSoort.ERVARING,
            bewijs=pdf(),
            aangevraagd_door=werkgever,
        )
        mentoropleiding_starten(
            mentor=mentor, partnerschap=side.partnerschap, vanaf=toewijzing.aangesteld_op
        )


def test_mentor_register(world: World) -> None:
    side = world.sides["A"]
    many = assert_query_budget(
        world.client_for("A", Rol.VERTEGENWOORDIGER),
        reverse("mentors:mentor_list"),
        lambda n: _mentoren_met_alles(side, n),
    )
    assert many > 0


def test_employer_dashboard_with_mentors_needing_attention(world: World) -> None:
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    assert_query_budget(
        client, reverse("portaal:dashboard"), lambda n: _mentoren_met_alles(side, n)
    )
    body = client.get(reverse("portaal:dashboard")).content.decode()
    assert body.count('href="/mentoren/') >= 31  # every mentor needs attention


@pytest.mark.parametrize("rol", [Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER])
def test_partnership_dashboard_with_mentor_work(world: World, rol: str) -> None:
    side = world.sides["A"]
    client = world.client_for("A", rol)
    assert_query_budget(
        client, reverse("portaal:dashboard"), lambda n: _mentoren_met_alles(side, n)
    )
    body = client.get(reverse("portaal:dashboard")).content.decode()
    # 30 designations, 31 exceptions, 31 extracts and 30 overdue trainings to act on.
    assert body.count("/toewijzingen/") == 30
    assert body.count("/uitzonderingen/") == 31
    assert body.count("/controleren/") == 31
    assert body.count("#opleidingen") == 30


def test_the_budget_helper_catches_a_page_that_grows_with_its_rows(world: World) -> None:
    """The helper itself must fail on an N+1 page: simulate one with a per-row query."""
    from django.contrib.auth import get_user_model

    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("portaal:dashboard")

    def add(n: int) -> None:
        get_user_model().objects.bulk_create([])

    with pytest.raises(AssertionError, match="budget is 0"):
        assert_query_budget(client, url, add, limit=0)
