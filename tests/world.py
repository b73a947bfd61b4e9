"""The world the shared fixtures build: two sides, A and B, each with an organisation of every
kind, a user per role and a mentor, named with canary strings only that side may see."""

from dataclasses import dataclass, field

from django.test import Client

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from mentors.constants import UitzonderingSoort
from mentors.models import Uitzondering
from mentors.services import mentoropleiding_starten, mentoropleiding_voltooien

from .factories import (
    DepartementFactory,
    MembershipFactory,
    MentorFactory,
    OndernemingFactory,
    OnderwijsinstellingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    ToewijzingFactory,
    UittrekselFactory,
    UserFactory,
    VestigingFactory,
)
from .support import als, pdf

SIDES = ("A", "B")


@dataclass
class Side:
    """One side of the world. Its mentor (too little experience, an exception requested from
    the side's partnership) has an accepted designation to the side's establishment x
    programme, an unchecked extract and a completed mentor training with a certificate; so the
    side's consultants review the side's mentor, and nobody else's."""

    name: str
    onderneming: object
    vestiging: object
    onderwijsinstelling: object
    partnerschap: object
    opleiding: object
    users: dict[str, User] = field(default_factory=dict)
    mentor: object = None
    toewijzing: object = None
    uittreksel: object = None
    uitzondering: object = None
    mentoropleiding: object = None
    # Recognition objects, added by `add_erkenning` (the `erkenning_world` fixture).
    machtiging: object = None
    aanvraag: object = None
    aanvraagdocument: object = None
    afgewezen: object = None
    erkenning: object = None
    sanctie: object = None
    beroep: object = None
    # Learner and agreement objects, added by `add_overeenkomst`.
    leerling: object = None
    overeenkomst: object = None
    uitnodiging: object = None
    document: object = None
    getekend: object = None
    # The signed agreement's document, with its signed copy.
    kopie: object = None
    schorsing: object = None
    evaluatie: object = None
    papier: object = None
    handtekening: object = None
    voorstel: object = None

    @property
    def canaries(self) -> list[str]:
        """Strings only this side's members (and platform admins) may ever see."""
        canaries = [
            self.onderneming.naam,
            self.vestiging.naam,
            self.onderwijsinstelling.naam,
            self.mentor.achternaam,
        ]
        if self.beroep is not None:
            canaries += [self.afgewezen.motivering, self.sanctie.motivering, self.beroep.motivering]
        if self.leerling is not None:
            canaries.append(self.leerling.achternaam)
        if self.voorstel is not None:
            canaries.append(self.voorstel.leerling.achternaam)
        return canaries


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
        Rol.SCHOOLBEHEERDER: side.onderwijsinstelling,
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
    _add_mentor(side)
    return side


def _add_mentor(side: Side) -> None:
    werkgever = side.users[Rol.VERTEGENWOORDIGER]
    side.mentor = MentorFactory(
        onderneming=side.onderneming, achternaam=f"CANARY-{side.name}-mentor", onervaren=True
    )
    side.toewijzing = ToewijzingFactory(
        mentor=side.mentor, vestiging=side.vestiging, opleiding=side.opleiding, aanvaard=True
    )
    side.uittreksel = UittrekselFactory(mentor=side.mentor, opgeladen_door=werkgever)
    side.uitzondering = Uitzondering.objects.create(
        mentor=side.mentor,
        partnerschap=side.partnerschap,
        soort=UitzonderingSoort.ERVARING,
        bewijs=pdf("diploma.pdf"),
        toelichting="Bachelor",
        aangevraagd_door=werkgever,
    )
    opleiding = mentoropleiding_starten(
        mentor=side.mentor, partnerschap=side.partnerschap, vanaf=side.toewijzing.aangesteld_op
    )
    side.mentoropleiding = mentoropleiding_voltooien(
        opleiding=opleiding,
        gevolgd_op=side.toewijzing.aangesteld_op,
        certificaat=pdf("certificaat.pdf"),
        door=als(werkgever, side.onderneming),
    )
