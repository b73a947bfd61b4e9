"""Registration, login by e-mail and the organisation switcher."""

import pytest

from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.organisaties.models import Onderneming

from .factories import MembershipFactory
from .world import World

pytestmark = pytest.mark.django_db


def _registratie(**overrides: str) -> dict:
    data = {
        "naam": "Bakkerij Vermeulen",
        "kbo_nummer": "0444.555.651",
        "rechtsvorm": "bv",
        "straat": "Markt",
        "huisnummer": "3",
        "postcode": "2000",
        "gemeente": "Antwerpen",
        "vertegenwoordiger_naam": "Jan Vermeulen",
        "email": "Jan@Bakkerij.be",
        "password1": "brood-en-banket-2026",
        "password2": "brood-en-banket-2026",
    }
    return {**data, **overrides}


def test_an_employer_registers_the_enterprise_and_becomes_its_representative(client) -> None:
    """Registered, to be confirmed from the mailbox (tests/test_registratie_bevestigen.py)."""
    response = client.post(reverse("accounts:registreren"), _registratie())
    assert response.status_code == 302 and response.url == reverse("accounts:registratie_verzonden")
    onderneming = Onderneming.objects.get(kbo_nummer="0444555651")
    membership = Membership.objects.get(organisatie=onderneming)
    assert membership.rol == Rol.VERTEGENWOORDIGER and membership.user.email == "jan@bakkerij.be"
    assert not membership.actief and not membership.user.is_active


@pytest.mark.parametrize(
    ("veld", "waarde", "fout"),
    [
        ("kbo_nummer", "0444.555.652", "geen geldig ondernemingsnummer"),
        ("postcode", "abcd", "Een Belgische postcode heeft 4 cijfers"),
        ("password2", "iets-anders-2026", "De twee wachtwoorden zijn niet gelijk."),
        ("password1", "12345678901234", "Dit wachtwoord bevat alleen cijfers."),
        ("gemeente", "", "Dit veld is verplicht."),
    ],
)
def test_bad_registration_input_gets_a_dutch_message_and_saves_nothing(
    client, veld: str, waarde: str, fout: str
) -> None:
    data = _registratie(**{veld: waarde})
    if veld == "password1":
        data["password2"] = waarde
    response = client.post(reverse("accounts:registreren"), data)
    assert response.status_code == 200
    assert fout in response.content.decode()
    assert not Onderneming.objects.exists() and not User.objects.exists()


def test_a_duplicate_enterprise_is_refused_with_a_way_forward(client, world: World) -> None:
    kbo = world.sides["A"].onderneming.kbo_nummer
    response = client.post(reverse("accounts:registreren"), _registratie(kbo_nummer=kbo))
    assert "al geregistreerd" in response.content.decode()
    assert Onderneming.objects.filter(kbo_nummer=kbo).count() == 1


def test_the_form_keeps_what_was_typed_after_an_error(client) -> None:
    response = client.post(reverse("accounts:registreren"), _registratie(postcode="1"))
    assert 'value="Bakkerij Vermeulen"' in response.content.decode()


def test_login_is_by_e_mail_address(client, world: World) -> None:
    user = world.sides["A"].users[Rol.TRAJECTBEGELEIDER]
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": "geheim-wachtwoord-123"}
    )
    assert response.status_code == 302 and response.url == reverse("portaal:dashboard")


def test_a_user_switches_to_another_of_their_organisations(client, world: World) -> None:
    user = world.sides["A"].users[Rol.VERTEGENWOORDIGER]
    tweede = MembershipFactory(user=user, organisatie=world.sides["B"].onderneming)
    client.force_login(user)
    client.post(reverse("accounts:organisatie_wisselen"), {"membership": tweede.public_id})
    response = client.get(reverse("portaal:dashboard"))
    assert response.context["actor"].membership == tweede
    assert "CANARY-B-vestiging" in response.content.decode()


def test_a_user_cannot_switch_to_someone_elses_membership(client, world: World) -> None:
    user = world.sides["A"].users[Rol.VERTEGENWOORDIGER]
    vreemd = world.sides["B"].users[Rol.VERTEGENWOORDIGER].memberships.get()
    client.force_login(user)
    response = client.post(
        reverse("accounts:organisatie_wisselen"), {"membership": vreemd.public_id}, follow=True
    )
    assert "U bent geen lid van die organisatie." in response.content.decode()
    assert response.context["actor"].organisatie_id == world.sides["A"].onderneming.pk


def test_a_read_only_employer_gets_403_on_adding_an_establishment(world: World) -> None:
    side = world.sides["A"]
    client = world.client_for("A", Rol.ONDERNEMING_MEDEWERKER)
    url = reverse("organisaties:vestiging_toevoegen", args=[side.onderneming.public_id])
    assert client.get(url).status_code == 403


def test_password_reset_mail_is_sent_in_dutch(
    client, world: World, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    user = world.sides["A"].users[Rol.VERTEGENWOORDIGER]
    with django_capture_on_commit_callbacks(execute=True):  # the outbox delivers on commit
        client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mailoutbox) == 1
    assert "nieuw wachtwoord" in mailoutbox[0].body.lower()
    assert "/wachtwoord/herstellen/" in mailoutbox[0].body
