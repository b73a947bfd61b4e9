"""pytest fixtures for the OpenID test provider (registered in tests/conftest.py).

A missing Node.js or npm module fails the test that asks for a provider, never skips it: the
government login is part of the product and `make test` installs the modules (`make oidc`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .oidc_accounts import default_config
from .oidc_provider import OidcProvider, missing


def _started(config: dict[str, Any]) -> OidcProvider:
    reason = missing()
    if reason:
        pytest.fail(reason, pytrace=False)
    return OidcProvider.start(config)


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[OidcProvider]:
    """The standard provider (tests.oidc_accounts), one process for the whole run."""
    provider = _started(default_config())
    yield provider
    provider.stop()


@pytest.fixture
def extra_oidc_provider() -> Iterator[Callable[..., OidcProvider]]:
    """Start another provider: its own issuer (port) and, unless `jwks` is passed, its own
    signing key. Keyword arguments override the standard config; stopped after the test."""
    started: list[OidcProvider] = []

    def start(**overrides: Any) -> OidcProvider:
        provider = _started({**default_config(), **overrides})
        started.append(provider)
        return provider

    yield start
    for provider in started:
        provider.stop()
