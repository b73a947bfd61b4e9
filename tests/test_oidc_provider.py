"""The OpenID test provider itself (tests/oidc/provider.mjs through tests.oidc_provider): what
the portal's login tests rely on, checked without the portal."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError
from joserfc.jwk import KeySet

from .oidc_accounts import (
    ANDER_PORTAAL,
    KBO_BAKKERIJ,
    KBO_TWEEDE,
    PORTAAL,
    RRN_VERTEGENWOORDIGER,
)
from .oidc_provider import OidcProvider, OidcProviderError, pkce_pair, rsa_jwks

TERUG = "http://testserver/account/inloggen/oidc/terug/"


def _decoded(provider: OidcProvider, token: str) -> jwt.Token:
    """Verified with the keys the provider publishes (joserfc: Authlib's own JOSE library)."""
    decoded = jwt.decode(token, KeySet.import_key_set(provider.jwks()), algorithms=["RS256"])
    jwt.JWTClaimsRegistry(exp={"essential": True}, iat={"essential": True}).validate(decoded.claims)
    return decoded


def _claims(provider: OidcProvider, token: str) -> dict[str, Any]:
    return dict(_decoded(provider, token).claims)


def _kid(provider: OidcProvider, token: str) -> str:
    return str(_decoded(provider, token).header["kid"])


def test_discovery_names_issuer_keys_pkce_and_logout(oidc_provider: OidcProvider) -> None:
    metadata = requests.get(oidc_provider.discovery_url, timeout=5).json()

    assert metadata["issuer"] == oidc_provider.issuer
    assert metadata["jwks_uri"].startswith(oidc_provider.issuer)
    assert metadata["code_challenge_methods_supported"] == ["S256"]
    assert metadata["end_session_endpoint"] == oidc_provider.end_session_url
    assert "vo" in metadata["scopes_supported"]
    assert requests.get(metadata["jwks_uri"], timeout=5).json()["keys"][0]["kty"] == "RSA"


def test_login_returns_the_callback_with_code_and_state(oidc_provider: OidcProvider) -> None:
    _, challenge = pkce_pair()
    url = oidc_provider.authorize_url(
        PORTAAL[0], TERUG, state="staat-1", nonce="n-1", code_challenge=challenge
    )

    terug = oidc_provider.login(url, "vertegenwoordiger")

    assert terug.startswith(TERUG + "?")
    query = parse_qs(urlsplit(terug).query)
    assert query["state"] == ["staat-1"]
    assert query["code"][0]
    assert query["iss"] == [oidc_provider.issuer]


def test_the_login_page_is_a_plain_form(oidc_provider: OidcProvider) -> None:
    _, challenge = pkce_pair()
    url = oidc_provider.authorize_url(
        PORTAAL[0], TERUG, state="s", nonce="n", code_challenge=challenge
    )

    page = requests.get(url, timeout=5)

    assert page.status_code == 200
    assert 'id="login"' in page.text and 'id="password"' in page.text
    assert "Aanmelden</button>" in page.text


def test_a_wrong_password_shows_the_form_again(oidc_provider: OidcProvider) -> None:
    _, challenge = pkce_pair()
    url = oidc_provider.authorize_url(
        PORTAAL[0], TERUG, state="s", nonce="n", code_challenge=challenge
    )

    with pytest.raises(OidcProviderError, match="refused"):
        oidc_provider.login(url, "vertegenwoordiger", "fout")


def test_pkce_is_required(oidc_provider: OidcProvider) -> None:
    url = oidc_provider.authorize_url(PORTAAL[0], TERUG, state="s", nonce="n", code_challenge="")
    url = url.replace("&code_challenge=&code_challenge_method=S256", "")

    page = requests.get(url, timeout=5, allow_redirects=False)

    query = parse_qs(urlsplit(page.headers["Location"]).query)
    assert query["error"] == ["invalid_request"]
    assert "PKCE" in query["error_description"][0]


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://127.0.0.1:51234/account/inloggen/oidc/terug/",
        "http://localhost:8000/inloggen/oidc/terug/",
        "http://testserver/inloggen/oidc/terug/",
    ],
)
def test_any_loopback_port_is_a_registered_redirect(
    oidc_provider: OidcProvider, redirect_uri: str
) -> None:
    _, challenge = pkce_pair()
    url = oidc_provider.authorize_url(
        PORTAAL[0], redirect_uri, state="s", nonce="n", code_challenge=challenge
    )

    assert oidc_provider.login(url, "medewerker").startswith(redirect_uri + "?code=")


def test_an_unregistered_redirect_is_refused(oidc_provider: OidcProvider) -> None:
    _, challenge = pkce_pair()
    url = oidc_provider.authorize_url(
        PORTAAL[0],
        "http://elders.test/inloggen/oidc/terug/",
        state="s",
        nonce="n",
        code_challenge=challenge,
    )

    page = requests.get(url, timeout=5, allow_redirects=False)

    assert page.status_code == 400
    assert "redirect_uri" in page.text


def test_id_token_carries_every_claim_of_the_account(oidc_provider: OidcProvider) -> None:
    nonce = secrets.token_urlsafe(8)
    token = oidc_provider.id_token_for(*ANDER_PORTAAL, TERUG, "twee-ondernemingen", nonce)

    claims = _claims(oidc_provider, token)

    assert claims["iss"] == oidc_provider.issuer
    assert claims["aud"] == ANDER_PORTAAL[0]
    assert claims["sub"] == "twee-ondernemingen"
    assert claims["nonce"] == nonce
    assert claims["acr"] == "loa-substantial"
    assert claims["vo_orgcode"] == claims["wv_orgcode"] == KBO_BAKKERIJ
    assert claims["dv_duaal_rol_3d"] == [f"DVDuaalGebruiker-beheerder:{KBO_TWEEDE}"]
    assert claims["vo_doelgroepcode"] == "EA"
    assert claims["given_name"] == "Tom"
    assert len(claims["rrn"]) == 11


def test_acr_and_absent_claims_follow_the_account(oidc_provider: OidcProvider) -> None:
    laag = _claims(oidc_provider, oidc_provider.id_token_for(*PORTAAL, TERUG, "laag-acr", "n"))
    zonder = _claims(oidc_provider, oidc_provider.id_token_for(*PORTAAL, TERUG, "zonder-rrn", "n"))

    assert laag["acr"] == "loa-low"
    assert laag["rrn"] == RRN_VERTEGENWOORDIGER
    assert "rrn" not in zonder
    assert "dv_duaal_rol_3d" not in zonder


def test_logout_returns_to_the_post_logout_uri(oidc_provider: OidcProvider) -> None:
    sessie = requests.Session()
    _, challenge = pkce_pair()
    oidc_provider.login(
        oidc_provider.authorize_url(
            PORTAAL[0], TERUG, state="s", nonce="n", code_challenge=challenge
        ),
        "vertegenwoordiger",
        session=sessie,
    )
    token = oidc_provider.id_token_for(*PORTAAL, TERUG, "vertegenwoordiger", "n")
    query = (
        requests.Request(
            "GET",
            oidc_provider.end_session_url,
            params={
                "id_token_hint": token,
                "post_logout_redirect_uri": "http://127.0.0.1:8123/",
                "state": "weg",
            },
        )
        .prepare()
        .url
    )
    assert query is not None

    assert oidc_provider.logout(query, session=sessie) == "http://127.0.0.1:8123/?state=weg"
    # The provider session is gone: the next login asks for the password again.
    with pytest.raises(OidcProviderError, match="no login form|refused"):
        oidc_provider.login(
            oidc_provider.authorize_url(
                PORTAAL[0], TERUG, state="s", nonce="n", code_challenge=challenge
            ),
            "vertegenwoordiger",
            "fout",
            session=sessie,
        )


def test_a_second_instance_has_its_own_issuer_and_key(
    oidc_provider: OidcProvider, extra_oidc_provider: Any
) -> None:
    ander = extra_oidc_provider()

    eerste = oidc_provider.id_token_for(*PORTAAL, TERUG, "coach", "n")
    tweede = ander.id_token_for(*PORTAAL, TERUG, "coach", "n")

    assert ander.issuer != oidc_provider.issuer
    assert _claims(ander, tweede)["iss"] == ander.issuer
    assert _kid(oidc_provider, eerste) != _kid(ander, tweede)
    # The first provider's keys do not verify the second one's token.
    with pytest.raises(InvalidKeyIdError):
        _decoded(oidc_provider, tweede)


def test_two_instances_can_share_a_key(extra_oidc_provider: Any) -> None:
    sleutels = rsa_jwks("gedeeld")
    een, twee = extra_oidc_provider(jwks=sleutels), extra_oidc_provider(jwks=sleutels)

    token = twee.id_token_for(*PORTAAL, TERUG, "consulent", "n")

    assert _kid(een, token) == "gedeeld"
    assert _claims(een, token)["iss"] == twee.issuer
