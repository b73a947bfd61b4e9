"""factory_boy factories; lifecycle states as Traits (G20)."""

import datetime as dt

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
from mentors.constants import ToewijzingStatus
from mentors.models import Mentor, MentorToewijzing, Uittreksel


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


def insz(geboortedatum: dt.date, volgnummer: int = 33) -> str:
    """A valid INSZ for a date of birth (check digits as for people born before 2000 or after)."""
    basis = f"{geboortedatum:%y%m%d}{volgnummer:03d}"
    prefix = ("2" if geboortedatum.year >= 2000 else "") + basis
    return basis + str(97 - int(prefix) % 97).zfill(2)


class MentorFactory(DjangoModelFactory):
    class Meta:
        model = Mentor

    class Params:
        # States as traits (G20).
        jong = factory.Trait(geboortedatum=dt.date(2002, 6, 1))
        onervaren = factory.Trait(jaren_ervaring=2)

    onderneming = factory.SubFactory(OndernemingFactory)
    voornaam = factory.Faker("first_name", locale="nl_BE")
    achternaam = factory.Faker("last_name", locale="nl_BE")
    geboortedatum = dt.date(1980, 4, 12)
    insz = factory.LazyAttributeSequence(lambda o, n: insz(o.geboortedatum, 1 + n % 997))
    functie = "Ploegbaas"
    jaren_ervaring = 10


class ToewijzingFactory(DjangoModelFactory):
    class Meta:
        model = MentorToewijzing

    class Params:
        aanvaard = factory.Trait(status=ToewijzingStatus.AANVAARD)

    mentor = factory.SubFactory(MentorFactory)
    vestiging = factory.SubFactory(
        VestigingFactory, onderneming=factory.SelfAttribute("..mentor.onderneming")
    )
    opleiding = factory.SubFactory(OpleidingFactory)
    aangesteld_op = dt.date(2026, 9, 1)


class UittrekselFactory(DjangoModelFactory):
    class Meta:
        model = Uittreksel

    mentor = factory.SubFactory(MentorFactory)
    uitgereikt_op = dt.date(2026, 8, 1)
    bestand = factory.django.FileField(filename="uittreksel.pdf", data=b"%PDF-1.4\n%%EOF\n")
    opgeladen_door = factory.SubFactory(UserFactory)
