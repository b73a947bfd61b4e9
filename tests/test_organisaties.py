"""Enterprises and establishments: numbers validated by check digits, bad input saves nothing."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.audit.models import Event
from duaal.organisaties.models import Vestiging
from duaal.organisaties.validators import normalise_kbo, normalise_vestigingseenheid

from .world import World


@pytest.mark.parametrize("invoer", ["0412.345.614", "BE 0412345614", "412345614", "0412 345 614"])
def test_it_normalises_a_valid_kbo_number(invoer: str) -> None:
    assert normalise_kbo(invoer) == "0412345614"


@pytest.mark.parametrize("invoer", ["0412.345.615", "041234561", "2100000114", "abc"])
def test_it_refuses_a_kbo_number_with_wrong_check_digits(invoer: str) -> None:
    with pytest.raises(ValidationError) as exc:
        normalise_kbo(invoer)
    assert exc.value.code == "invalid_kbo"


def test_it_accepts_an_establishment_unit_number_starting_with_2_to_8() -> None:
    assert normalise_vestigingseenheid("2.100.000.114") == "2100000114"


@pytest.mark.parametrize("invoer", ["2100000115", "0412345614", "9100000116", "21000001"])
def test_it_refuses_a_wrong_establishment_unit_number(invoer: str) -> None:
    with pytest.raises(ValidationError):
        normalise_vestigingseenheid(invoer)


def _vestiging_data(**overrides: str) -> dict:
    data = {
        "naam": "Nieuwe vestiging",
        "vestigingseenheidsnummer": "2.400.000.427",
        "straat": "Dorpsstraat",
        "huisnummer": "7",
        "postcode": "3000",
        "gemeente": "Leuven",
    }
    return {**data, **overrides}


def test_representative_adds_an_establishment_with_an_audit_event(world: World) -> None:
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("organisaties:vestiging_toevoegen", args=[side.onderneming.public_id])
    response = client.post(url, _vestiging_data())
    vestiging = Vestiging.objects.get(vestigingseenheidsnummer="2400000427")
    assert response.status_code == 302 and response.url == vestiging.get_absolute_url()
    event = Event.objects.get(object_id=vestiging.pk, verb="vestiging.toegevoegd")
    assert event.actor == side.users[Rol.VERTEGENWOORDIGER]
    assert event.organisatie_id == side.onderneming.pk


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("vestigingseenheidsnummer", "2400000428", "geen geldig vestigingseenheidsnummer"),
        ("postcode", "90", "Een Belgische postcode heeft 4 cijfers"),
        ("naam", "", "Dit veld is verplicht."),
    ],
)
def test_bad_establishment_input_gets_a_dutch_message_and_saves_nothing(
    world: World, veld: str, waarde: str, fout: str
) -> None:
    side = world.sides["A"]
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("organisaties:vestiging_toevoegen", args=[side.onderneming.public_id])
    before = Vestiging.objects.count()
    response = client.post(url, _vestiging_data(**{veld: waarde}))
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert Vestiging.objects.count() == before


def test_a_registered_establishment_unit_cannot_be_added_twice(world: World) -> None:
    side = world.sides["A"]
    bestaand = world.sides["B"].vestiging.vestigingseenheidsnummer
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("organisaties:vestiging_toevoegen", args=[side.onderneming.public_id])
    response = client.post(url, _vestiging_data(vestigingseenheidsnummer=bestaand))
    assert "al geregistreerd" in response.content.decode()
    assert Vestiging.objects.filter(vestigingseenheidsnummer=bestaand).count() == 1


def test_changing_an_establishment_records_before_and_after(world: World) -> None:
    vestiging = world.sides["A"].vestiging
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("organisaties:vestiging_wijzigen", args=[vestiging.public_id])
    data = _vestiging_data(vestigingseenheidsnummer=vestiging.vestigingseenheidsnummer)
    client.post(url, data)
    event = Event.objects.get(object_id=vestiging.pk, verb="vestiging.gewijzigd")
    assert event.before["gemeente"] == "Gent" and event.after["gemeente"] == "Leuven"


def test_saving_an_unchanged_establishment_records_nothing(world: World) -> None:
    vestiging = world.sides["A"].vestiging
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    url = reverse("organisaties:vestiging_wijzigen", args=[vestiging.public_id])
    fields = ["naam", "vestigingseenheidsnummer", "straat", "huisnummer", "postcode", "gemeente"]
    client.post(url, {f: getattr(vestiging, f) for f in fields})
    assert not Event.objects.filter(object_id=vestiging.pk, verb="vestiging.gewijzigd").exists()


@pytest.mark.django_db
def test_the_programme_catalogue_pages_keep_the_search(client) -> None:
    import factory

    from .factories import OpleidingFactory

    OpleidingFactory.create_batch(30, officiele_naam=factory.Sequence(lambda n: f"Zorg {n}"))
    OpleidingFactory(officiele_naam="Bakker duaal")
    body = client.get(reverse("organisaties:opleiding_list"), {"q": "Zorg"}).content.decode()
    assert 'href="?q=Zorg&amp;pagina=2"' in body and "1 / 2" in body
    assert "Bakker duaal" not in body
