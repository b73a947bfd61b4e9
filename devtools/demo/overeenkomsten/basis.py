"""The demo's building blocks: its people and places, and agreements built through the services."""

import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from devtools.demo.erkenning import demo_erkenning_laden
from devtools.demo.mentors import DEMO_PDF
from duaal.accounts.actor import Actor, actor_for
from duaal.accounts.models import User
from duaal.insz import insz_voor
from duaal.kalender.models import Schoolvakantie
from duaal.organisaties.models import Onderwijsinstelling, Opleiding, Vestiging
from duaal.termijnen import opleidingsdagen_tussen, vandaag
from mentors.models import MentorToewijzing
from overeenkomsten.constants import LINK_SALT, Partij, Situatie
from overeenkomsten.controles import Blok
from overeenkomsten.models import Ggmmi, Leerling, Overeenkomst
from overeenkomsten.services import (
    Inhoud,
    LeerlingGegevens,
    goedkeuren_via_link,
    goedkeuring_op_papier,
    handtekening_bevestigen_via_link,
    leerling_goedkeuren,
    leerling_registreren,
    overeenkomst_goedkeuren,
    overeenkomst_opstellen,
    overeenkomst_versturen,
    voorstel_aanvaarden,
    voorstel_doen_op_nummer,
)

# The Flemish school holidays of 2026-2027 as we understand the calendar reform (autumn and
# spring two weeks, Easter from Easter Monday when Easter falls in March). Demo data only: the
# platform administrator maintains the official calendar on the management site.
SCHOOLVAKANTIES = [
    ("Herfstvakantie 2026-2027", dt.date(2026, 10, 26), dt.date(2026, 11, 8)),
    ("Kerstvakantie 2026-2027", dt.date(2026, 12, 21), dt.date(2027, 1, 3)),
    ("Krokusvakantie 2026-2027", dt.date(2027, 2, 8), dt.date(2027, 2, 21)),
    ("Paasvakantie 2026-2027", dt.date(2027, 3, 29), dt.date(2027, 4, 11)),
    ("Zomervakantie 2027", dt.date(2027, 7, 3), dt.date(2027, 8, 29)),
]

# 24 workplace hours (the programme's average) and 14 lesson hours; fits a minor (R77).
ROOSTER = [
    Blok(1, "werkplek", dt.time(8), dt.time(16)),
    Blok(2, "werkplek", dt.time(8), dt.time(16)),
    Blok(3, "werkplek", dt.time(8), dt.time(16)),
    Blok(4, "school", dt.time(8, 30), dt.time(15, 30)),
    Blok(5, "school", dt.time(8, 30), dt.time(15, 30)),
]
OPLEIDINGSPLAN = (
    "Competentieclusters: basiszorg en comfort, hygiëne en infectiepreventie, communicatie met "
    "bewoners en familie, observeren en rapporteren. Op de werkplek onder begeleiding van de "
    "mentor; evaluatie samen met de trajectbegeleider."
)


@dataclass
class Demo:
    now: datetime
    school: Onderwijsinstelling
    coach: Actor  # the demo's coach and employer act through the services under their membership
    werkgever: Actor
    opleiding: Opleiding
    gent: Vestiging
    lokeren: Vestiging
    marie_gent: MentorToewijzing
    marie_lokeren: MentorToewijzing
    hilde_gent: MentorToewijzing

    @property
    def vandaag(self) -> dt.date:
        return vandaag(self.now)

    def t(self, dagen: int) -> datetime:
        return self.now + dt.timedelta(days=dagen)

    def d(self, dagen: int) -> dt.date:
        return self.vandaag + dt.timedelta(days=dagen)


def ggmmi_zeker() -> None:
    # Migration 0002 seeds the same row; a database emptied since (a transactional test) gets it
    # back here, so the allowance can be computed.
    Ggmmi.objects.get_or_create(
        geldig_vanaf=dt.date(2024, 5, 1),
        defaults={"bedrag": Decimal("2070.48"), "bron": "Vlaanderen.be, leervergoeding OAO"},
    )


def schoolvakanties_laden() -> None:
    for naam, van, tot in SCHOOLVAKANTIES:
        Schoolvakantie.objects.get_or_create(naam=naam, defaults={"van": van, "tot": tot})


def _terug(dag: dt.date, aantal: int) -> dt.date:
    """The training day from which `dag` is the `aantal`-th training day (R48, backwards)."""
    start = dag
    while opleidingsdagen_tussen(start, dag) < aantal:
        start -= dt.timedelta(days=1)
    return start


def _nieuw(demo: Demo, e_mail: str) -> bool:
    return not Leerling.objects.filter(onderwijsinstelling=demo.school, e_mail=e_mail).exists()


def _registreren(
    demo: Demo,
    *,
    naam: tuple[str, str],
    e_mail: str,
    leeftijd: relativedelta,
    volgnummer: int,
    start_lessen: dt.date,
    situatie: str = Situatie.A,
) -> Leerling:
    """Registered by the coach on the first day of lessons; the parent's details for a minor."""
    geboren = demo.vandaag - leeftijd
    voornaam, achternaam = naam
    return leerling_registreren(
        onderwijsinstelling=demo.school,
        gegevens=LeerlingGegevens(
            opleiding=demo.opleiding,
            voornaam=voornaam,
            achternaam=achternaam,
            insz=insz_voor(geboren, volgnummer),
            geboortedatum=geboren,
            e_mail=e_mail,
            straat="Kouter",
            huisnummer=str(volgnummer % 90 + 1),
            postcode="9000",
            gemeente="Gent",
            start_lessen=start_lessen,
            situatie=situatie,
            vertegenwoordiger_naam=f"Ouder van {voornaam} {achternaam}",
            vertegenwoordiger_e_mail=f"ouder.{voornaam.lower()}@ouder.demo.duaal.be",
        ),
        door=demo.coach,
        now=demo.now - dt.timedelta(days=(demo.vandaag - start_lessen).days),
    )


def _gematcht(
    demo: Demo, leerling: Leerling, vestiging: Vestiging, *, goedgekeurd: int, intake: int
):
    """Approved for dual learning `goedgekeurd` days ago and proposed to the workplace the same
    day; the employer accepted after its intake `intake` days ago (days relative to today):
    the company chose the learner (R48)."""
    leerling = leerling_goedkeuren(leerling=leerling, door=demo.coach, now=demo.t(goedgekeurd))
    voorstel = voorstel_doen_op_nummer(
        leerling=leerling,
        nummer=vestiging.vestigingseenheidsnummer,
        bericht="Gemotiveerde leerling; de klassenraad gaf een positief advies.",
        door=demo.coach,
        now=demo.t(goedgekeurd),
    )
    voorstel_aanvaarden(
        voorstel=voorstel, intake_op=demo.d(intake), door=demo.werkgever, now=demo.t(intake)
    )
    leerling.refresh_from_db()
    return leerling


def _ontwerp(
    demo: Demo,
    leerling: Leerling,
    toewijzing: MentorToewijzing,
    *,
    op: int,
    start: dt.date,
    einde: dt.date,
) -> Overeenkomst:
    return overeenkomst_opstellen(
        leerling=leerling,
        vestiging=toewijzing.vestiging,
        inhoud=Inhoud(
            toewijzing=toewijzing,
            start=start,
            einde=einde,
            werkplekuren_per_week=Decimal(24),
            opleidingsplan=OPLEIDINGSPLAN,
            blokken=ROOSTER,
        ),
        door=demo.coach,
        now=demo.t(op),
    )


def _via_link(overeenkomst: Overeenkomst, partij: str, now: datetime) -> None:
    """The learner (or parent) clicks the personal link the e-mail carried."""
    uitnodiging = overeenkomst.uitnodigingen.get(versie=overeenkomst.versie, partij=partij)
    goedkeuren_via_link(token=signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT), now=now)


def _ondertekend(demo: Demo, overeenkomst: Overeenkomst, *, verstuurd: int) -> Overeenkomst:
    """Sent `verstuurd` days ago; employer, school and learner approve in the portal over the
    next days, the parent of a minor signs on paper, the coach uploads the scan and the parent
    confirms it through the personal link mailed at once (nobody is bound without acting)."""
    overeenkomst = overeenkomst_versturen(
        overeenkomst=overeenkomst, door=demo.coach, now=demo.t(verstuurd)
    )
    for dag, door in [(1, demo.werkgever), (1, demo.coach)]:
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=1, door=door, now=demo.t(verstuurd + dag)
        )
    _via_link(overeenkomst, Partij.LEERLING, demo.t(verstuurd + 2))
    if overeenkomst.met_vertegenwoordiger:
        goedkeuring_op_papier(
            overeenkomst=overeenkomst,
            partij=Partij.VERTEGENWOORDIGER,
            naam=overeenkomst.leerling.vertegenwoordiger_naam,
            scan=SimpleUploadedFile("handtekening.pdf", DEMO_PDF, content_type="application/pdf"),
            door=demo.coach,
            now=demo.t(verstuurd + 3),
        )
        uitnodiging = overeenkomst.uitnodigingen.get(
            versie=overeenkomst.versie, partij=Partij.VERTEGENWOORDIGER
        )
        handtekening_bevestigen_via_link(
            token=signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT),
            now=demo.t(verstuurd + 4),
        )
    overeenkomst.refresh_from_db()
    return overeenkomst


# The learners still looking for a workplace, or not yet approved.


def demo_context() -> Demo:
    demo_erkenning_laden()  # idempotent; the agreements need its recognised workplaces
    opleiding = Opleiding.objects.get(code="ZORG-VZ-D")
    gent = Vestiging.objects.get(vestigingseenheidsnummer="2100000114")
    lokeren = Vestiging.objects.get(vestigingseenheidsnummer="2200000283")

    def toewijzing(vestiging: Vestiging, insz: str) -> MentorToewijzing:
        return MentorToewijzing.objects.get(
            mentor__insz=insz, vestiging=vestiging, opleiding=opleiding
        )

    return Demo(
        now=timezone.now(),
        school=Onderwijsinstelling.objects.get(instellingsnummer="012345"),
        coach=actor_for(User.objects.get(email="trajectbegeleider@demo.duaal.be")),
        werkgever=actor_for(User.objects.get(email="werkgever@demo.duaal.be")),
        opleiding=opleiding,
        gent=gent,
        lokeren=lokeren,
        marie_gent=toewijzing(gent, "78031503312"),
        marie_lokeren=toewijzing(lokeren, "78031503312"),
        hilde_gent=toewijzing(gent, "75060702227"),
    )
