"""Demo learners of Campus Sint-Jozef in every status and agreements in every state.

Built through the real services with `now=` in the past, on the recognised workplaces of
Woonzorgcentrum De Linde (erkenning/demo.py) with mentor Marie Dubois (mentors/demo.py):

- Emma: registered, negative advice of the class council (R46: it does not block).
- Lucas: preparatory phase (R47).
- Sara: approved, looking for a workplace; her 20-training-day window ends within 5 days.
- Youssef: approved, looking; his window lapsed a few training days ago (flagged).
- Jens: stopped the dual training.
- Mila: matched with De Linde Gent; one draft withdrawn, a new draft waiting.
- Finn (16): agreement awaiting approval; the employer approved, he and his parent not yet.
- Noah (16): signed agreement (his parent signed on paper), with a 15-day suspension.
- Lena: agreement ended early (poor match); a new 20-training-day window runs (R48).
- Arne: agreement ended normally at its end date (signed while he was a minor).

Idempotent: a learner whose e-mail address already exists at the school is skipped (the
INSZ follows the date of birth, which is relative to today, so it cannot be the key).
"""

import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from duaal.accounts.models import User
from duaal.insz import insz_voor
from duaal.organisaties.models import Onderwijsinstelling, Opleiding, Vestiging
from duaal.termijnen import vandaag
from mentors.demo import DEMO_PDF
from mentors.models import MentorToewijzing

from .constants import Advies, AdviesDoor, BeeindigingReden, Partij, SchorsingReden, Situatie
from .controles import Blok
from .kalender import na_opleidingsdagen, opleidingsdagen_tussen
from .models import Ggmmi, Leerling, Overeenkomst, Schoolvakantie
from .services import (
    goedkeuren_via_link,
    goedkeuring_op_papier,
    leerling_goedkeuren,
    leerling_registreren,
    leerling_screenen,
    leerling_stoppen,
    leerling_termijnen_herinneren,
    leerling_termijnen_markeren,
    leerling_werkplek_goedkeuren,
    overeenkomst_annuleren,
    overeenkomst_beeindigen,
    overeenkomst_goedkeuren,
    overeenkomst_opstellen,
    overeenkomst_versturen,
    overeenkomsten_afsluiten,
    schorsing_registreren,
)
from .services.goedkeuring import LINK_SALT

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
    coach: User
    werkgever: User
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


def _ggmmi() -> None:
    # Migration 0002 seeds the same row; a database emptied since (a transactional test) gets it
    # back here, so the allowance can be computed.
    Ggmmi.objects.get_or_create(
        geldig_vanaf=dt.date(2024, 5, 1),
        defaults={"bedrag": Decimal("2070.48"), "bron": "Vlaanderen.be, leervergoeding OAO"},
    )


def _schoolvakanties() -> None:
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
        opleiding=demo.opleiding,
        door=demo.coach,
        now=demo.now - dt.timedelta(days=(demo.vandaag - start_lessen).days),
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
    )


def _gematcht(
    demo: Demo, leerling: Leerling, vestiging: Vestiging, *, goedgekeurd: int, intake: int
):
    """Approved for dual learning `goedgekeurd` days ago, chosen after an intake `intake` days
    ago (days relative to today)."""
    leerling = leerling_goedkeuren(
        leerling=leerling, arbeidsrijp=True, door=demo.coach, now=demo.t(goedgekeurd)
    )
    return leerling_werkplek_goedkeuren(
        leerling=leerling,
        vestiging=vestiging,
        intake_op=demo.d(intake),
        door=demo.coach,
        now=demo.t(intake),
    )


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
        toewijzing=toewijzing,
        start=start,
        einde=einde,
        werkplekuren_per_week=Decimal(24),
        opleidingsplan=OPLEIDINGSPLAN,
        door=demo.coach,
        blokken=ROOSTER,
        now=demo.t(op),
    )


def _via_link(overeenkomst: Overeenkomst, partij: str, now: datetime) -> None:
    """The learner (or parent) clicks the personal link the e-mail carried."""
    uitnodiging = overeenkomst.uitnodigingen.get(versie=overeenkomst.versie, partij=partij)
    goedkeuren_via_link(token=signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT), now=now)


def _ondertekend(demo: Demo, overeenkomst: Overeenkomst, *, verstuurd: int) -> Overeenkomst:
    """Sent `verstuurd` days ago; employer, school and learner approve in the portal over the
    next days, the parent of a minor signs on paper and the coach uploads the scan."""
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
    overeenkomst.refresh_from_db()
    return overeenkomst


# The learners still looking for a workplace, or not yet approved.


def _emma(demo: Demo) -> None:
    if not _nieuw(demo, e_mail := "emma.janssens@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Emma", "Janssens"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=16, days=40),
        volgnummer=301,
        start_lessen=demo.d(-2),
    )
    leerling_screenen(
        leerling=leerling,
        advies=Advies.NEGATIEF,
        advies_door=AdviesDoor.KLASSENRAAD,
        toelichting="Weinig stiptheid tijdens de stage van vorig jaar.",
        door=demo.coach,
        now=demo.t(-1),
    )


def _lucas(demo: Demo) -> None:
    if not _nieuw(demo, e_mail := "lucas.maes@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Lucas", "Maes"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=15, months=8),
        volgnummer=302,
        start_lessen=demo.d(-20),
    )
    leerling_screenen(
        leerling=leerling,
        advies=Advies.POSITIEF,
        advies_door=AdviesDoor.TRAJECTBEGELEIDER,
        toelichting="Gemotiveerd, maar nog niet klaar voor een werkplek.",
        door=demo.coach,
        now=demo.t(-19),
    )
    leerling_goedkeuren(leerling=leerling, arbeidsrijp=False, door=demo.coach, now=demo.t(-18))


def _zoekend(
    demo: Demo, *, naam: tuple[str, str], e_mail: str, volgnummer: int, uiterlijk: dt.date
) -> None:
    """Approved and looking, registered so that the window ends on `uiterlijk`."""
    if not _nieuw(demo, e_mail):
        return
    start = _terug(uiterlijk, 20)
    leerling = _registreren(
        demo,
        naam=naam,
        e_mail=e_mail,
        leeftijd=relativedelta(years=17, days=10),
        volgnummer=volgnummer,
        start_lessen=start,
    )
    goedgekeurd = (start - demo.vandaag).days + 1
    leerling_goedkeuren(
        leerling=leerling, arbeidsrijp=True, door=demo.coach, now=demo.t(goedgekeurd)
    )


def _sara_en_youssef(demo: Demo) -> None:
    # Sara: three training days left. Youssef: the window ended three training days ago.
    _zoekend(
        demo,
        naam=("Sara", "El Amrani"),
        e_mail="sara.elamrani@leerling.demo.duaal.be",
        volgnummer=303,
        uiterlijk=na_opleidingsdagen(demo.vandaag, 3),
    )
    verstreken = demo.d(-1)
    while opleidingsdagen_tussen(verstreken, demo.d(-1)) < 3:
        verstreken -= dt.timedelta(days=1)
    _zoekend(
        demo,
        naam=("Youssef", "Benali"),
        e_mail="youssef.benali@leerling.demo.duaal.be",
        volgnummer=304,
        uiterlijk=verstreken,
    )


def _jens(demo: Demo) -> None:
    if not _nieuw(demo, e_mail := "jens.desmet@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Jens", "De Smet"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=18, months=2),
        volgnummer=305,
        start_lessen=demo.d(-60),
    )
    leerling = leerling_goedkeuren(
        leerling=leerling, arbeidsrijp=True, door=demo.coach, now=demo.t(-58)
    )
    leerling_stoppen(
        leerling=leerling,
        reden="Kiest voor voltijds secundair onderwijs.",
        door=demo.coach,
        now=demo.t(-25),
    )


# The agreements, oldest first: an agreement that ended no longer occupies the mentor (R40).


def _arne(demo: Demo) -> None:
    """Ended normally: two years at De Linde Lokeren, signed while he was 17."""
    if not _nieuw(demo, e_mail := "arne.jacobs@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Arne", "Jacobs"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=19, days=100),
        volgnummer=306,
        start_lessen=demo.d(-760),
        situatie=Situatie.B,
    )
    leerling = _gematcht(demo, leerling, demo.lokeren, goedgekeurd=-758, intake=-745)
    overeenkomst = _ontwerp(
        demo, leerling, demo.marie_lokeren, op=-740, start=demo.d(-730), einde=demo.d(-45)
    )
    _ondertekend(demo, overeenkomst, verstuurd=-738)
    overeenkomsten_afsluiten(now=demo.now)  # the end-of-term sweep, as beat would have run it


def _lena(demo: Demo) -> None:
    """Ended early after eight months (poor match): a new window runs from the next day."""
    if not _nieuw(demo, e_mail := "lena.mertens@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Lena", "Mertens"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=17, days=200),
        volgnummer=307,
        start_lessen=demo.d(-270),
    )
    leerling = _gematcht(demo, leerling, demo.lokeren, goedgekeurd=-268, intake=-255)
    overeenkomst = _ontwerp(
        demo, leerling, demo.marie_lokeren, op=-250, start=demo.d(-240), einde=demo.d(490)
    )
    overeenkomst = _ondertekend(demo, overeenkomst, verstuurd=-248)
    overeenkomst_beeindigen(
        overeenkomst=overeenkomst,
        reden=BeeindigingReden.MATCH,
        laatste_dag=demo.d(-20),
        toelichting="Werkt liever met kinderen dan met ouderen.",
        door=demo.werkgever,
        now=demo.t(-20),
    )


def _noah(demo: Demo) -> None:
    """Signed at 16 (his parent on paper), started three weeks ago, now suspended (illness)."""
    if not _nieuw(demo, e_mail := "noah.verhoeven@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Noah", "Verhoeven"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=16, days=150),
        volgnummer=308,
        start_lessen=demo.d(-45),
    )
    leerling = _gematcht(demo, leerling, demo.gent, goedgekeurd=-44, intake=-33)
    overeenkomst = _ontwerp(
        demo, leerling, demo.marie_gent, op=-29, start=demo.d(-21), einde=demo.d(-21 + 730)
    )
    overeenkomst = _ondertekend(demo, overeenkomst, verstuurd=-28)
    schorsing_registreren(
        overeenkomst=overeenkomst,
        reden=SchorsingReden.ZIEKTE,
        van=demo.d(-16),
        tot=demo.d(-2),
        toelichting="Gebroken pols; doktersattest ontvangen.",
        door=demo.werkgever,
        now=demo.t(-15),
    )


def _mila(demo: Demo) -> None:
    """Matched with De Linde Gent: a first draft (wrong start date) withdrawn, a new draft
    with mentor Hilde Maes (Marie Dubois guides two learners, the partnership's cap)."""
    if not _nieuw(demo, e_mail := "mila.claes@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Mila", "Claes"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=19, days=30),
        volgnummer=309,
        start_lessen=demo.d(-12),
        situatie=Situatie.C,
    )
    leerling = _gematcht(demo, leerling, demo.gent, goedgekeurd=-11, intake=-4)
    eerste = _ontwerp(
        demo, leerling, demo.hilde_gent, op=-3, start=demo.d(7), einde=demo.d(7 + 700)
    )
    overeenkomst_annuleren(overeenkomst=eerste, door=demo.coach, now=demo.t(-2))
    _ontwerp(demo, leerling, demo.hilde_gent, op=-1, start=demo.d(21), einde=demo.d(21 + 700))


def _finn(demo: Demo) -> None:
    """Awaiting approval: the employer approved; Finn and his parent have their links."""
    if not _nieuw(demo, e_mail := "finn.wouters@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Finn", "Wouters"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=16, days=300),
        volgnummer=310,
        start_lessen=demo.d(-10),
    )
    leerling = _gematcht(demo, leerling, demo.gent, goedgekeurd=-9, intake=-6)
    overeenkomst = _ontwerp(
        demo, leerling, demo.marie_gent, op=-5, start=demo.d(14), einde=demo.d(14 + 700)
    )
    overeenkomst = overeenkomst_versturen(
        overeenkomst=overeenkomst, door=demo.coach, now=demo.t(-3)
    )
    overeenkomst_goedkeuren(
        overeenkomst=overeenkomst, versie=1, door=demo.werkgever, now=demo.t(-2)
    )


def _demo() -> Demo:
    from erkenning.demo import demo_erkenning_laden

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
        coach=User.objects.get(email="trajectbegeleider@demo.duaal.be"),
        werkgever=User.objects.get(email="werkgever@demo.duaal.be"),
        opleiding=opleiding,
        gent=gent,
        lokeren=lokeren,
        marie_gent=toewijzing(gent, "78031503312"),
        marie_lokeren=toewijzing(lokeren, "78031503312"),
        hilde_gent=toewijzing(gent, "75060702227"),
    )


@transaction.atomic
def demo_overeenkomsten_laden() -> None:
    """Load the scenarios; the agreements' PDFs render after commit (in-process in dev)."""
    _ggmmi()
    _schoolvakanties()  # first: the learners' windows count training days
    demo = _demo()
    for scenario in (_emma, _lucas, _sara_en_youssef, _jens, _arne, _lena, _noah, _mila, _finn):
        scenario(demo)
    # The sweeps, as beat would have run them today: reminder, lapsed window, normal end.
    leerling_termijnen_herinneren(now=demo.now)
    leerling_termijnen_markeren(now=demo.now)
    overeenkomsten_afsluiten(now=demo.now)
