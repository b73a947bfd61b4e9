"""Fixtures for the agreements domain: a school with a coach and a learner, an enterprise with
a recognised establishment x programme and a valid mentor, on a fixed date."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from django.utils import translation

from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from erkenning.models import Erkenning
from overeenkomsten.constants import Situatie
from overeenkomsten.models import Leerling
from overeenkomsten.services import (
    leerling_goedkeuren,
    leerling_registreren,
    leerling_werkplek_goedkeuren,
)
from tests.factories import (
    MembershipFactory,
    OndernemingFactory,
    OnderwijsinstellingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    ToewijzingFactory,
    UittrekselFactory,
    UserFactory,
    VestigingFactory,
    insz,
)
from tests.mentors.helpers import moment

# A Monday in term time; the tests' clock.
VANDAAG = dt.date(2026, 9, 14)
NU = moment(VANDAAG)


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


@dataclass
class Traject:
    school: object
    coach: User
    onderneming: object
    vestiging: object
    opleiding: object
    werkgever: User
    toewijzing: object
    erkenning: Erkenning

    def leerling(
        self, *, geboortedatum: dt.date = dt.date(2010, 3, 15), volgnummer: int = 41, **kwargs
    ) -> Leerling:
        """A learner registered, approved and matched to the recognised establishment."""
        gegevens = (
            dict(
                voornaam="Lotte",
                achternaam="Peeters",
                insz=insz(geboortedatum, volgnummer),
                geboortedatum=geboortedatum,
                e_mail=f"lotte{volgnummer}@leerling.example",
                straat="Kerkstraat",
                huisnummer="1",
                postcode="9000",
                gemeente="Gent",
                start_lessen=dt.date(2026, 9, 1),
                situatie=Situatie.A,
                vertegenwoordiger_naam="An Peeters",
                vertegenwoordiger_e_mail=f"ouder{volgnummer}@leerling.example",
            )
            | kwargs
        )
        leerling = leerling_registreren(
            onderwijsinstelling=self.school,
            opleiding=self.opleiding,
            door=self.coach,
            now=NU,
            **gegevens,
        )
        leerling = leerling_goedkeuren(leerling=leerling, arbeidsrijp=True, door=self.coach, now=NU)
        return leerling_werkplek_goedkeuren(
            leerling=leerling, vestiging=self.vestiging, intake_op=VANDAAG, door=self.coach, now=NU
        )


def lid(organisatie, rol: str, **kwargs) -> User:
    user = UserFactory(**kwargs)
    MembershipFactory(user=user, organisatie=organisatie, rol=rol)
    return user


@pytest.fixture
def traject(db) -> Traject:
    school = OnderwijsinstellingFactory()
    onderneming = OndernemingFactory()
    vestiging = VestigingFactory(onderneming=onderneming)
    opleiding = OpleidingFactory(partnerschap=PartnerschapFactory(), werkplekuren_per_week=24)
    toewijzing = ToewijzingFactory(
        mentor__onderneming=onderneming, vestiging=vestiging, opleiding=opleiding, aanvaard=True
    )
    werkgever = lid(onderneming, Rol.VERTEGENWOORDIGER, naam="Wim Werkgever")
    UittrekselFactory(mentor=toewijzing.mentor, opgeladen_door=werkgever)
    erkenning = Erkenning.objects.create(
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=opleiding,
        partnerschap=opleiding.partnerschap,
        geldig_van=dt.date(2026, 1, 1),
        geldig_tot=dt.date(2031, 1, 1),
    )
    return Traject(
        school=school,
        coach=lid(school, Rol.TRAJECTBEGELEIDER, naam="Tine Coach"),
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=opleiding,
        werkgever=werkgever,
        toewijzing=toewijzing,
        erkenning=erkenning,
    )
