"""Fixtures for the recognition domain: one establishment x programme whose partnership asks
three criteria (one with an RSZ certificate, one with a 596.2 extract per mentor, R8)."""

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from django.utils import translation

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.organisaties.models import Criterium, CriteriumDocument
from tests.factories import (
    CriteriumFactory,
    OndernemingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    VestigingFactory,
)
from tests.support import lid

from .factories import CriteriumDocumentFactory


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    """Messages are asserted in English, the source language, whatever nl.po comes to hold."""
    with translation.override("en"):
        yield


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
    criteria: list[Criterium] = field(default_factory=list)
    rsz: CriteriumDocument | None = None
    uittreksel: CriteriumDocument | None = None


def maak_plaats(**partnerschap_kwargs) -> Plaats:
    onderneming = OndernemingFactory()
    partnerschap = PartnerschapFactory(**partnerschap_kwargs)
    uitrusting = CriteriumFactory(partnerschap=partnerschap, omschrijving="Uitrusting", volgorde=1)
    draagkracht = CriteriumFactory(
        partnerschap=partnerschap, omschrijving="Financiële draagkracht", volgorde=2
    )
    gedrag = CriteriumFactory(
        partnerschap=partnerschap, omschrijving="Onberispelijk gedrag", volgorde=3
    )
    # An optional document never keeps a file from being submitted.
    CriteriumDocumentFactory(criterium=uitrusting, naam="Foto's werkplaats", verplicht=False)
    return Plaats(
        onderneming=onderneming,
        vestiging=VestigingFactory(onderneming=onderneming),
        partnerschap=partnerschap,
        opleiding=OpleidingFactory(partnerschap=partnerschap),
        werkgever=lid(onderneming, Rol.VERTEGENWOORDIGER),
        consulent=lid(partnerschap, Rol.SECTORCONSULENT),
        beheerder=lid(partnerschap, Rol.PARTNERSCHAPSBEHEERDER),
        criteria=[uitrusting, draagkracht, gedrag],
        rsz=CriteriumDocumentFactory(criterium=draagkracht, naam="RSZ-schuldenattest"),
        uittreksel=CriteriumDocumentFactory(
            criterium=gedrag, naam="Uittreksel 596.2", per_mentor=True
        ),
    )


@pytest.fixture
def plaats(db) -> Plaats:
    return maak_plaats()
