"""The care programme "Verzorgende/zorgkundige duaal" as the brochure describes it, as one
version of programme rules (rows, no code of its own). The demo loads it; tests build it too."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from duaal.organisaties.models import (
    Opleiding,
    OpleidingsFase,
    OpleidingsRegels,
    TypeAlternatief,
    Vooropleiding,
)
from duaal.organisaties.opleidingsregels import FaseContext, LeeftijdPeil, Sector

VOOROPLEIDINGEN = [
    ("Diploma secundair onderwijs", "Nummer en datum van het diploma"),
    (
        "Studiegetuigschrift van het tweede leerjaar van de derde graad secundair onderwijs, "
        "studiegebied personenzorg",
        "Datum en uitreikende school van het studiegetuigschrift",
    ),
    (
        "Certificaat 'verzorgende' uitgereikt in het stelsel van leren en werken",
        "Datum en uitreikend centrum van het certificaat",
    ),
]


@transaction.atomic
def zorg_regels(
    opleiding: Opleiding, *, geldig_vanaf: dt.datetime | None = None
) -> OpleidingsRegels:
    """Every rule of the brochure: start 1-30 September (later only when the school already
    has a learner in the programme), end by 30 June, at most 10 months, on average at least 20
    workplace hours a week with block periods allowed, 18 by 31 August of the school year, a
    prior diploma or certificate, a medical examination before hiring, first 5-7 months
    residential and then 3-5 months home care (registration number, 10 supervised days in
    the first month, an evaluation after that month, weekly feedback), and the part-time
    employment contract of 20 hours a week for private hospitals and disability care."""
    regels = OpleidingsRegels.objects.create(
        opleiding=opleiding,
        geldig_vanaf=geldig_vanaf,
        start_van_dag=1,
        start_van_maand=9,
        start_tot_dag=30,
        start_tot_maand=9,
        late_start_mits_leerling=True,
        einde_uiterlijk_dag=30,
        einde_uiterlijk_maand=6,
        max_duur_maanden=10,
        gemiddelde_werkplekuren=Decimal(20),
        minimumleeftijd=18,
        leeftijd_peil=LeeftijdPeil.SCHOOLJAAR,
        leeftijd_peil_dag=31,
        leeftijd_peil_maand=8,
        maximumleeftijd=25,
        kwalificatieniveau=4,
        werkplekaandeel_procent=60,
        blokperiodes_toegestaan=True,
        medisch_onderzoek_verplicht=True,
        dimona_verplicht=True,
        toelichting=(
            "De leerling doet werkervaring op in twee contexten: eerst residentieel "
            "(bijvoorbeeld een woonzorgcentrum), daarna in de thuiszorg. Dat kan bij dezelfde "
            "werkgever of bij twee verschillende werkgevers."
        ),
    )
    for volgorde, (naam, bewijs) in enumerate(VOOROPLEIDINGEN, start=1):
        Vooropleiding.objects.create(regels=regels, volgorde=volgorde, naam=naam, bewijs=bewijs)
    OpleidingsFase.objects.create(
        regels=regels,
        volgorde=1,
        naam="Residentiële setting",
        context=FaseContext.RESIDENTIEEL,
        min_maanden=5,
        max_maanden=7,
    )
    OpleidingsFase.objects.create(
        regels=regels,
        volgorde=2,
        naam="Thuiszorg",
        context=FaseContext.THUISZORG,
        min_maanden=3,
        max_maanden=5,
        inschrijvingsnummer_vereist=True,
        begeleide_dagen_eerste_maand=10,
        evaluatie_na_maanden=1,
        wekelijkse_feedback=True,
    )
    TypeAlternatief.objects.create(
        regels=regels,
        soort="da",
        sectoren=[Sector.PRIVE_ZIEKENHUIS, Sector.GEHANDICAPTENZORG],
        uren_per_week=Decimal(20),
        naam="Deeltijdse arbeidsovereenkomst met financiering via de Sociale Maribel",
    )
    return regels
