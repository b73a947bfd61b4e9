"""Registration answers the same whether or not the address has an account: every valid
registration ends on "check your mailbox"; the mailbox's owner confirms with the link (a new
account is switched on then, an existing one only gets the enterprise); an existing owner is
told someone used the address. Mails per address and per client are limited, with the same
answer."""

import re

import pytest

from django.test import Client
from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.meldingen.models import Melding
from duaal.organisaties.models import Onderneming
from duaal.requestlog import tokens_verbergen

from .factories import UserFactory
from .test_accounts import _registratie

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/registreren/bevestigen/\S+/")


def _registreren(client: Client, capture, **overrides: str):
    with capture(execute=True):
        return client.post(reverse("accounts:registreren"), _registratie(**overrides))


def _link(mail) -> str:
    return LINK.search(mail.body).group(0)


def _bevestigen(client: Client, link: str):
    """Open the mailed link, then press the button on the page it leads to."""
    geopend = client.get(link)
    assert geopend.status_code == 302 and geopend.url == reverse("accounts:registratie_bevestigen")
    assert client.get(geopend.url).status_code == 200
    return client.post(geopend.url)


def test_a_new_address_confirms_from_the_mail_and_lands_on_the_dashboard(
    client, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    response = _registreren(client, django_capture_on_commit_callbacks)
    assert response.url == reverse("accounts:registratie_verzonden")
    assert "_auth_user_id" not in client.session
    inloggen = {"username": "jan@bakkerij.be", "password": "brood-en-banket-2026"}
    assert Client().post(reverse("accounts:login"), inloggen).status_code == 200  # not yet
    [mail] = mailoutbox
    assert mail.to == ["jan@bakkerij.be"] and "Bakkerij Vermeulen" in mail.body
    pagina = client.get(client.get(_link(mail)).url).content.decode()
    assert "Bakkerij Vermeulen" in pagina and "0444555651" in pagina
    bevestigd = client.post(reverse("accounts:registratie_bevestigen"))
    assert bevestigd.url == reverse("portaal:dashboard")
    membership = Membership.objects.get(
        organisatie=Onderneming.objects.get(kbo_nummer="0444555651")
    )
    assert (
        membership.actief and membership.user.is_active and membership.rol == Rol.VERTEGENWOORDIGER
    )
    assert client.get(reverse("portaal:dashboard")).context["actor"].membership == membership


def test_an_existing_address_gets_the_same_answer_and_its_owner_a_mail(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    bestaand = UserFactory(email="jan@bakkerij.be", naam="Jan Vermeulen")
    nieuw, oud = Client(), Client()
    voor_nieuw = _registreren(nieuw, django_capture_on_commit_callbacks, email="an@elders.be")
    voor_oud = _registreren(
        oud, django_capture_on_commit_callbacks, email="JAN@bakkerij.be", kbo_nummer="0555000148"
    )
    assert (voor_oud.status_code, voor_oud.url) == (voor_nieuw.status_code, voor_nieuw.url)
    assert _zichtbaar(oud.get(voor_oud.url)) == _zichtbaar(nieuw.get(voor_nieuw.url))
    mail = next(m for m in mailoutbox if m.to == ["jan@bakkerij.be"])
    assert "al een account" in mail.body and reverse("accounts:password_reset") in mail.body
    # The typed password changed nothing: the owner's own still works, the other does not.
    bestaand.refresh_from_db()
    assert bestaand.check_password("geheim-wachtwoord-123")
    antwoord = _bevestigen(oud, _link(mail))
    assert antwoord.url == reverse("accounts:login") and "_auth_user_id" not in oud.session
    assert Membership.objects.get(
        user=bestaand, organisatie=Onderneming.objects.get(kbo_nummer="0555000148")
    ).actief


def _zichtbaar(response) -> str:
    """The page without what differs per request (CSRF token, CSP nonce, request id)."""
    tekst = response.content.decode()
    return re.sub(r'(value|nonce)="[^"]+"', "", tekst)


def test_the_link_works_once(client, django_capture_on_commit_callbacks, mailoutbox) -> None:
    _registreren(client, django_capture_on_commit_callbacks)
    link = _link(mailoutbox[0])
    _bevestigen(client, link)
    opnieuw = Client().get(link)
    assert opnieuw.url == reverse("accounts:login")
    assert Membership.objects.filter(actief=True).count() == 1


def test_confirming_never_switches_on_a_deactivated_account(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    geblokkeerd = UserFactory(email="jan@bakkerij.be", is_active=False)
    client = Client()
    _registreren(client, django_capture_on_commit_callbacks)
    _bevestigen(client, _link(mailoutbox[0]))
    geblokkeerd.refresh_from_db()
    assert not geblokkeerd.is_active


def test_a_forged_or_foreign_link_confirms_nothing(client) -> None:
    response = client.get(reverse("accounts:registratie_link", args=["a:b:c"]), follow=True)
    assert "Deze bevestigingslink werkt niet meer." in response.content.decode()
    assert client.post(reverse("accounts:registratie_bevestigen")).url == reverse("accounts:login")


def test_the_outbox_and_the_logs_never_hold_the_link(
    client, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    _registreren(client, django_capture_on_commit_callbacks)
    link = _link(mailoutbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    for melding in Melding.objects.all():
        opgeslagen = f"{melding.onderwerp} {melding.tekst} {melding.naam} {melding.context}"
        assert token not in opgeslagen and melding.sjabloon == "accounts/registration_new"
    regel = tokens_verbergen(f'"GET {link} HTTP/1.1" 302 "{link}"')
    assert token not in regel and regel.count("[token]") == 2
    vrij = reverse("accounts:registratie_bevestigen")
    assert tokens_verbergen(vrij) == vrij


def test_a_fourth_registration_for_one_address_in_an_hour_sends_nothing(
    django_capture_on_commit_callbacks, mailoutbox
) -> None:
    kbo = ["0444555651", "0555000148", "0202239951", "0403170701"]
    antwoorden = [
        _registreren(Client(), django_capture_on_commit_callbacks, kbo_nummer=nummer).url
        for nummer in kbo
    ]
    assert antwoorden == [reverse("accounts:registratie_verzonden")] * 4
    assert len(mailoutbox) == 3
    assert not Onderneming.objects.filter(kbo_nummer=kbo[3]).exists()
    assert User.objects.filter(email="jan@bakkerij.be").count() == 1
