"""The public programme page says the rules in force in words, so an employer knows them
before accepting a learner: every rule of the care brochure for the care programme."""

import datetime as dt
import html

import pytest

from django.test import Client
from django.utils import translation

from devtools.demo.opleidingsregels import zorg_regels
from duaal.accounts.constants import Rol
from duaal.organisaties.programmaregels import opleidingsregels_voor
from duaal.organisaties.regels_in_woorden import in_woorden
from tests.support import moment
from tests.world import World

pytestmark = pytest.mark.django_db

BROCHURE = [
    "Tussen 1 september en 30 september.",
    "Een latere start kan enkel als de school al een leerling in deze opleiding heeft.",
    "Uiterlijk op 30 juni.",
    "10 maanden.",
    "Gemiddeld 20 uur per week op de werkplek, over de hele opleiding",
    "minstens 18 jaar in de loop van het schooljaar (uiterlijk op 31 augustus)",
    "hoogstens 25 jaar",
    "Een van deze volstaat: Diploma secundair onderwijs (bewijs: Nummer en datum van het diploma)",
    "Certificaat 'verzorgende' uitgereikt in het stelsel van leren en werken (bewijs: Datum en "
    "uitreikend centrum van het certificaat)",
    "Een medisch onderzoek door de arbeidsgeneesheer vóór de indienstneming, georganiseerd en "
    "betaald door de werkgever.",
    "De werkgever doet vóór de eerste werkdag een Dimona-aangifte van het type ALT",
    "Fase 1: Residentiële setting",
    "5 tot 7 maanden.",
    "Fase 2: Thuiszorg",
    "3 tot 5 maanden.",
    "Vóór deze fase heeft de leerling een inschrijvingsnummer als zorgkundige.",
    "Minstens 10 begeleide dagen in de eerste maand.",
    "Een evaluatie na 1 maand: positief, of een gemotiveerd verslag.",
    "Daarna wekelijkse feedback door de mentor.",
    "Niveau 4 van de Vlaamse kwalificatiestructuur.",
    "60% van de opleidingstijd verloopt op de werkplek.",
    "Voltijdse blokperiodes op de werkplek zijn toegestaan.",
    "Deeltijdse arbeidsovereenkomst met financiering via de Sociale Maribel: ",
    "van 20 uur per week, voor werkgevers uit: ",
    "De leerling doet werkervaring op in twee contexten",
]


def _pagina(client: Client, opleiding) -> str:
    response = client.get(opleiding.get_absolute_url())
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_an_anonymous_visitor_reads_every_rule_of_the_care_brochure(world: World) -> None:
    opleiding = world.sides["A"].opleiding
    zorg_regels(opleiding)
    pagina = _pagina(Client(), opleiding)
    ontbreekt = [zin for zin in BROCHURE if zin not in pagina]
    assert ontbreekt == []


def test_the_alternative_names_its_type_and_sectors(world: World) -> None:
    opleiding = world.sides["A"].opleiding
    zorg_regels(opleiding)
    with translation.override("nl"):
        woorden = dict(in_woorden(opleidingsregels_voor(opleiding, op=dt.date(2026, 9, 1))))
    zin = woorden["Ander overeenkomsttype"]
    assert "Deeltijdse arbeidsovereenkomst" in zin or "(DA)" in zin
    assert "Privéziekenhuis" in zin or "ziekenhuis" in zin.lower()


def test_a_programme_without_rules_says_its_own_fields(world: World) -> None:
    opleiding = world.sides["A"].opleiding
    pagina = _pagina(Client(), opleiding)
    assert "minstens 15 jaar op de startdatum" in pagina
    assert "Gemiddeld 24 uur per week op de werkplek" in pagina
    assert "De werkgever doet vóór de eerste werkdag een Dimona-aangifte" in pagina


def test_the_page_shows_the_rules_in_force_on_the_day(world: World) -> None:
    opleiding = world.sides["A"].opleiding
    zorg_regels(opleiding, geldig_vanaf=moment(dt.date(2099, 1, 1)))
    pagina = _pagina(Client(), opleiding)
    assert "minstens 15 jaar op de startdatum" in pagina and "Thuiszorg" not in pagina


def test_the_page_is_english_on_request(world: World) -> None:
    opleiding = world.sides["A"].opleiding
    zorg_regels(opleiding)
    with translation.override("en"):
        woorden = in_woorden(opleidingsregels_voor(opleiding, op=dt.date(2026, 9, 1)))
    tekst = " ".join(zin for _label, zin in woorden)
    assert "at least 18 years old during the school year (by 31 August at the latest)" in tekst


@pytest.mark.parametrize(
    ("side", "rol", "ziet"),
    [
        ("A", Rol.PARTNERSCHAPSBEHEERDER, True),
        ("B", Rol.PLATFORMBEHEERDER, True),
        ("B", Rol.PARTNERSCHAPSBEHEERDER, False),
        ("A", Rol.VERTEGENWOORDIGER, False),
    ],
)
def test_only_those_allowed_see_the_link_to_set_up_the_rules(
    world: World, side: str, rol: str, ziet: bool
) -> None:
    opleiding = world.sides["A"].opleiding
    pagina = _pagina(world.client_for(side, rol), opleiding)
    assert ('id="opleidingsregels-wijzigen"' in pagina) is ziet


def test_anonymous_visitors_see_no_link_to_set_up_the_rules(world: World) -> None:
    pagina = _pagina(Client(), world.sides["A"].opleiding)
    assert 'id="opleidingsregels-wijzigen"' not in pagina


def test_the_partnership_page_links_its_admin_to_each_programmes_rules(world: World) -> None:
    side = world.sides["A"]
    client = world.client_for("A", Rol.PARTNERSCHAPSBEHEERDER)
    pagina = client.get(side.partnerschap.get_absolute_url()).content.decode()
    link = f"/opleidingen/{side.opleiding.public_id}/regels/"
    assert link in pagina
    werkgever = world.client_for("A", Rol.VERTEGENWOORDIGER)
    assert link not in werkgever.get(side.partnerschap.get_absolute_url()).content.decode()
