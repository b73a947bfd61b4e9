"""factory_boy factories for the kernel; states as Traits (G20)."""

import factory
from factory.django import DjangoModelFactory

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.organisaties.constants import OrganisatieSoort, Overeenkomsttype, PartnerschapSoort
from duaal.organisaties.models import (
    Criterium,
    Onderneming,
    Onderwijsinstelling,
    Opleiding,
    Organisatie,
    Partnerschap,
    Vestiging,
)


def mod97(prefix: str) -> str:
    """Complete an 8-digit prefix with the two Belgian mod-97 check digits."""
    return prefix + str(97 - int(prefix) % 97).zfill(2)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"gebruiker{n}@voorbeeld.be")
    naam = factory.Faker("name", locale="nl_BE")
    password = factory.django.Password("geheim-wachtwoord-123")


class OndernemingFactory(DjangoModelFactory):
    class Meta:
        model = Onderneming

    naam = factory.Sequence(lambda n: f"Onderneming {n} BV")
    kbo_nummer = factory.Sequence(lambda n: mod97(f"0{4000000 + n:07d}"))
    rechtsvorm = "bv"
    straat = "Kerkstraat"
    huisnummer = "1"
    postcode = "9000"
    gemeente = "Gent"


class VestigingFactory(DjangoModelFactory):
    class Meta:
        model = Vestiging

    onderneming = factory.SubFactory(OndernemingFactory)
    naam = factory.Sequence(lambda n: f"Vestiging {n}")
    vestigingseenheidsnummer = factory.Sequence(lambda n: mod97(f"2{1000000 + n:07d}"))
    straat = "Stationsstraat"
    huisnummer = "2"
    postcode = "9000"
    gemeente = "Gent"


class OnderwijsinstellingFactory(DjangoModelFactory):
    class Meta:
        model = Onderwijsinstelling

    naam = factory.Sequence(lambda n: f"Campus {n}")
    instellingsnummer = factory.Sequence(lambda n: f"{100000 + n}")
    straat = "Schoolstraat"
    huisnummer = "3"
    postcode = "9000"
    gemeente = "Gent"


class PartnerschapFactory(DjangoModelFactory):
    class Meta:
        model = Partnerschap

    naam = factory.Sequence(lambda n: f"Sectoraal partnerschap {n}")
    partnerschap_soort = PartnerschapSoort.SECTORAAL


class CriteriumFactory(DjangoModelFactory):
    class Meta:
        model = Criterium

    partnerschap = factory.SubFactory(PartnerschapFactory)
    omschrijving = factory.Sequence(lambda n: f"Criterium {n}")


class DepartementFactory(DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Departement {n}")
    soort = OrganisatieSoort.DEPARTEMENT


class OpleidingFactory(DjangoModelFactory):
    class Meta:
        model = Opleiding

    officiele_naam = factory.Sequence(lambda n: f"Opleiding {n} duaal")
    code = factory.Sequence(lambda n: f"OPL-{n}")
    overeenkomsttype = Overeenkomsttype.OAO
    partnerschap = factory.SubFactory(PartnerschapFactory)
    werkplekuren_per_week = 24
    minimumleeftijd = 15


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OndernemingFactory)
    rol = Rol.VERTEGENWOORDIGER
