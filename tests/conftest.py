"""Shared fixtures: a world of two organisations of every kind, with canary strings."""

import pytest

from .world import SIDES, World, build_side
from .world_dossiers import add_erkenning

# The OpenID test provider's fixtures (oidc_provider, extra_oidc_provider).
pytest_plugins = ["tests.oidc_fixtures"]

# A helper with assertions of its own, shared by several test modules: rewritten like a test
# module, so a failing step reports its values. Registered before any test module imports it.
pytest.register_assert_rewrite("tests.overeenkomst_screens")


@pytest.fixture(scope="session", autouse=True)
def _real_services_required() -> None:
    """PostgreSQL and Redis are part of the product: a missing one fails the run, never skips."""
    from .services import problems

    found = problems()
    if found:
        pytest.exit("; ".join(found), returncode=3)


@pytest.fixture(autouse=True)
def _default_language(settings) -> None:
    """Each test starts in the site's language: a request through the test client leaves the
    language it activated behind in the thread, which would leak into the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path) -> None:
    """Uploaded test files land in tmp_path, not in var/test-private."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _empty_cache(settings) -> None:
    """Each test starts with an empty cache (the mail rate limits count from zero), as with a
    memory cache per test: a fresh key prefix in the shared Redis, whose keys then expire."""
    import uuid

    default = {**settings.CACHES["default"], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    settings.CACHES = {**settings.CACHES, "default": default}


@pytest.fixture
def world(db) -> World:
    return World(sides={name: build_side(name) for name in SIDES})


@pytest.fixture
def erkenning_world(world: World) -> World:
    """The world with each side's recognition dossier (see `add_erkenning`)."""
    for side in world.sides.values():
        add_erkenning(side)
    return world
