"""The government login's client: Authlib, configured from the settings.

Authlib reads the provider's discovery document (endpoints, keys, issuer), keeps `state`,
`nonce` and the PKCE verifier in the session, and checks the ID token's signature, `iss`,
`aud`, `exp` and `nonce`. One client per configuration, so the discovery document and the
keys are fetched once per process, not at every login.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

from authlib.integrations.django_client import DjangoOAuth2App, OAuth

from django.conf import settings

from .claims import ClaimsInstellingen


def ingeschakeld() -> bool:
    """The login page offers the government login whenever a provider is configured."""
    return bool(settings.OIDC_DISCOVERY_URL and settings.OIDC_CLIENT_ID)


@lru_cache(maxsize=8)
def _client(discovery_url: str, client_id: str, client_secret: str, scopes: str) -> Any:
    oauth = OAuth()
    return oauth.register(
        name="overheid",
        client_id=client_id,
        client_secret=client_secret,
        server_metadata_url=discovery_url,
        client_kwargs={"scope": scopes, "code_challenge_method": "S256", "timeout": 10},
    )


def client() -> DjangoOAuth2App:
    app: DjangoOAuth2App = _client(
        settings.OIDC_DISCOVERY_URL,
        settings.OIDC_CLIENT_ID,
        settings.OIDC_CLIENT_SECRET,
        settings.OIDC_SCOPES,
    )
    return app


def instellingen() -> ClaimsInstellingen:
    return ClaimsInstellingen(
        acr_levels=tuple(settings.OIDC_ACR_LEVELS),
        min_acr=settings.OIDC_MIN_ACR,
        role_claim=settings.OIDC_ROLE_CLAIM,
        role_prefix=settings.OIDC_ROLE_PREFIX,
    )


def afmelden_url(id_token: str, terug: str) -> str | None:
    """The provider's end-session URL (RP-initiated logout), or None when it has none."""
    metadata = client().load_server_metadata()
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": terug,
            "client_id": settings.OIDC_CLIENT_ID,
        }
    )
    return f"{endpoint}?{query}"
