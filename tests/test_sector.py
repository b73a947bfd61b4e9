"""An employer declares its sector to a partnership; the partnership confirms or refuses it
(duaal/organisaties/sector.py): who may, the mails to both sides, the audit, and the pages."""

import datetime as dt
from collections.abc import Iterator

import pytest

from django.urls import reverse
from django.utils import translation

from duaal.accounts.constants import Rol
from duaal.meldingen.models import Melding
from duaal.organisaties.constants import AuditVerb
from duaal.organisaties.opleidingsregels import Sector, SectorVerklaring
from duaal.organisaties.sector import (
    bevestigde_sectoren,
    kan_sector_beoordelen,
    kan_sector_verklaren,
    sector_bevestigen,
    sector_verklaren,
    sector_weigeren,
)
from duaal.workflow import Refused
from tests.factories import OndernemingFactory, PartnerschapFactory
from tests.support import als, lid, moment, verbs

NU = moment(dt.date(2026, 9, 14))

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


@pytest.fixture
def partijen():
    onderneming = OndernemingFactory(naam="Woonzorg De Linde")
    partnerschap = PartnerschapFactory(naam="Partnerschap Zorg")
    return {
        "onderneming": onderneming,
        "partnerschap": partnerschap,
        "werkgever": lid(onderneming, Rol.VERTEGENWOORDIGER, naam="Wim Werkgever"),
        "medewerker": lid(onderneming, Rol.ONDERNEMING_MEDEWERKER),
        "consulent": lid(partnerschap, Rol.SECTORCONSULENT, naam="Sara Consulent"),
        "beheerder": lid(partnerschap, Rol.PARTNERSCHAPSBEHEERDER, naam="Bart Beheerder"),
        # Another enterprise and another partnership, each with its own people.
        "andere_onderneming": (andere := OndernemingFactory(naam="Andere Zorg")),
        "andere_werkgever": lid(andere, Rol.VERTEGENWOORDIGER),
        "ander_partnerschap": (ander := PartnerschapFactory(naam="Ander Partnerschap")),
        "andere_consulent": lid(ander, Rol.SECTORCONSULENT),
    }


def _verklaren(p, sector=Sector.GEHANDICAPTENZORG) -> SectorVerklaring:
    return sector_verklaren(
        onderneming=p["onderneming"],
        partnerschap=p["partnerschap"],
        sector=sector,
        door=als(p["werkgever"]),
        now=NU,
    )


def _aan(template: str) -> set[str]:
    return set(Melding.objects.filter(sjabloon=template).values_list("e_mail", flat=True))


def test_the_representative_declares_and_the_partnership_is_mailed(partijen) -> None:
    p = partijen
    verklaring = _verklaren(p)
    assert verklaring.open and verklaring.verklaard_door == p["werkgever"]
    assert _aan("organisaties/sector_declared") == {p["consulent"].email, p["beheerder"].email}
    assert AuditVerb.SECTOR_VERKLAARD in verbs(p["onderneming"])
    # Nothing is open before the partnership answers.
    assert (
        bevestigde_sectoren(
            onderneming_id=p["onderneming"].pk, partnerschap_id=p["partnerschap"].pk
        )
        == set()
    )


def test_only_the_enterprises_own_representative_declares(partijen) -> None:
    p = partijen
    for wie in ("medewerker", "andere_werkgever", "consulent"):
        weigering = kan_sector_verklaren(
            p["onderneming"],
            partnerschap=p["partnerschap"],
            sector=Sector.GEHANDICAPTENZORG,
            door=als(p[wie]),
            now=NU,
        )
        assert not weigering.allowed, wie
    with pytest.raises(Refused):
        sector_verklaren(
            onderneming=p["onderneming"],
            partnerschap=p["partnerschap"],
            sector=Sector.GEHANDICAPTENZORG,
            door=als(p["andere_werkgever"]),
            now=NU,
        )


def test_the_same_sector_is_not_declared_twice_while_open(partijen) -> None:
    p = partijen
    _verklaren(p)
    weigering = kan_sector_verklaren(
        p["onderneming"],
        partnerschap=p["partnerschap"],
        sector=Sector.GEHANDICAPTENZORG,
        door=als(p["werkgever"]),
        now=NU,
    )
    assert "already declared" in weigering.message


@pytest.mark.parametrize("wie", ["consulent", "beheerder"])
def test_a_consultant_or_the_admin_confirms_and_the_employer_is_mailed(partijen, wie) -> None:
    p = partijen
    verklaring = sector_bevestigen(verklaring=_verklaren(p), door=als(p[wie]), now=NU)
    assert verklaring.bevestigd and verklaring.bevestigd_door == p[wie]
    assert bevestigde_sectoren(
        onderneming_id=p["onderneming"].pk, partnerschap_id=p["partnerschap"].pk
    ) == {Sector.GEHANDICAPTENZORG}
    assert _aan("organisaties/sector_confirmed") == {p["werkgever"].email}
    assert AuditVerb.SECTOR_BEVESTIGD in verbs(p["onderneming"])
    # Answered once: no second answer.
    assert "already answered" in kan_sector_beoordelen(verklaring, door=als(p[wie]), now=NU).message


def test_a_refusal_needs_a_reason_and_mails_it(partijen) -> None:
    p = partijen
    verklaring = _verklaren(p)
    with pytest.raises(Refused, match="Say why"):
        sector_weigeren(verklaring=verklaring, reden="  ", door=als(p["consulent"]), now=NU)
    verklaring = sector_weigeren(
        verklaring=verklaring,
        reden="Geen Sociale Maribel: de onderneming valt onder PC 330 niet.",
        door=als(p["consulent"]),
        now=NU,
    )
    assert verklaring.geweigerd and not verklaring.bevestigd
    mail = Melding.objects.get(sjabloon="organisaties/sector_refused")
    assert mail.e_mail == p["werkgever"].email and "PC 330" in mail.context["reden"]
    assert AuditVerb.SECTOR_GEWEIGERD in verbs(p["onderneming"])
    assert (
        bevestigde_sectoren(
            onderneming_id=p["onderneming"].pk, partnerschap_id=p["partnerschap"].pk
        )
        == set()
    )
    # After a refusal the employer may declare again (the facts may have changed).
    assert kan_sector_verklaren(
        p["onderneming"],
        partnerschap=p["partnerschap"],
        sector=Sector.GEHANDICAPTENZORG,
        door=als(p["werkgever"]),
        now=NU,
    ).allowed


@pytest.mark.parametrize("wie", ["andere_consulent", "werkgever", "medewerker"])
def test_nobody_else_answers(partijen, wie) -> None:
    p = partijen
    verklaring = _verklaren(p)
    assert not kan_sector_beoordelen(verklaring, door=als(p[wie]), now=NU).allowed
    with pytest.raises(Refused):
        sector_bevestigen(verklaring=verklaring, door=als(p[wie]), now=NU)


def test_a_confirmation_for_one_partnership_opens_nothing_at_another(partijen) -> None:
    p = partijen
    sector_bevestigen(verklaring=_verklaren(p), door=als(p["consulent"]), now=NU)
    assert (
        bevestigde_sectoren(
            onderneming_id=p["onderneming"].pk, partnerschap_id=p["ander_partnerschap"].pk
        )
        == set()
    )
    assert (
        bevestigde_sectoren(
            onderneming_id=p["andere_onderneming"].pk, partnerschap_id=p["partnerschap"].pk
        )
        == set()
    )


# The pages.


def _client(client, user):
    client.force_login(user)
    return client


def test_the_employer_declares_on_its_page_and_the_partnership_answers_on_its_own(
    client, partijen
) -> None:
    p = partijen
    _client(client, p["werkgever"])
    pagina = client.get(p["onderneming"].get_absolute_url())
    url = reverse("organisaties:sector_verklaren", args=[p["onderneming"].public_id])
    assert url in pagina.content.decode()
    antwoord = client.post(
        url, {"partnerschap": p["partnerschap"].public_id, "sector": Sector.PRIVE_ZIEKENHUIS}
    )
    assert antwoord.status_code == 302
    verklaring = SectorVerklaring.objects.get(onderneming=p["onderneming"])
    pagina = client.get(p["onderneming"].get_absolute_url()).content.decode()
    assert verklaring.get_absolute_url() in pagina

    client.logout()
    _client(client, p["consulent"])
    pagina = client.get(p["partnerschap"].get_absolute_url()).content.decode()
    assert "Woonzorg De Linde" in pagina and verklaring.get_absolute_url() in pagina
    weigeren = reverse("organisaties:sector_weigeren", args=[verklaring.public_id])
    assert client.post(weigeren, {"reden": ""}).status_code == 200  # the form again
    assert client.post(weigeren, {"reden": "Geen privéziekenhuis."}).status_code == 302
    verklaring.refresh_from_db()
    assert verklaring.geweigerd and verklaring.weigering_reden == "Geen privéziekenhuis."


def test_the_partnership_page_lists_declarations_to_its_reviewers_only(client, partijen) -> None:
    p = partijen
    _verklaren(p)
    for wie, ziet in [("consulent", True), ("andere_consulent", False), ("werkgever", False)]:
        client.force_login(p[wie])
        pagina = client.get(p["partnerschap"].get_absolute_url()).content.decode()
        assert ('data-testid="sector-open"' in pagina) is ziet, wie
        client.logout()


def test_a_declaration_is_hidden_from_other_organisations(client, partijen) -> None:
    p = partijen
    verklaring = _verklaren(p)
    for wie, status in [
        ("werkgever", 200),
        ("medewerker", 200),
        ("consulent", 200),
        ("andere_werkgever", 404),
        ("andere_consulent", 404),
    ]:
        client.force_login(p[wie])
        assert client.get(verklaring.get_absolute_url()).status_code == status, wie
        bevestigen = reverse("organisaties:sector_bevestigen", args=[verklaring.public_id])
        verwacht = {"werkgever": 403, "medewerker": 403, "consulent": 200}.get(wie, 404)
        assert client.get(bevestigen).status_code == verwacht, wie
        client.logout()


def test_confirming_through_the_page(client, partijen) -> None:
    p = partijen
    verklaring = _verklaren(p)
    client.force_login(p["beheerder"])
    url = reverse("organisaties:sector_bevestigen", args=[verklaring.public_id])
    assert client.post(url, {}).status_code == 200  # the box must be ticked
    assert client.post(url, {"bevestigd": "on"}).status_code == 302
    verklaring.refresh_from_db()
    assert verklaring.bevestigd
    # Answered: the page says so instead of offering the form.
    assert b'data-testid="niet-mogelijk"' in client.get(url).content
