"""The partnership sets up a programme's rules as dated versions: who may, what a new version
leaves intact, which version a moment reads, and bad input refused in Dutch with nothing saved."""

import dataclasses
import datetime as dt
import html
import re
from decimal import Decimal

import pytest

from django.test import Client
from django.urls import reverse

from devtools.demo.opleidingsregels import zorg_regels
from duaal.accounts.actor import ANONYMOUS
from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.organisaties.constants import AuditVerb
from duaal.organisaties.models import OpleidingsFase, OpleidingsRegels, TypeAlternatief
from duaal.organisaties.opleidingsregels_beheer import OngeldigeOpleidingsregels
from duaal.organisaties.opleidingsregels_gegevens import (
    AlternatiefGegevens,
    FaseGegevens,
    gegevens_uit,
)
from duaal.organisaties.programmaregels import opleidingsregels_voor
from duaal.organisaties.services import kan_opleidingsregels_wijzigen, opleidingsregels_wijzigen
from duaal.workflow import Refused
from tests.formulier_html import lees
from tests.support import als, moment, verbs
from tests.world import World

pytestmark = pytest.mark.django_db

BEHEER, VERT, PLATFORM = Rol.PARTNERSCHAPSBEHEERDER, Rol.VERTEGENWOORDIGER, Rol.PLATFORMBEHEERDER
T0 = moment(dt.date(2026, 6, 1))
T1 = moment(dt.date(2026, 8, 15))


def _zorg(world: World):
    side = world.sides["A"]
    return side.opleiding, zorg_regels(side.opleiding, geldig_vanaf=T0)


def _gegevens(opleiding, op=T1, **wijziging):
    return dataclasses.replace(gegevens_uit(opleidingsregels_voor(opleiding, op=op)), **wijziging)


def _beheerder(world: World, side: str = "A"):
    return als(world.sides[side].users[BEHEER])


def url(opleiding) -> str:
    return reverse("organisaties:opleidingsregels", kwargs={"public_id": opleiding.public_id})


def test_the_owning_partnerships_admin_and_platform_staff_may_change_the_rules(
    world: World,
) -> None:
    opleiding = world.sides["A"].opleiding
    assert kan_opleidingsregels_wijzigen(opleiding, door=_beheerder(world), now=T1).allowed
    platform = als(world.sides["B"].users[PLATFORM])
    assert kan_opleidingsregels_wijzigen(opleiding, door=platform, now=T1).allowed


@pytest.mark.parametrize(
    "wie", ["ander_partnerschap", "werkgever", "consulent", "anoniem"], ids=str
)
def test_others_may_not_change_the_rules(world: World, wie: str) -> None:
    opleiding, _versie = _zorg(world)
    door = {
        "ander_partnerschap": lambda: _beheerder(world, "B"),
        "werkgever": lambda: als(world.sides["A"].users[VERT]),
        "consulent": lambda: als(world.sides["A"].users[Rol.SECTORCONSULENT]),
        "anoniem": lambda: ANONYMOUS,
    }[wie]()
    guard = kan_opleidingsregels_wijzigen(opleiding, door=door, now=T1)
    assert not guard.allowed and "Partnerschap A" in guard.message
    with pytest.raises(Refused):
        opleidingsregels_wijzigen(opleiding, _gegevens(opleiding), door=door, now=T1)
    assert OpleidingsRegels.objects.filter(opleiding=opleiding).count() == 1


def test_the_page_refuses_others_and_sends_anonymous_users_to_log_in(world: World) -> None:
    opleiding = world.sides["A"].opleiding
    assert world.client_for("A", BEHEER).get(url(opleiding)).status_code == 200
    assert world.client_for("B", PLATFORM).get(url(opleiding)).status_code == 200
    assert world.client_for("B", BEHEER).get(url(opleiding)).status_code == 403
    assert world.client_for("A", VERT).get(url(opleiding)).status_code == 403
    assert world.client_for("A", VERT).post(url(opleiding)).status_code == 403
    assert Client().get(url(opleiding)).status_code == 302


def test_a_new_version_leaves_the_old_one_intact_and_each_moment_reads_its_own(
    world: World,
) -> None:
    opleiding, oud = _zorg(world)
    nieuw = opleidingsregels_wijzigen(
        opleiding, _gegevens(opleiding, max_duur_maanden=9), door=_beheerder(world), now=T1
    )
    assert nieuw.pk != oud.pk and nieuw.geldig_vanaf == T1
    oud.refresh_from_db()
    assert oud.max_duur_maanden == 10 and oud.fases.count() == 2
    assert oud.vooropleidingen.count() == 3 and oud.type_alternatieven.count() == 1
    voor = opleidingsregels_voor(opleiding, op=T1 - dt.timedelta(minutes=1))
    na = opleidingsregels_voor(opleiding, op=T1 + dt.timedelta(minutes=1))
    assert (voor.versie_id, voor.max_duur_maanden) == (oud.pk, 10)
    assert (na.versie_id, na.max_duur_maanden) == (nieuw.pk, 9)
    # The new version carries the rows over: the phases, prerequisites and alternative.
    assert [f.naam for f in na.fases] == ["Residentiële setting", "Thuiszorg"]
    assert len(na.vooropleidingen) == 3 and na.alternatieven[0].soort == "da"


def test_the_change_is_audited_with_what_changed(world: World) -> None:
    opleiding, _oud = _zorg(world)
    nieuw = opleidingsregels_wijzigen(
        opleiding, _gegevens(opleiding, werkplekaandeel_procent=70), door=_beheerder(world), now=T1
    )
    assert verbs(opleiding) == [AuditVerb.OPLEIDINGSREGELS_GEWIJZIGD]
    event = Event.objects.get(object_id=opleiding.pk, verb=AuditVerb.OPLEIDINGSREGELS_GEWIJZIGD)
    assert event.before == {"werkplekaandeel_procent": 60}
    assert event.after == {"werkplekaandeel_procent": 70, "versie": nieuw.pk}
    assert event.actor == world.sides["A"].users[BEHEER] and event.at == T1


def test_unchanged_rules_make_no_new_version(world: World) -> None:
    opleiding, oud = _zorg(world)
    terug = opleidingsregels_wijzigen(
        opleiding, _gegevens(opleiding), door=_beheerder(world), now=T1
    )
    assert terug.pk == oud.pk and verbs(opleiding) == []


def test_a_first_version_replaces_the_programmes_own_fields(world: World) -> None:
    opleiding = world.sides["A"].opleiding
    eerste = opleidingsregels_wijzigen(
        opleiding, _gegevens(opleiding, max_duur_maanden=12), door=_beheerder(world), now=T1
    )
    assert eerste.gemiddelde_werkplekuren == Decimal(24) and eerste.max_duur_maanden == 12
    assert opleidingsregels_voor(opleiding, op=T1 - dt.timedelta(days=1)).versie_id is None


FASE = FaseGegevens(1, "Residentiële setting", "residentieel", 5, 7)
DA = AlternatiefGegevens("da", ("prive_ziekenhuis",), Decimal(20), "Sociale Maribel")

FOUT_INVOER = [
    ({"start_tot_dag": 31, "start_tot_maand": 2}, "Laatste start: 31/2 is geen bestaande datum."),
    ({"einde_uiterlijk_maand": None}, "Uiterlijk einde: vul zowel de dag als de maand in"),
    ({"start_van_dag": None, "start_van_maand": None}, "Startperiode: vul zowel de vroegste"),
    ({"gemiddelde_werkplekuren": Decimal(0)}, "per week: 0 kan niet"),
    ({"gemiddelde_werkplekuren": Decimal("38.5")}, "per week: 38,5 kan niet"),
    ({"gemiddelde_werkplekuren": Decimal(16)}, "16 is minder dan 20"),
    ({"minimumleeftijd": 22, "maximumleeftijd": 20}, "minimumleeftijd 22 is hoger dan"),
    ({"werkplekaandeel_procent": 101}, "Aandeel op de werkplek: 101% ligt buiten 0 tot 100%."),
    ({"leeftijd_peil_dag": None, "leeftijd_peil_maand": None}, "Minimumleeftijd bereikt op:"),
    (
        {"fases": (dataclasses.replace(FASE, min_maanden=8),)},
        "Fase 1 (Residentiële setting): het minimum van 8 maanden is meer dan het maximum van "
        "7 maanden.",
    ),
    (
        {"fases": (FASE, dataclasses.replace(FASE, volgorde=3))},
        "Fasen: de volgorde is 1, 3; nummer de fasen van 1 tot 2",
    ),
    (
        {"alternatieven": (dataclasses.replace(DA, sectoren=()),)},
        "Alternatief “Sociale Maribel”: kies minstens één sector.",
    ),
    (
        {"alternatieven": (dataclasses.replace(DA, uren_per_week=None),)},
        "Alternatief “Sociale Maribel”: vul het aantal uren op de werkplek per week in",
    ),
]


@pytest.mark.parametrize(("wijziging", "bericht"), FOUT_INVOER)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(
    world: World, wijziging: dict, bericht: str
) -> None:
    opleiding, _oud = _zorg(world)
    with pytest.raises(OngeldigeOpleidingsregels) as fout:
        opleidingsregels_wijzigen(
            opleiding, _gegevens(opleiding, **wijziging), door=_beheerder(world), now=T1
        )
    assert bericht.casefold() in fout.value.message.casefold()
    assert OpleidingsRegels.objects.filter(opleiding=opleiding).count() == 1
    assert OpleidingsFase.objects.count() == 2 and TypeAlternatief.objects.count() == 1
    assert verbs(opleiding) == []


def _formulier(client: Client, opleiding) -> dict:
    html = client.get(url(opleiding)).content.decode()
    formulier = next(f for f in lees(html, url(opleiding))[0] if f.method == "post")
    # A browser posts the empty first option of an empty row's select (basis() picks a value).
    leeg = {v.name: "" for v in formulier.velden if v.soort == "select" and not v.waarde}
    return {**formulier.basis(), **leeg}


def test_the_page_is_prefilled_from_the_version_in_force_and_saves_a_new_one(
    world: World,
) -> None:
    opleiding, oud = _zorg(world)
    client = world.client_for("A", BEHEER)
    data = _formulier(client, opleiding)
    assert data["fases-1-naam"] == "Thuiszorg" and data["start_tot_dag"] == "30"
    assert data["alternatieven-0-sectoren"] == ["prive_ziekenhuis", "gehandicaptenzorg"]
    data.update({"max_duur_maanden": "9", "fases-2-volgorde": "3", "fases-2-naam": "Stage"})
    data.update({"fases-2-context": "andere", "fases-0-DELETE": "on"})
    data["fases-1-volgorde"], data["fases-2-volgorde"] = "1", "2"
    response = client.post(url(opleiding), data)
    assert response.status_code == 302, _fouten(response)
    nieuw = opleidingsregels_voor(opleiding, op=dt.datetime.now(dt.UTC))
    assert nieuw.versie_id != oud.pk and nieuw.max_duur_maanden == 9
    assert [f.naam for f in nieuw.fases] == ["Thuiszorg", "Stage"]
    pagina = html.unescape(client.get(url(opleiding)).content.decode())
    assert world.sides["A"].users[BEHEER].naam in pagina  # the version history says who


def test_the_page_shows_the_dutch_message_and_keeps_what_was_typed(world: World) -> None:
    opleiding, _oud = _zorg(world)
    client = world.client_for("A", BEHEER)
    data = {**_formulier(client, opleiding), "start_tot_dag": "31", "start_tot_maand": "2"}
    response = client.post(url(opleiding), data)
    assert response.status_code == 200
    assert "Laatste start: 31/2 is geen bestaande datum." in response.content.decode()
    assert OpleidingsRegels.objects.filter(opleiding=opleiding).count() == 1


def test_a_save_over_a_newer_version_is_refused(world: World) -> None:
    opleiding, _oud = _zorg(world)
    client = world.client_for("A", BEHEER)
    data = _formulier(client, opleiding)
    opleidingsregels_wijzigen(
        opleiding, _gegevens(opleiding, max_duur_maanden=9), door=_beheerder(world), now=T1
    )
    response = client.post(url(opleiding), {**data, "max_duur_maanden": "8"})
    assert response.status_code == 200
    assert "Iemand heeft een nieuwe versie van deze regels bewaard" in response.content.decode()
    assert OpleidingsRegels.objects.filter(opleiding=opleiding).count() == 2


def _fouten(response) -> str:
    """The errors the page shows, for the assertion's message."""
    body = response.content.decode()
    return " | ".join(re.findall(r"(?:invalid-feedback|alert-danger)[^>]*>(.*?)</", body, re.S))


def test_hours_are_typed_with_a_comma_and_named_in_the_refusal(world: World) -> None:
    opleiding, _oud = _zorg(world)
    client = world.client_for("A", BEHEER)
    data = {**_formulier(client, opleiding), "gemiddelde_werkplekuren": "19,5"}
    response = client.post(url(opleiding), data)
    assert "19,5 is minder dan 20" in response.content.decode()
    assert OpleidingsRegels.objects.filter(opleiding=opleiding).count() == 1
