"""A real OpenID provider for tests and local demos: `tests/oidc/provider.mjs` (oidc-provider).

    with OidcProvider.start(default_config()) as op:
        terug = op.login(authorize_url, "vertegenwoordiger")   # the callback URL, not followed
        token = op.id_token_for("ander-portaal", "ander-geheim", uri, "coach", nonce="n")

The login is browserless: a `requests` session walks the provider's redirects, posts our own
login form (tests/oidc/provider.mjs) and stops at the redirect back to the client. Needs Node.js
and `make oidc` (the npm modules); `missing()` says what is absent.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import shutil
import subprocess
import tempfile
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

import requests

from .oidc_accounts import WACHTWOORD

NODE_DIR = Path(__file__).resolve().parent / "oidc"
SCRIPT = NODE_DIR / "provider.mjs"
START_TIMEOUT = 20.0


class OidcProviderError(RuntimeError):
    """The provider did not start, or a flow through it did not end where it should."""


def missing() -> str | None:
    """Why the provider cannot run here, or None."""
    if shutil.which("node") is None:
        return "Node.js (`node`) is not installed: the OpenID test provider needs it."
    if not (NODE_DIR / "node_modules" / "oidc-provider" / "package.json").exists():
        return "The OpenID test provider's npm modules are missing: run `make oidc`."
    return None


def pkce_pair() -> tuple[str, str]:
    """A PKCE verifier and its S256 challenge."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def rsa_jwks(kid: str | None = None) -> dict[str, Any]:
    """A private RS256 key set, for two provider instances that must share (or not) keys."""
    from joserfc.jwk import RSAKey

    jwk: dict[str, Any] = dict(RSAKey.generate_key(2048, private=True).as_dict(private=True))
    jwk.update(kid=kid or secrets.token_hex(8), alg="RS256", use="sig")
    return {"keys": [jwk]}


class _Forms(HTMLParser):
    """The forms of a page: action, method and the named inputs' values."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append({**attributes, "fields": {}})
        elif tag == "input" and self.forms and attributes.get("name"):
            self.forms[-1]["fields"][attributes["name"]] = attributes.get("value", "")


def _forms(html: str) -> list[dict[str, Any]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class OidcProvider:
    """One running provider process; stop it (or use it as a context manager) when done."""

    def __init__(self, process: subprocess.Popen[str], issuer: str, config: dict[str, Any]):
        self.process = process
        self.issuer = issuer
        self.config = config
        self._metadata: dict[str, Any] | None = None

    # -- lifecycle ------------------------------------------------------------------------

    @classmethod
    def start(cls, config: dict[str, Any]) -> OidcProvider:
        """Start `node provider.mjs` on a free port (unless the config names one) and wait
        until its discovery document answers; raise with node's stderr when it does not."""
        reason = missing()
        if reason:
            raise OidcProviderError(reason)
        config = {"port": 0, **config, "exit_on_stdin_close": True}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(config, handle)
        stderr = tempfile.TemporaryFile("w+")
        process = subprocess.Popen(
            ["node", str(SCRIPT), handle.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            cwd=NODE_DIR,
        )
        try:
            issuer = cls._wait_ready(process, stderr)
        finally:
            os.unlink(handle.name)
        provider = cls(process, issuer, config)
        provider._wait_discovery(stderr)
        return provider

    @staticmethod
    def _failure(process: subprocess.Popen[str], stderr: Any, what: str) -> OidcProviderError:
        if process.poll() is None:
            process.kill()
            process.wait()
        stderr.seek(0)
        return OidcProviderError(f"{what}; node said:\n{stderr.read()}")

    @classmethod
    def _wait_ready(cls, process: subprocess.Popen[str], stderr: Any) -> str:
        found: list[str] = []
        ready = threading.Event()

        def read() -> None:
            # Keeps draining stdout after READY, so the pipe never fills up.
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("READY ") and not found:
                    found.append(line.split(None, 1)[1].strip())
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(START_TIMEOUT) or not found:
            raise cls._failure(process, stderr, "the OpenID test provider did not start")
        return found[0]

    def _wait_discovery(self, stderr: Any) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                response = requests.get(self.discovery_url, timeout=2)
                if response.ok:
                    self._metadata = response.json()
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise self._failure(self.process, stderr, "the discovery document did not answer")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdin:
            self.process.stdin.close()

    def __enter__(self) -> OidcProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- metadata ---------------------------------------------------------------------------

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    @property
    def metadata(self) -> dict[str, Any]:
        if self._metadata is None:
            self._metadata = requests.get(self.discovery_url, timeout=5).json()
        return self._metadata

    @property
    def authorization_endpoint(self) -> str:
        return str(self.metadata["authorization_endpoint"])

    @property
    def token_endpoint(self) -> str:
        return str(self.metadata["token_endpoint"])

    @property
    def end_session_url(self) -> str:
        return str(self.metadata["end_session_endpoint"])

    def jwks(self) -> dict[str, Any]:
        """The public signing keys (kid, n, e) the provider publishes."""
        return dict(requests.get(self.metadata["jwks_uri"], timeout=5).json())

    # -- flows ------------------------------------------------------------------------------

    def _at_provider(self, url: str) -> bool:
        return urlsplit(url).netloc == urlsplit(self.issuer).netloc

    def login(
        self,
        authorize_url: str,
        account: str,
        password: str = WACHTWOORD,
        *,
        session: requests.Session | None = None,
    ) -> str:
        """Log `account` in at the authorize URL the client redirected to; return the redirect
        back to the client (its redirect_uri with code and state), without following it. Pass
        one `session` to several calls for a provider session that outlives one login (SSO)."""
        browser = session or requests.Session()
        url = authorize_url
        posted = False
        for _ in range(20):
            response = browser.get(url, allow_redirects=False, timeout=10)
            if response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                if not self._at_provider(url):
                    return url
                continue
            form = next((f for f in _forms(response.text) if "login" in f["fields"]), None)
            if response.status_code != 200 or form is None:
                raise OidcProviderError(
                    f"no login form at {url} ({response.status_code}):\n{response.text[:2000]}"
                )
            if posted:
                raise OidcProviderError(f"login of {account!r} refused:\n{response.text[:2000]}")
            action = urljoin(url, form.get("action") or url)
            response = browser.post(
                action,
                data={"login": account, "password": password},
                allow_redirects=False,
                timeout=10,
            )
            posted = True
            if not response.is_redirect:
                raise OidcProviderError(f"login of {account!r} refused:\n{response.text[:2000]}")
            url = urljoin(action, response.headers["Location"])
            if not self._at_provider(url):
                return url
        raise OidcProviderError(f"too many redirects from {authorize_url}")

    def authorize_url(
        self,
        client_id: str,
        redirect_uri: str,
        *,
        state: str,
        nonce: str,
        code_challenge: str,
        scope: str = "openid profile vo",
    ) -> str:
        query = {
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": code_challenge,
            "code_challenge_method": "S256",
        }
        return f"{self.authorization_endpoint}?{urlencode(query)}"

    def tokens_for(
        self,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        account: str,
        nonce: str,
        *,
        password: str = WACHTWOORD,
        scope: str = "openid profile vo",
    ) -> dict[str, Any]:
        """A complete code flow with PKCE for any registered client: the token response."""
        verifier, challenge = pkce_pair()
        state = secrets.token_urlsafe(16)
        terug = self.login(
            self.authorize_url(
                client_id,
                redirect_uri,
                state=state,
                nonce=nonce,
                code_challenge=challenge,
                scope=scope,
            ),
            account,
            password,
        )
        query = parse_qs(urlsplit(terug).query)
        if query.get("state") != [state] or "code" not in query:
            raise OidcProviderError(f"the provider answered {terug}")
        response = requests.post(
            self.token_endpoint,
            data={
                "grant_type": "authorization_code",
                "code": query["code"][0],
                "redirect_uri": redirect_uri,
                "code_verifier": verifier,
            },
            auth=(client_id, client_secret),
            timeout=10,
        )
        if not response.ok:
            raise OidcProviderError(f"token endpoint: {response.status_code} {response.text}")
        return dict(response.json())

    def id_token_for(
        self,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
        account: str,
        nonce: str,
        *,
        password: str = WACHTWOORD,
        scope: str = "openid profile vo",
    ) -> str:
        """A real ID token issued to any registered client (a second client, a second
        provider): for tests that hand the portal a token meant for someone else."""
        tokens = self.tokens_for(
            client_id, client_secret, redirect_uri, account, nonce, password=password, scope=scope
        )
        return str(tokens["id_token"])

    def logout(self, url: str, *, session: requests.Session | None = None) -> str:
        """Follow an end-session URL, confirm the logout like the page's script does, and
        return where the provider sends the user next (the post-logout redirect URI)."""
        browser = session or requests.Session()
        response = browser.get(url, allow_redirects=False, timeout=10)
        # With a provider session: our confirmation page (form op.logoutForm, submitted by its
        # script); without one: oidc-provider's own self-submitting form. Both post here.
        form = next((f for f in _forms(response.text) if "xsrf" in f["fields"]), None)
        if form is None:
            raise OidcProviderError(f"no logout form at {url}:\n{response.text[:2000]}")
        response = browser.post(
            urljoin(url, form["action"]),
            data={**form["fields"], "logout": "yes"},
            allow_redirects=False,
            timeout=10,
        )
        if not response.is_redirect:
            raise OidcProviderError(f"logout not confirmed:\n{response.text[:2000]}")
        return urljoin(url, response.headers["Location"])
