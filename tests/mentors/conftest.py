"""Fixtures for the mentor domain: one enterprise and its partnership, files in tmp_path."""

from dataclasses import dataclass

import pytest

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from tests.factories import (
    OndernemingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    VestigingFactory,
)
from tests.support import lid


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
