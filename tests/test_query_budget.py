"""P1 on every list page: a fixed query count, the same for 1 and 30 rows, within 12."""

import datetime as dt

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
    OnderwijsinstellingFactory,
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


# --- Recognition: the queue, the lists, the public search and the dashboards --------------


def _aanvragen(side: Side, n: int, status: str, **velden) -> list:
    """n applications of the side's enterprise, each at its own new establishment."""
    from erkenning.models import Aanvraag

    werkgever = side.users[Rol.VERTEGENWOORDIGER]
    return [
        Aanvraag.objects.create(
            onderneming=side.onderneming,
            vestiging=VestigingFactory(onderneming=side.onderneming),
            opleiding=side.opleiding,
            partnerschap=side.partnerschap,
            status=status,
            aangemaakt_door=werkgever,
            **velden,
        )
        for _ in range(n)
    ]


def _dossiers(side: Side, n: int) -> None:
    """n files in every state that shows on a list or a dashboard: submitted, complete and
    due soon, complete and overdue (escalated), drafts filed under the school's mandate,
    refused and appealable, refused and appealed."""
    from erkenning.constants import AanvraagStatus
    from erkenning.models import Beroep, Erkenning

    nu = timezone.now()
    op = vandaag(nu)
    _aanvragen(side, n, AanvraagStatus.INGEDIEND, ingediend_op=nu)
    _aanvragen(
        side,
        n,
        AanvraagStatus.VOLLEDIG,
        ingediend_op=nu,
        volledig_op=op,
        beslissing_uiterlijk_op=op + dt.timedelta(days=1),
    )
    _aanvragen(
        side,
        n,
        AanvraagStatus.VOLLEDIG,
        ingediend_op=nu,
        volledig_op=op - dt.timedelta(days=20),
        beslissing_uiterlijk_op=op - dt.timedelta(days=6),
        geescaleerd_op=nu,
    )
    _aanvragen(side, n, AanvraagStatus.ONTWERP, ingediend_namens=side.onderwijsinstelling)
    _aanvragen(side, n, AanvraagStatus.AFGEWEZEN, beroep_uiterlijk_op=op + dt.timedelta(days=5))
    for aanvraag in _aanvragen(
        side, n, AanvraagStatus.AFGEWEZEN, beroep_uiterlijk_op=op + dt.timedelta(days=5)
    ):
        Beroep.objects.create(
            onderneming=side.onderneming,
            partnerschap=side.partnerschap,
            aanvraag=aanvraag,
            motivering="Graag herziening.",
            ingediend_door=side.users[Rol.VERTEGENWOORDIGER],
            ingediend_op=nu,
        )
    for _ in range(n):
        Erkenning.objects.create(
            onderneming=side.onderneming,
            vestiging=VestigingFactory(onderneming=side.onderneming),
            opleiding=side.opleiding,
            partnerschap=side.partnerschap,
            geldig_van=op - relativedelta(years=5) + dt.timedelta(days=100),
            geldig_tot=op + dt.timedelta(days=100),
            publiek_zichtbaar=True,
            plaatsen_beschikbaar=True,
        )


@pytest.fixture
def met_machtiging(world: World) -> World:
    from erkenning.services import machtiging_verlenen

    side = world.sides["A"]
    machtiging_verlenen(
        onderneming=side.onderneming,
        gemachtigde=side.onderwijsinstelling,
        door=side.users[Rol.VERTEGENWOORDIGER],
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
    assert_query_budget(client, reverse(naam), lambda n: _dossiers(side, n))
    assert side.onderneming.naam in client.get(reverse(naam)).content.decode()


def test_the_queue_filtered(world: World) -> None:
    side = world.sides["A"]
    url = reverse("erkenning:wachtrij") + f"?status=volledig&opleiding={side.opleiding.public_id}"
    assert_query_budget(
        world.client_for("A", Rol.SECTORCONSULENT), url, lambda n: _dossiers(side, n)
    )


def test_the_queue_stays_within_budget_past_one_page(world: World) -> None:
    """More files than a page holds (50): still the same count."""
    side = world.sides["A"]
    assert_query_budget(
        world.client_for("A", Rol.SECTORCONSULENT),
        reverse("erkenning:wachtrij") + "?pagina=2",
        lambda n: _dossiers(side, n),
        small=10,
        large=30,
    )


def test_mandates_received_by_many(world: World) -> None:
    from erkenning.services import machtiging_verlenen

    side = world.sides["A"]

    def add(n: int) -> None:
        for _ in range(n):
            school = OnderwijsinstellingFactory()
            machtiging_verlenen(
                onderneming=side.onderneming,
                gemachtigde=school,
                door=side.users[Rol.VERTEGENWOORDIGER],
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
    assert_query_budget(Client(), url, lambda n: _dossiers(side, n))


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
    assert_query_budget(client, reverse("portaal:dashboard"), lambda n: _dossiers(side, n))
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


def _leerlingen_en_overeenkomsten(side: Side, n: int) -> None:
    """n learners of the side's school (overdue, due soon, matched), each with an agreement
    at the side's establishment, awaiting approval or signed and flagged to end; created
    directly: the world's mentor does not meet the conditions the services check."""
    from decimal import Decimal

    from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus
    from overeenkomsten.models import Leerling, Overeenkomst

    from .factories import insz

    nu = timezone.now()
    op = vandaag(nu)
    coach = side.users[Rol.TRAJECTBEGELEIDER]
    begin = Leerling.objects.count()
    for i in range(begin, begin + n):
        geboortedatum = dt.date(op.year - 17, 1 + i % 12, 1 + i % 28)
        leerling = Leerling.objects.create(
            onderwijsinstelling=side.onderwijsinstelling,
            trajectbegeleider=coach,
            voornaam="Lotte",
            achternaam=f"Leerling {i:03d}",
            insz=insz(geboortedatum, 100 + i),
            geboortedatum=geboortedatum,
            e_mail=f"leerling{i}@voorbeeld.be",
            straat="Kerkstraat",
            huisnummer="1",
            postcode="9000",
            gemeente="Gent",
            opleiding=side.opleiding,
            start_lessen=op,
            status=LeerlingStatus.WERKPLEK_GOEDGEKEURD,
            werkplek=side.vestiging,
            overeenkomst_uiterlijk=op + dt.timedelta(days=i % 3 * 7 - 7),
        )
        Overeenkomst.objects.create(
            leerling=leerling,
            onderwijsinstelling=side.onderwijsinstelling,
            trajectbegeleider=coach,
            onderneming=side.onderneming,
            vestiging=side.vestiging,
            opleiding=side.opleiding,
            toewijzing=side.toewijzing,
            soort=side.opleiding.overeenkomsttype,
            # Half await approval, half are signed and must end (their recognition ended).
            status=OvereenkomstStatus.ONDERTEKEND if i % 2 else OvereenkomstStatus.TER_GOEDKEURING,
            start=op + dt.timedelta(days=30),
            einde=op + dt.timedelta(days=700),
            werkplekuren_per_week=Decimal(24),
            opleidingsplan="Plan",
            verstuurd_op=nu,
            te_beeindigen_sinds=op if i % 2 else None,
        )


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
    assert_query_budget(client, reverse(naam), lambda n: _leerlingen_en_overeenkomsten(side, n))
    body = client.get(reverse(naam)).content.decode()
    assert body.count("Leerling 0") >= 30  # every row is on the page, none dropped


def test_employer_dashboard_with_agreements_to_approve_or_end(world: World) -> None:
    """The agreements section adds one query, the same for 1 and 30 agreements; the page stays
    within P1's 12."""
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("portaal:dashboard")
    assert_query_budget(client, url, lambda n: _leerlingen_en_overeenkomsten(side, n))
    assert client.get(url).content.decode().count('href="/overeenkomsten/') >= 30
