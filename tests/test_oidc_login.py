"""The government login end to end against a real OpenID provider (tests/oidc/provider.mjs):
the portal's Authlib client, the callback's checks and the claims' outcome for each capacity."""

import datetime as dt
import secrets
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from joserfc.errors import JoseError

from django.test import Client
from django.urls import reverse

from duaal.accounts import oidc
from duaal.accounts.constants import TOEGANG_AANVRAGEN_SESSIE, MembershipBron, Rol
from duaal.accounts.middleware import SESSION_KEY
from duaal.accounts.models import Membership, User
from duaal.accounts.views_oidc import ID_TOKEN_SESSIE
from tests.factories import (
    MembershipFactory,
    OndernemingFactory,
    OnderwijsinstellingFactory,
    PartnerschapFactory,
    UserFactory,
)
from tests.oidc_accounts import (
    INSTELLINGSNUMMER_SCHOOL,
    KBO_BAKKERIJ,
    KBO_NIEUW,
    KBO_SECTORFONDS,
    KBO_TWEEDE,
    OVO_PARTNERSCHAP,
    RRN_VERTEGENWOORDIGER,
)
from tests.oidc_provider import rsa_jwks

CALLBACK = "http://testserver/account/inloggen/oidc/terug/"
CLIENT_ID, CLIENT_SECRET = "duaal-portaal", "portaal-geheim"


@pytest.fixture
def provider(settings, oidc_provider):
    settings.OIDC_DISCOVERY_URL = oidc_provider.discovery_url
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    return oidc_provider


@pytest.fixture
def orgs(db):
    return {
        "bakkerij": OndernemingFactory(kbo_nummer=KBO_BAKKERIJ, naam="Bakkerij Test"),
        "tweede": OndernemingFactory(kbo_nummer=KBO_TWEEDE, naam="Tweede Zaak"),
        "school": OnderwijsinstellingFactory(instellingsnummer=INSTELLINGSNUMMER_SCHOOL),
        "partnerschap": PartnerschapFactory(ovo_code=OVO_PARTNERSCHAP),
        "sectorfonds": PartnerschapFactory(kbo_nummer=KBO_SECTORFONDS),
    }


def starten(client: Client) -> str:
    response = client.get(reverse("accounts:oidc_login"))
    assert response.status_code == 302
    return response["Location"]


def terugkeren(client: Client, callback_url: str):
    parts = urlsplit(callback_url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CALLBACK
    return client.get(f"{parts.path}?{parts.query}")


def inloggen(client: Client, provider, account: str):
    return terugkeren(client, provider.login(starten(client), account))


def user_van(client: Client) -> User | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def geweigerd(response, status: int = 403) -> str:
    assert response.status_code == status
    assert response.templates[0].name == "accounts/aanmelden_geweigerd.html"
    return response.content.decode()


@pytest.mark.django_db
class TestCapaciteiten:
    def test_the_login_page_offers_it_only_when_configured(self, client, settings, provider):
        assert b'data-testid="oidc-login"' in client.get(reverse("accounts:login")).content
        settings.OIDC_DISCOVERY_URL = ""
        assert b'data-testid="oidc-login"' not in client.get(reverse("accounts:login")).content
        assert client.get(reverse("accounts:oidc_login")).status_code == 404

    def test_the_authorization_request_uses_pkce_state_and_nonce(self, client, provider):
        query = parse_qs(urlsplit(starten(client)).query)
        assert query["code_challenge_method"] == ["S256"] and query["code_challenge"]
        assert query["state"] and query["nonce"] and query["client_id"] == [CLIENT_ID]
        assert query["redirect_uri"] == [CALLBACK]

    def test_legal_representative_administers_the_enterprise(self, client, provider, orgs):
        sessie_voor = client.session.session_key
        response = inloggen(client, provider, "vertegenwoordiger")
        assert response.status_code == 302 and response["Location"] == reverse("portaal:dashboard")
        user = user_van(client)
        assert user.insz == RRN_VERTEGENWOORDIGER and user.oidc_sub == "vertegenwoordiger"
        m = user.memberships.get()
        assert (m.organisatie_id, m.rol, m.bron, m.wettelijk_vertegenwoordiger) == (
            orgs["bakkerij"].pk,
            Rol.VERTEGENWOORDIGER,
            MembershipBron.CLAIM,
            True,
        )
        assert client.session.session_key != sessie_voor  # cycled at login
        pagina = client.get(reverse("portaal:dashboard")).content.decode()
        assert "Bakkerij Test" in pagina and RRN_VERTEGENWOORDIGER not in pagina

    def test_employee_without_a_role_asks_for_access(self, client, provider, orgs):
        response = inloggen(client, provider, "medewerker")
        assert response["Location"] == reverse("accounts:toegang_aanvragen")
        assert client.session[TOEGANG_AANVRAGEN_SESSIE] == str(orgs["bakkerij"].public_id)
        assert not user_van(client).memberships.exists()

    def test_employee_with_a_role_claim(self, client, provider, orgs):
        inloggen(client, provider, "medewerker-rol")
        assert user_van(client).memberships.get().rol == Rol.ONDERNEMING_MEDEWERKER

    def test_school_coach(self, client, provider, orgs):
        inloggen(client, provider, "coach")
        m = user_van(client).memberships.get()
        assert (m.organisatie_id, m.rol) == (orgs["school"].pk, Rol.TRAJECTBEGELEIDER)

    def test_government_consultant_by_ovo_code(self, client, provider, orgs):
        inloggen(client, provider, "consulent")
        m = user_van(client).memberships.get()
        assert (m.organisatie_id, m.rol) == (orgs["partnerschap"].pk, Rol.SECTORCONSULENT)

    def test_sector_fund_consultant_logs_in_as_an_enterprise(self, client, provider, orgs):
        inloggen(client, provider, "fondsconsulent")
        m = user_van(client).memberships.get()
        assert (m.organisatie_id, m.rol) == (orgs["sectorfonds"].pk, Rol.SECTORCONSULENT)

    def test_citizen_learner(self, client, provider, orgs):
        response = inloggen(client, provider, "leerling")
        assert response.status_code == 302
        user = user_van(client)
        assert user is not None and not user.memberships.exists() and len(user.insz) == 11

    def test_unknown_enterprise_is_registered_by_its_representative(self, client, provider):
        response = inloggen(client, provider, "nieuwe-onderneming")
        assert response["Location"] == reverse("accounts:oidc_registreren")
        pagina = client.get(response["Location"])
        assert "Nieuwe Onderneming bv" in pagina.content.decode()
        response = client.post(
            response["Location"],
            {
                "naam": "Nieuwe Onderneming bv",
                "rechtsvorm": "bv",
                "straat": "Kerkstraat",
                "huisnummer": "1",
                "postcode": "9000",
                "gemeente": "Gent",
                # A number in the form is ignored: the claim's is the one registered.
                "kbo_nummer": KBO_BAKKERIJ,
            },
        )
        assert response.status_code == 302
        m = user_van(client).memberships.get()
        assert m.organisatie.onderneming.kbo_nummer == KBO_NIEUW
        assert m.rol == Rol.VERTEGENWOORDIGER and m.bron == MembershipBron.CLAIM
        # The next login keeps the membership the claim gives.
        client.logout()
        inloggen(client, provider, "nieuwe-onderneming")
        assert user_van(client).memberships.get(actief=True) == m


@pytest.mark.django_db
class TestWeigeringen:
    def test_acr_too_low(self, client, provider, orgs):
        tekst = geweigerd(inloggen(client, provider, "laag-acr"))
        assert "itsme" in tekst and user_van(client) is None
        assert not User.objects.exists()

    def test_missing_rrn(self, client, provider, orgs):
        geweigerd(inloggen(client, provider, "zonder-rrn"))
        assert not User.objects.exists()

    def test_kbo_with_a_bad_check_digit(self, client, provider, orgs):
        geweigerd(inloggen(client, provider, "slechte-kbo"))
        assert not User.objects.exists()

    def test_unknown_capacity(self, client, provider, orgs):
        geweigerd(inloggen(client, provider, "onbekende-doelgroep"))

    def test_replayed_state(self, client, provider, orgs):
        terug = provider.login(starten(client), "vertegenwoordiger")
        assert terugkeren(client, terug).status_code == 302
        client.logout()
        geweigerd(terugkeren(client, terug), 400)
        assert user_van(client) is None

    def test_wrong_nonce_in_a_tampered_session(self, client, provider, orgs):
        authorize = starten(client)
        state = parse_qs(urlsplit(authorize).query)["state"][0]
        sessie = client.session
        sleutel = f"_state_overheid_{state}"
        gegevens = sessie[sleutel]
        gegevens["data"]["nonce"] = "vervalst"
        sessie[sleutel] = gegevens
        sessie.save()
        geweigerd(terugkeren(client, provider.login(authorize, "vertegenwoordiger")), 400)
        assert not User.objects.exists()

    def test_expired_token(self, client, provider, extra_oidc_provider, settings, orgs):
        kort = extra_oidc_provider(ttl={"id_token": 60})
        settings.OIDC_DISCOVERY_URL = kort.discovery_url
        terug = kort.login(starten(client), "vertegenwoordiger")
        # The portal's clock moves past exp plus Authlib's leeway of two minutes.
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)):
            geweigerd(terugkeren(client, terug), 400)
        assert not User.objects.exists()

    def test_code_of_a_second_provider_instance(self, client, provider, extra_oidc_provider):
        """A code from another issuer (mix-up): the portal redeems it at its own provider,
        which does not know it."""
        ander = extra_oidc_provider()
        query = urlsplit(starten(client)).query
        terug = ander.login(f"{ander.authorization_endpoint}?{query}", "vertegenwoordiger")
        geweigerd(terugkeren(client, terug), 400)
        assert not User.objects.exists()

    def test_wrong_iss(self, settings, provider, extra_oidc_provider):
        """An ID token signed with a key the portal trusts but issued by another issuer."""
        sleutels = rsa_jwks()
        eigen = extra_oidc_provider(jwks=sleutels)
        settings.OIDC_DISCOVERY_URL = eigen.discovery_url
        ander = extra_oidc_provider(jwks=sleutels)
        nonce = secrets.token_urlsafe(8)
        tokens = ander.tokens_for(CLIENT_ID, CLIENT_SECRET, CALLBACK, "vertegenwoordiger", nonce)
        with pytest.raises(JoseError, match="iss"):
            oidc.client().parse_id_token(tokens, nonce=nonce)

    def test_wrong_aud(self, provider):
        nonce = secrets.token_urlsafe(8)
        tokens = provider.tokens_for(
            "ander-portaal", "ander-geheim", CALLBACK, "vertegenwoordiger", nonce
        )
        # Authlib refuses a token whose `aud` lacks the portal's client id: as an audience or,
        # for a token that names another party, for want of an `azp` naming the portal.
        with pytest.raises(JoseError, match="aud|azp"):
            oidc.client().parse_id_token(tokens, nonce=nonce)

    def test_a_token_for_the_portal_passes_the_same_check(self, provider):
        nonce = secrets.token_urlsafe(8)
        tokens = provider.tokens_for(CLIENT_ID, CLIENT_SECRET, CALLBACK, "vertegenwoordiger", nonce)
        assert oidc.client().parse_id_token(tokens, nonce=nonce)["vo_orgcode"] == KBO_BAKKERIJ

    def test_an_error_answer_of_the_provider(self, client, provider):
        starten(client)
        geweigerd(client.get(f"{reverse('accounts:oidc_callback')}?error=access_denied"), 400)

    def test_nothing_in_the_logs(self, client, provider, orgs, caplog):
        caplog.set_level("DEBUG")
        terug = provider.login(starten(client), "vertegenwoordiger")
        code = parse_qs(urlsplit(terug).query)["code"][0]
        terugkeren(client, terug)
        tekst = caplog.text
        assert code not in tekst and RRN_VERTEGENWOORDIGER not in tekst
        assert client.session[ID_TOKEN_SESSIE] not in tekst


@pytest.mark.django_db
class TestSessie:
    def test_two_enterprises_choose_and_switch(self, client, provider, orgs):
        response = inloggen(client, provider, "twee-ondernemingen")
        assert response["Location"] == reverse("accounts:capaciteit_kiezen")
        keuze = client.get(response["Location"]).content.decode()
        assert "Bakkerij Test" in keuze and "Tweede Zaak" in keuze
        user = user_van(client)
        tweede = user.memberships.get(organisatie=orgs["tweede"])
        client.post(reverse("accounts:organisatie_wisselen"), {"membership": tweede.public_id})
        assert client.session[SESSION_KEY] == str(tweede.public_id)
        pagina = client.get(reverse("portaal:dashboard")).content.decode()
        assert f'value="{tweede.public_id}" selected' in pagina
        # A membership the person does not hold is refused, and the choice stays.
        vreemd = MembershipFactory(organisatie=orgs["school"], rol=Rol.TRAJECTBEGELEIDER)
        client.post(reverse("accounts:organisatie_wisselen"), {"membership": vreemd.public_id})
        assert client.session[SESSION_KEY] == str(tweede.public_id)

    def test_a_role_revoked_in_the_portal_ends_at_the_next_request(self, client, provider, orgs):
        inloggen(client, provider, "coach")
        user = user_van(client)
        grant = MembershipFactory(user=user, organisatie=orgs["tweede"], rol=Rol.VERTEGENWOORDIGER)
        client.post(reverse("accounts:organisatie_wisselen"), {"membership": grant.public_id})
        eigen = reverse("organisaties:onderneming_detail", args=[orgs["tweede"].public_id])
        assert client.get(eigen).status_code == 200
        Membership.objects.filter(pk=grant.pk).update(actief=False)  # revoked elsewhere
        assert client.get(eigen).status_code == 404
        assert client.get(reverse("portaal:dashboard")).status_code == 200

    def test_a_claim_gone_at_the_next_login_ends_the_membership(
        self, client, provider, extra_oidc_provider, settings, orgs
    ):
        inloggen(client, provider, "vertegenwoordiger")
        client.logout()
        # The same person, no longer the representative: a provider whose account lost it.
        from tests.oidc_accounts import accounts

        zonder = accounts()
        zonder["vertegenwoordiger"]["claims"].pop("wv_orgcode")
        ander = extra_oidc_provider(accounts=zonder)
        settings.OIDC_DISCOVERY_URL = ander.discovery_url
        response = inloggen(client, ander, "vertegenwoordiger")
        assert response["Location"] == reverse("accounts:toegang_aanvragen")
        assert not Membership.objects.get(user__oidc_sub="vertegenwoordiger").actief

    def test_existing_local_account_links_with_its_password(self, client, provider, orgs):
        lokaal = UserFactory(email="vera@bakkerij.test")
        lokaal.set_password("Een-lang-wachtwoord-1")
        lokaal.save()
        response = inloggen(client, provider, "vertegenwoordiger")
        assert response["Location"] == reverse("accounts:oidc_koppelen")
        assert user_van(client) is None
        pagina = client.get(response["Location"]).content.decode()
        assert "vera@bakkerij.test" in pagina
        fout = client.post(response["Location"], {"password": "fout"})
        assert fout.status_code == 200 and User.objects.get(pk=lokaal.pk).oidc_sub is None
        client.post(response["Location"], {"password": "Een-lang-wachtwoord-1"})
        assert user_van(client) == lokaal
        assert User.objects.get(pk=lokaal.pk).oidc_sub == "vertegenwoordiger"

    def test_logout_at_the_provider(self, client, provider, orgs):
        inloggen(client, provider, "vertegenwoordiger")
        response = client.post(reverse("accounts:logout"))
        assert response.status_code == 302 and user_van(client) is None
        assert response["Location"].startswith(provider.end_session_url)
        assert "id_token_hint=" in response["Location"]
        assert provider.logout(response["Location"]).startswith("http://testserver/")

    def test_local_login_can_be_kept_for_staff_only(self, client, settings, provider, orgs):
        settings.OIDC_LOCAL_LOGIN = False
        for user, mag in ((UserFactory(), False), (UserFactory(is_staff=True), True)):
            user.set_password("Een-lang-wachtwoord-1")
            user.save()
            client.post(
                reverse("accounts:login"),
                {"username": user.email, "password": "Een-lang-wachtwoord-1"},
            )
            assert (user_van(client) == user) is mag
            client.logout()


@pytest.mark.django_db
def test_an_invited_colleague_logs_in_with_the_government_login_and_sees_the_organisation(
    client, provider, orgs
):
    """The invitation link, the login it asks first (eID or itsme) and the acceptance: the
    colleague then acts for the organisation that invited them, not the one they logged in
    for without a role."""
    from duaal.accounts.actor import actor_for
    from duaal.accounts.toegang import uitnodigen
    from duaal.accounts.uitnodiging_links import uitnodiging_token

    beheerder = UserFactory()
    MembershipFactory(user=beheerder, organisatie=orgs["tweede"], rol=Rol.VERTEGENWOORDIGER)
    uitnodiging = uitnodigen(
        organisatie=orgs["tweede"],
        email="mia@bakkerij.test",
        rol=Rol.ONDERNEMING_MEDEWERKER,
        door=actor_for(beheerder),
    )
    link = reverse("accounts:uitnodiging_link", kwargs={"token": uitnodiging_token(uitnodiging)})
    aanvaarden = client.get(link)["Location"]
    login = client.get(aanvaarden)
    assert login.status_code == 302 and login["Location"].startswith(reverse("accounts:login"))
    volgende = parse_qs(urlsplit(login["Location"]).query)["next"][0]
    start = client.get(f"{reverse('accounts:oidc_login')}?next={volgende}")["Location"]
    response = terugkeren(client, provider.login(start, "medewerker"))
    assert response["Location"] == volgende
    pagina = client.get(volgende).content.decode()
    assert "mia@bakkerij.test" in pagina and "Tweede Zaak" in pagina
    client.post(volgende)
    m = user_van(client).memberships.get(actief=True)
    assert (m.organisatie_id, m.rol, m.bron) == (
        orgs["tweede"].pk,
        Rol.ONDERNEMING_MEDEWERKER,
        MembershipBron.PORTAAL,
    )
    assert "Tweede Zaak" in client.get(reverse("portaal:dashboard")).content.decode()
