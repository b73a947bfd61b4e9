"""Shared fixtures: a world of two organisations of every kind, with canary strings."""

from dataclasses import dataclass, field

import pytest

from django.test import Client

from duaal.accounts.constants import Rol
from duaal.accounts.models import User

from .factories import (
    DepartementFactory,
    MembershipFactory,
    OndernemingFactory,
    OnderwijsinstellingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    UserFactory,
    VestigingFactory,
)

SIDES = ("A", "B")


@pytest.fixture(scope="session", autouse=True)
def _real_services_required() -> None:
    """PostgreSQL and Redis are part of the product: a missing one fails the run, never skips."""
    from .services import problems

    found = problems()
    if found:
        pytest.exit("; ".join(found), returncode=3)


@dataclass
class Side:
    name: str
    onderneming: object
    vestiging: object
    onderwijsinstelling: object
    partnerschap: object
    opleiding: object
    users: dict[str, User] = field(default_factory=dict)

    @property
    def canaries(self) -> list[str]:
        """Strings only this side's members (and platform admins) may ever see."""
        return [self.onderneming.naam, self.vestiging.naam, self.onderwijsinstelling.naam]


@dataclass
class World:
    sides: dict[str, Side]

    def other(self, side: str) -> Side:
        return self.sides["B" if side == "A" else "A"]

    def client_for(self, side: str, rol: str) -> Client:
        client = Client()
        client.force_login(self.sides[side].users[rol])
        return client


def build_side(name: str) -> Side:
    onderneming = OndernemingFactory(naam=f"CANARY-{name}-onderneming")
    side = Side(
        name=name,
        onderneming=onderneming,
        vestiging=VestigingFactory(onderneming=onderneming, naam=f"CANARY-{name}-vestiging"),
        onderwijsinstelling=OnderwijsinstellingFactory(naam=f"CANARY-{name}-school"),
        partnerschap=(partnerschap := PartnerschapFactory(naam=f"Partnerschap {name}")),
        opleiding=OpleidingFactory(partnerschap=partnerschap),
    )
    departement = DepartementFactory(naam=f"Departement {name}")
    organisatie_voor_rol = {
        Rol.VERTEGENWOORDIGER: onderneming,
        Rol.ONDERNEMING_MEDEWERKER: onderneming,
        Rol.TRAJECTBEGELEIDER: side.onderwijsinstelling,
        Rol.SECTORCONSULENT: side.partnerschap,
        Rol.PARTNERSCHAPSBEHEERDER: side.partnerschap,
        Rol.PLATFORMBEHEERDER: departement,
    }
    for rol, organisatie in organisatie_voor_rol.items():
        user = UserFactory(
            email=f"{rol}-{name.lower()}@voorbeeld.be",
            is_staff=rol == Rol.PLATFORMBEHEERDER,
            is_superuser=rol == Rol.PLATFORMBEHEERDER,
        )
        MembershipFactory(user=user, organisatie=organisatie, rol=rol)
        side.users[rol] = user
    return side


@pytest.fixture
def world(db) -> World:
    return World(sides={name: build_side(name) for name in SIDES})
