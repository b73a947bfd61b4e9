"""P1 on every list page: a fixed query count, the same for 1 and 30 rows, within 12, and no
query from a template."""

import pytest
from dateutil.relativedelta import relativedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from duaal.accounts.constants import Rol
from duaal.termijnen import vandaag

from .factories import (
    CriteriumFactory,
    OnderwijsinstellingFactory,
    OpleidingFactory,
    VestigingFactory,
)
from .query_budget import (
    MAX_QUERIES,
    aanvragen,
    assert_query_budget,
    dossiers,
    leerlingen_en_overeenkomsten,
    mentoren_met_alles,
    vereisten_en_mentoren,
)
from .world import Side, World

pytestmark = pytest.mark.django_db


def test_programme_catalogue(world: World) -> None:
    partnerschap = world.sides["A"].partnerschap
    assert_query_budget(
        Client(),
        reverse("organisaties:opleiding_list"),
        lambda n: OpleidingFactory.create_batch(n, partnerschap=partnerschap),
    )


# The employer's dashboard lists proposals awaiting its answer in one more query than P1's 12.
EMPLOYER_DASHBOARD_QUERIES = 13


def test_employer_dashboard(world: World) -> None:
    onderneming = world.sides["A"].onderneming
    assert_query_budget(
        world.client_for("A", Rol.VERTEGENWOORDIGER),
        reverse("portaal:dashboard"),
        lambda n: VestigingFactory.create_batch(n, onderneming=onderneming),
        limit=EMPLOYER_DASHBOARD_QUERIES,
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


def test_mentor_register(world: World) -> None:
    side = world.sides["A"]
    many = assert_query_budget(
        world.client_for("A", Rol.VERTEGENWOORDIGER),
        reverse("mentors:mentor_list"),
        lambda n: mentoren_met_alles(side, n),
    )
    assert many > 0


def test_employer_dashboard_with_mentors_needing_attention(world: World) -> None:
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    assert_query_budget(
        client,
        reverse("portaal:dashboard"),
        lambda n: mentoren_met_alles(side, n),
        limit=EMPLOYER_DASHBOARD_QUERIES,
    )
    body = client.get(reverse("portaal:dashboard")).content.decode()
    assert body.count('href="/mentoren/') >= 31  # every mentor needs attention


@pytest.mark.parametrize("rol", [Rol.SECTORCONSULENT, Rol.PARTNERSCHAPSBEHEERDER])
def test_partnership_dashboard_with_mentor_work(world: World, rol: str) -> None:
    side = world.sides["A"]
    client = world.client_for("A", rol)
    assert_query_budget(client, reverse("portaal:dashboard"), lambda n: mentoren_met_alles(side, n))
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


# --- Recognition: the queue, the lists, the public search and the dashboards --------------


@pytest.fixture
def met_machtiging(world: World) -> World:
    from duaal.accounts.actor import actor_for
    from erkenning.services import machtiging_verlenen

    side = world.sides["A"]
    machtiging_verlenen(
        onderneming=side.onderneming,
        gemachtigde=side.onderwijsinstelling,
        door=actor_for(side.users[Rol.VERTEGENWOORDIGER]),
    )
    return world


@pytest.mark.parametrize(
    ("rol", "naam"),
    [
        (Rol.SECTORCONSULENT, "erkenning:wachtrij"),
        (Rol.PARTNERSCHAPSBEHEERDER, "erkenning:wachtrij"),
        (Rol.VERTEGENWOORDIGER, "erkenning:aanvraag_list"),
        (Rol.TRAJECTBEGELEIDER, "erkenning:aanvraag_list"),
        (Rol.SECTORCONSULENT, "erkenning:aanvraag_list"),
        (Rol.PLATFORMBEHEERDER, "erkenning:aanvraag_list"),
        (Rol.VERTEGENWOORDIGER, "erkenning:erkenning_list"),
        (Rol.TRAJECTBEGELEIDER, "erkenning:erkenning_list"),
        (Rol.SECTORCONSULENT, "erkenning:erkenning_list"),
        (Rol.VERTEGENWOORDIGER, "erkenning:machtiging_list"),
    ],
)
def test_recognition_lists(met_machtiging: World, rol: str, naam: str) -> None:
    side = met_machtiging.sides["A"]
    client = met_machtiging.client_for("A", rol)
    assert_query_budget(client, reverse(naam), lambda n: dossiers(side, n))
    assert side.onderneming.naam in client.get(reverse(naam)).content.decode()


def test_the_queue_filtered(world: World) -> None:
    side = world.sides["A"]
    url = reverse("erkenning:wachtrij") + f"?status=volledig&opleiding={side.opleiding.public_id}"
    assert_query_budget(
        world.client_for("A", Rol.SECTORCONSULENT), url, lambda n: dossiers(side, n)
    )


def test_the_queue_stays_within_budget_past_one_page(world: World) -> None:
    """More files than a page holds (50): still the same count."""
    side = world.sides["A"]
    assert_query_budget(
        world.client_for("A", Rol.SECTORCONSULENT),
        reverse("erkenning:wachtrij") + "?pagina=2",
        lambda n: dossiers(side, n),
        small=10,
        large=30,
    )


def _dossier_in(side: Side, status: str):
    """The side's application in `status`: the world's submitted and refused (appealed) ones;
    a draft the employer files itself; an approved one with the recognition it granted."""
    from erkenning.constants import AanvraagStatus
    from erkenning.models import Erkenning

    if status == AanvraagStatus.INGEDIEND:
        return side.aanvraag
    if status == AanvraagStatus.AFGEWEZEN:
        return side.afgewezen
    nu = timezone.now()
    if status == AanvraagStatus.ONTWERP:
        return aanvragen(side, 1, status)[0]
    aanvraag = aanvragen(
        side,
        1,
        status,
        ingediend_op=nu,
        volledig_op=vandaag(nu),
        beslist_op=nu,
        beslist_door=side.users[Rol.SECTORCONSULENT],
        motivering="Voldoet.",
    )[0]
    Erkenning.objects.create(
        onderneming=side.onderneming,
        vestiging=aanvraag.vestiging,
        opleiding=side.opleiding,
        partnerschap=side.partnerschap,
        aanvraag=aanvraag,
        geldig_van=vandaag(nu),
        geldig_tot=vandaag(nu) + relativedelta(years=5),
    )
    return aanvraag


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        (Rol.SECTORCONSULENT, "ingediend"),
        (Rol.VERTEGENWOORDIGER, "ingediend"),
        (Rol.TRAJECTBEGELEIDER, "ingediend"),  # under the mandate: looks the mandate up
        (Rol.VERTEGENWOORDIGER, "ontwerp"),  # lists what is still missing
        (Rol.TRAJECTBEGELEIDER, "ontwerp"),
        (Rol.SECTORCONSULENT, "afgewezen"),  # with the appeal
        (Rol.VERTEGENWOORDIGER, "afgewezen"),
        (Rol.SECTORCONSULENT, "goedgekeurd"),  # with the recognition
        (Rol.VERTEGENWOORDIGER, "goedgekeurd"),
    ],
)
def test_application_detail_with_criteria_documents_and_mentors(
    erkenning_world: World, rol: str, status: str
) -> None:
    """The dossier of a partnership that asks documents per criterion and per mentor: 1, then
    50 criteria answered with their documents and 50 mentors with theirs. Each table grows; the
    count does not (it once fetched the documents asked twice and reached 14)."""
    side = erkenning_world.sides["A"]
    aanvraag = _dossier_in(side, status)
    client = erkenning_world.client_for("A", rol)
    url = aanvraag.get_absolute_url()
    assert_query_budget(client, url, lambda n: vereisten_en_mentoren(side, aanvraag, n), large=50)
    body = client.get(url).content.decode()
    assert body.count("data-mentor=") >= 50 and body.count("Attest ") >= 50


def test_mandates_received_by_many(world: World) -> None:
    from duaal.accounts.actor import actor_for
    from erkenning.services import machtiging_verlenen

    side = world.sides["A"]

    def add(n: int) -> None:
        for _ in range(n):
            school = OnderwijsinstellingFactory()
            machtiging_verlenen(
                onderneming=side.onderneming,
                gemachtigde=school,
                door=actor_for(side.users[Rol.VERTEGENWOORDIGER]),
            )

    assert_query_budget(
        world.client_for("A", Rol.VERTEGENWOORDIGER), reverse("erkenning:machtiging_list"), add
    )


@pytest.mark.parametrize(
    "query", ["", "?plaats=9000", "?plaats=Gent", "?pagina=2", "?opleiding={opleiding}"]
)
def test_the_public_search(world: World, query: str) -> None:
    side = world.sides["A"]
    url = reverse("erkenning:publiek_zoeken") + query.format(opleiding=side.opleiding.public_id)
    assert_query_budget(Client(), url, lambda n: dossiers(side, n))


@pytest.mark.parametrize(
    "rol",
    [
        Rol.VERTEGENWOORDIGER,
        Rol.TRAJECTBEGELEIDER,
        Rol.SECTORCONSULENT,
        Rol.PARTNERSCHAPSBEHEERDER,
        Rol.PLATFORMBEHEERDER,
    ],
)
def test_dashboards_with_recognition_work(met_machtiging: World, rol: str) -> None:
    side = met_machtiging.sides["A"]
    client = met_machtiging.client_for("A", rol)
    limit = EMPLOYER_DASHBOARD_QUERIES if rol == Rol.VERTEGENWOORDIGER else MAX_QUERIES
    assert_query_budget(
        client, reverse("portaal:dashboard"), lambda n: dossiers(side, n), limit=limit
    )
    body = client.get(reverse("portaal:dashboard")).content.decode()
    # Every file that needs this role's action is listed: none is dropped.
    verwacht = {
        Rol.VERTEGENWOORDIGER: 30 + 30 + 30,  # drafts, renewals, appealable refusals
        Rol.TRAJECTBEGELEIDER: 30,  # drafts under the mandate
        Rol.SECTORCONSULENT: 30 + 60,  # completeness checks, decisions due or overdue
        Rol.PARTNERSCHAPSBEHEERDER: 30,  # escalated
        Rol.PLATFORMBEHEERDER: 30,  # appeals awaiting receipt
    }[rol]
    assert (
        body.count('href="/aanvragen/')
        + body.count('href="/erkenningen/')
        + body.count('href="/beroepen/')
        >= verwacht
    )


# --- Learners and agreements: the coach's and the employer's lists --------------------------


@pytest.mark.parametrize(
    ("rol", "naam"),
    [
        (Rol.TRAJECTBEGELEIDER, "overeenkomsten:leerling_list"),
        (Rol.TRAJECTBEGELEIDER, "overeenkomsten:overeenkomst_list"),
        (Rol.VERTEGENWOORDIGER, "overeenkomsten:overeenkomst_list"),
        (Rol.ONDERNEMING_MEDEWERKER, "overeenkomsten:overeenkomst_list"),
        (Rol.TRAJECTBEGELEIDER, "portaal:dashboard"),
    ],
)
def test_learner_and_agreement_lists(world: World, rol: str, naam: str) -> None:
    side = world.sides["A"]
    client = world.client_for("A", rol)
    assert_query_budget(client, reverse(naam), lambda n: leerlingen_en_overeenkomsten(side, n))
    body = client.get(reverse(naam)).content.decode()
    assert body.count("Leerling 0") >= 30  # every row is on the page, none dropped


def test_employer_dashboard_with_agreements_to_approve_or_end(world: World) -> None:
    """The agreements section adds one query, the same for 1 and 30 agreements, and the
    proposals section one more; the page stays within its budget of 13."""
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("portaal:dashboard")
    assert_query_budget(
        client,
        url,
        lambda n: leerlingen_en_overeenkomsten(side, n),
        limit=EMPLOYER_DASHBOARD_QUERIES,
    )
    assert client.get(url).content.decode().count('href="/overeenkomsten/') >= 30
