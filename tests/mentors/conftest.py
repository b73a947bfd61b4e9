"""Fixtures for the mentor domain: one enterprise and its partnership, files in tmp_path."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from mentors.signals import geen_geldige_mentor_meer
from tests.factories import (
    OndernemingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    VestigingFactory,
)

from .helpers import lid


@pytest.fixture(autouse=True)
def _bestanden_in_tmp(settings, tmp_path) -> None:
    """Uploaded test files land in tmp_path, not in var/test-private."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path), "base_url": None},
        },
    }


@dataclass
class Plaats:
    """An establishment x programme of one enterprise, with the people who get told."""

    onderneming: object
    vestiging: object
    partnerschap: object
    opleiding: object
    werkgever: User
    consulent: User
    beheerder: User


@pytest.fixture
def plaats(db) -> Plaats:
    onderneming = OndernemingFactory()
    partnerschap = PartnerschapFactory()
    return Plaats(
        onderneming=onderneming,
        vestiging=VestigingFactory(onderneming=onderneming),
        partnerschap=partnerschap,
        opleiding=OpleidingFactory(partnerschap=partnerschap),
        werkgever=lid(onderneming, Rol.VERTEGENWOORDIGER),
        consulent=lid(partnerschap, Rol.SECTORCONSULENT),
        beheerder=lid(partnerschap, Rol.PARTNERSCHAPSBEHEERDER),
    )


@pytest.fixture
def signaal() -> Iterator[list[dict]]:
    """What `geen_geldige_mentor_meer` receivers got (R43), one dict of kwargs per send."""
    ontvangen: list[dict] = []

    def ontvanger(sender, **kwargs) -> None:
        ontvangen.append(kwargs)

    geen_geldige_mentor_meer.connect(ontvanger, weak=False)
    yield ontvangen
    geen_geldige_mentor_meer.disconnect(ontvanger)
