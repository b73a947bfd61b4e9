"""Demo data for `make demo`: one login per role. Idempotent: re-running changes nothing."""

from dataclasses import dataclass

from django.db import transaction

from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.organisaties.constants import OrganisatieSoort, Overeenkomsttype, PartnerschapSoort
from duaal.organisaties.models import (
    Criterium,
    CriteriumDocument,
    Onderneming,
    Onderwijsinstelling,
    Opleiding,
    Organisatie,
    Partnerschap,
    Vestiging,
)

from .rooster import paritaire_comites_toekennen

DEMO_WACHTWOORD = "Duaal-demo-2026!"


@dataclass(frozen=True)
class DemoLogin:
    rol: str
    email: str
    organisatie: str


# The OVO codes the government login names the partnerships by (tests/oidc/demo-accounts.json
# logs the demo consultant in with the care partnership's); made up, unlike the real register.
def _partnerschappen() -> dict[str, Partnerschap]:
    data = {
        "vpdl": ("Vlaams Partnerschap Duaal Leren", PartnerschapSoort.VPDL, "OVO003100", {}),
        "zorg": ("Sectoraal partnerschap Zorg", PartnerschapSoort.SECTORAAL, "OVO003101", {}),
        "horeca": ("Sectoraal partnerschap Horeca", PartnerschapSoort.SECTORAAL, "OVO003102", {}),
        "bouw": (
            "Sectoraal partnerschap Bouw",
            PartnerschapSoort.SECTORAAL,
            "OVO003103",
            # Construction: mentor training planned within 3 and completed within 6 months.
            {"mentoropleiding_termijn_maanden": 6, "mentoropleiding_plannen_maanden": 3},
        ),
    }
    result = {}
    for key, (naam, soort, ovo_code, regels) in data.items():
        result[key], _ = Partnerschap.objects.get_or_create(
            naam=naam, defaults={"partnerschap_soort": soort, "ovo_code": ovo_code, **regels}
        )
    return result


CRITERIA = [
    ("Organisatie en uitrusting laten toe het opleidingsplan op de werkplek uit te voeren.", []),
    (
        "Voldoende financiële draagkracht.",
        [("RSZ-schuldenattest of bewijs van RSZ-inschrijving", False)],
    ),
    ("Geen veroordelingen die de continuïteit of een goede leeromgeving in gevaar brengen.", []),
    (
        "Minstens één mentor die aan de voorwaarden voldoet.",
        [("Uittreksel strafregister model 596.2", True)],
    ),
]


def _criteria(partnerschap: Partnerschap) -> None:
    for volgorde, (omschrijving, documenten) in enumerate(CRITERIA, start=1):
        criterium, _ = Criterium.objects.get_or_create(
            partnerschap=partnerschap, omschrijving=omschrijving, defaults={"volgorde": volgorde}
        )
        for naam, per_mentor in documenten:
            CriteriumDocument.objects.get_or_create(
                criterium=criterium, naam=naam, defaults={"per_mentor": per_mentor}
            )


OPLEIDINGEN = [
    ("ZORG-VZ-D", "Verzorgende/zorgkundige duaal", "zorg", Overeenkomsttype.OAO, 24, 16),
    ("ZORG-ZK-D", "Zorgkundige duaal (Se-n-Se)", "zorg", Overeenkomsttype.OAO, 24, 17),
    ("HOR-KOK-D", "Kok duaal", "horeca", Overeenkomsttype.OAO, 24, 15),
    ("HOR-ZAAL-D", "Medewerker zaal duaal", "horeca", Overeenkomsttype.OAO, 22, 15),
    ("BOUW-RB-D", "Ruwbouwer duaal", "bouw", Overeenkomsttype.OAO, 26, 15),
    ("BOUW-DA-D", "Dakwerker duaal", "bouw", Overeenkomsttype.DA, 28, 16),
]


def _opleidingen(partnerschappen: dict[str, Partnerschap]) -> None:
    for code, naam, sector, soort, uren, leeftijd in OPLEIDINGEN:
        Opleiding.objects.get_or_create(
            code=code,
            defaults={
                "officiele_naam": naam,
                "partnerschap": partnerschappen[sector],
                "overeenkomsttype": soort,
                "werkplekuren_per_week": uren,
                "minimumleeftijd": leeftijd,
            },
        )


def _onderneming(naam: str, kbo: str, gemeente: str, postcode: str) -> Onderneming:
    onderneming, _ = Onderneming.objects.get_or_create(
        kbo_nummer=kbo,
        defaults={
            "naam": naam,
            "rechtsvorm": "bv",
            "straat": "Kerkstraat",
            "huisnummer": "1",
            "postcode": postcode,
            "gemeente": gemeente,
        },
    )
    return onderneming


def _vestiging(onderneming: Onderneming, naam: str, nummer: str, postcode: str, gemeente: str):
    Vestiging.objects.get_or_create(
        vestigingseenheidsnummer=nummer,
        defaults={
            "onderneming": onderneming,
            "naam": naam,
            "straat": "Stationsstraat",
            "huisnummer": "12",
            "postcode": postcode,
            "gemeente": gemeente,
        },
    )


def _gebruiker(email: str, naam: str, organisatie: Organisatie, rol: str, **extra) -> DemoLogin:
    user, created = User.objects.get_or_create(email=email, defaults={"naam": naam, **extra})
    if created:
        user.set_password(DEMO_WACHTWOORD)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, organisatie=organisatie, rol=rol)
    return DemoLogin(rol=Rol(rol).label, email=email, organisatie=organisatie.naam)


@transaction.atomic
def demo_data_laden() -> list[DemoLogin]:
    partnerschappen = _partnerschappen()
    for key in ("zorg", "horeca", "bouw"):
        _criteria(partnerschappen[key])
    _opleidingen(partnerschappen)

    linde = _onderneming("Woonzorgcentrum De Linde", "0412345614", "Gent", "9000")
    _vestiging(linde, "De Linde Gent", "2100000114", "9000", "Gent")
    _vestiging(linde, "De Linde Lokeren", "2200000283", "9160", "Lokeren")
    anker = _onderneming("Bistro Het Anker", "0765432146", "Brugge", "8000")
    _vestiging(anker, "Het Anker Brugge", "2300000355", "8000", "Brugge")
    paritaire_comites_toekennen()
    school, _ = Onderwijsinstelling.objects.get_or_create(
        instellingsnummer="012345",
        defaults={
            "naam": "Campus Sint-Jozef",
            "straat": "Schoolstraat",
            "huisnummer": "5",
            "postcode": "9000",
            "gemeente": "Gent",
        },
    )
    departement, _ = Organisatie.objects.get_or_create(
        naam="Departement Onderwijs en Vorming", defaults={"soort": OrganisatieSoort.DEPARTEMENT}
    )
    zorg = partnerschappen["zorg"]
    logins = [
        _gebruiker("werkgever@demo.duaal.be", "Ann Peeters", linde, Rol.VERTEGENWOORDIGER),
        _gebruiker("trajectbegeleider@demo.duaal.be", "Bart Claes", school, Rol.TRAJECTBEGELEIDER),
        _gebruiker("schoolbeheerder@demo.duaal.be", "Greet Smet", school, Rol.SCHOOLBEHEERDER),
        _gebruiker("consulent@demo.duaal.be", "Chloé Janssens", zorg, Rol.SECTORCONSULENT),
        _gebruiker("beheerder@demo.duaal.be", "Dirk Maes", zorg, Rol.PARTNERSCHAPSBEHEERDER),
        _gebruiker(
            "platform@demo.duaal.be",
            "Els Wouters",
            departement,
            Rol.PLATFORMBEHEERDER,
            is_staff=True,
            is_superuser=True,
        ),
    ]
    # The employer also helps out at a second enterprise: shows the organisation switcher.
    _gebruiker("werkgever@demo.duaal.be", "Ann Peeters", anker, Rol.ONDERNEMING_MEDEWERKER)
    return logins
