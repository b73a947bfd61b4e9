"""Factories for the mentor evidence and training records; lifecycle states as traits (G20)."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from mentors.constants import OpleidingStatus, UitzonderingSoort, UitzonderingStatus
from mentors.models import Mentoropleiding, MentorToewijzing, Uitzondering
from tests.factories import (
    MentorFactory,
    PartnerschapFactory,
    ToewijzingFactory,
    UittrekselFactory,
    UserFactory,
)


class UitzonderingFactory(DjangoModelFactory):
    class Meta:
        model = Uitzondering

    class Params:
        toegekend = factory.Trait(status=UitzonderingStatus.TOEGEKEND, motivatie="Diploma past.")
        geweigerd = factory.Trait(status=UitzonderingStatus.GEWEIGERD, motivatie="Geen bewijs.")

    mentor = factory.SubFactory(MentorFactory)
    partnerschap = factory.SubFactory(PartnerschapFactory)
    soort = UitzonderingSoort.LEEFTIJD
    bewijs = factory.django.FileField(filename="diploma.pdf", data=b"%PDF-1.4\n%%EOF\n")
    aangevraagd_door = factory.SubFactory(UserFactory)


class MentoropleidingFactory(DjangoModelFactory):
    class Meta:
        model = Mentoropleiding

    class Params:
        gepland = factory.Trait(status=OpleidingStatus.GEPLAND, gepland_op=dt.date(2027, 5, 3))
        gevolgd = factory.Trait(status=OpleidingStatus.GEVOLGD, gevolgd_op=dt.date(2027, 5, 3))
        vrijgesteld = factory.Trait(
            status=OpleidingStatus.VRIJGESTELD, vrijstelling_reden="Pedagogisch attest."
        )

    mentor = factory.SubFactory(MentorFactory)
    partnerschap = factory.SubFactory(PartnerschapFactory)
    voltooien_uiterlijk_op = dt.date(2027, 9, 1)


def geldige_toewijzing(**kwargs) -> MentorToewijzing:
    """An accepted, active designation whose mentor meets R32-R36 (extract a month old)."""
    toewijzing = ToewijzingFactory(aanvaard=True, **kwargs)
    UittrekselFactory(
        mentor=toewijzing.mentor, uitgereikt_op=toewijzing.aangesteld_op - dt.timedelta(days=30)
    )
    return toewijzing
