"""One function per demo learner (see the package docstring)."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from devtools.demo.mentors import DEMO_PDF
from duaal.termijnen import na_opleidingsdagen, opleidingsdagen_tussen
from overeenkomsten.constants import (
    Advies,
    AdviesDoor,
    BeeindigingReden,
    Partij,
    SchorsingReden,
    Situatie,
)
from overeenkomsten.services import (
    goedkeuring_op_papier,
    leerling_goedkeuren,
    leerling_naar_aanloopfase,
    leerling_screenen,
    leerling_stoppen,
    overeenkomst_annuleren,
    overeenkomst_beeindigen,
    overeenkomst_goedkeuren,
    overeenkomst_versturen,
    overeenkomsten_afsluiten,
    schorsing_registreren,
)

from .basis import (
    Demo,
    _gematcht,
    _nieuw,
    _ondertekend,
    _ontwerp,
    _registreren,
    _terug,
    _via_link,
)


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
    leerling_naar_aanloopfase(leerling=leerling, door=demo.coach, now=demo.t(-18))


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
    leerling_goedkeuren(leerling=leerling, door=demo.coach, now=demo.t(goedgekeurd))


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
    leerling = leerling_goedkeuren(leerling=leerling, door=demo.coach, now=demo.t(-58))
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


def _sofie(demo: Demo) -> None:
    """Awaiting confirmation: every party approved, her parent on paper; the parent has not yet
    confirmed, through the personal link, the scan the coach uploaded (nobody is bound without
    acting)."""
    if not _nieuw(demo, e_mail := "sofie.lambrechts@leerling.demo.duaal.be"):
        return
    leerling = _registreren(
        demo,
        naam=("Sofie", "Lambrechts"),
        e_mail=e_mail,
        leeftijd=relativedelta(years=16, days=80),
        volgnummer=311,
        start_lessen=demo.d(-15),
    )
    leerling = _gematcht(demo, leerling, demo.gent, goedgekeurd=-14, intake=-10)
    overeenkomst = _ontwerp(
        demo, leerling, demo.hilde_gent, op=-8, start=demo.d(10), einde=demo.d(10 + 700)
    )
    overeenkomst = overeenkomst_versturen(
        overeenkomst=overeenkomst, door=demo.coach, now=demo.t(-6)
    )
    for door in (demo.werkgever, demo.coach):
        overeenkomst_goedkeuren(overeenkomst=overeenkomst, versie=1, door=door, now=demo.t(-5))
    _via_link(overeenkomst, Partij.LEERLING, demo.t(-4))
    goedkeuring_op_papier(
        overeenkomst=overeenkomst,
        partij=Partij.VERTEGENWOORDIGER,
        naam=leerling.vertegenwoordiger_naam,
        scan=SimpleUploadedFile("handtekening.pdf", DEMO_PDF, content_type="application/pdf"),
        door=demo.coach,
        now=demo.t(-2),
    )


SCENARIOS = (_emma, _lucas, _sara_en_youssef, _jens, _arne, _lena, _noah, _mila, _finn, _sofie)
