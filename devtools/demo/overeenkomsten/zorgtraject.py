"""Amira, a learner of the care programme "Verzorgende/zorgkundige duaal", goes through both
phases of its trajectory with two employers: 5 months residential at De Linde Merelbeke
(Woonzorgcentrum De Linde, mentor Sarah Desmet), then 4 months of home care at Thuiszorg
Zonnebloem (mentor Karim Benali), who accepted her through the school's proposal for that
phase while the first agreement ran. Both agreements are signed by every party; after her
first month the mentor recorded a positive evaluation.

The trajectory starts on 15 September of the school year in which it has run at least six
weeks today, so the evaluation lies in the past whatever the day the demo is loaded. Built
through the services with `now=` in the past; idempotent (the places, people and
recognitions are looked up first, the learner is skipped when her e-mail address exists)."""

import datetime as dt
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from devtools.demo.erkenning import _volledig
from devtools.demo.mentors import _mentor, _pdf
from devtools.demo.opleidingsregels import zorg_regels
from devtools.demo.portaal import _gebruiker, _onderneming
from duaal.accounts.actor import Actor, actor_for
from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.insz import insz_voor
from duaal.organisaties.models import Onderneming, OpleidingsRegels, Vestiging
from duaal.organisaties.programmaregels import opleidingsregels_voor
from duaal.termijnen import plus_maanden
from erkenning.models import Aanvraag
from erkenning.services import aanvraag_goedkeuren
from mentors.models import Mentor, MentorToewijzing
from mentors.services import mentor_toewijzen, toewijzing_beslissen, uittreksel_opladen
from overeenkomsten.constants import Partij
from overeenkomsten.models import Overeenkomst
from overeenkomsten.models.evaluatie import EvaluatieSoort, EvaluatieUitkomst
from overeenkomsten.services import (
    Inhoud,
    evaluatie_registreren,
    inschrijvingsnummer_registreren,
    leerling_goedkeuren,
    overeenkomst_goedkeuren,
    overeenkomst_opstellen,
    overeenkomst_versturen,
    voorstel_aanvaarden,
    voorstel_doen_op_nummer,
)
from overeenkomsten.services.formaliteiten import formaliteiten_vastleggen
from overeenkomsten.services.vooropleiding import vooropleiding_vastleggen

from .basis import OPLEIDINGSPLAN, ROOSTER, Demo, _nieuw, _registreren, _via_link

E_MAIL = "amira.elamrani@leerling.demo.duaal.be"
MERELBEKE = ("De Linde Merelbeke", "2600000767", "9820", "Merelbeke")
ZONNEBLOEM = ("Thuiszorg Zonnebloem", "0456789133", "Gent", "9000")
ZONNEBLOEM_GENT = ("Zonnebloem Gent", "2700000146", "9000", "Gent")
THUISZORG_LOGIN = ("thuiszorg@demo.duaal.be", "Nadia Verstraete")


def trajectstart(vandaag: dt.date) -> dt.date:
    """15 September of the school year that began at least six weeks ago."""
    peil = vandaag - dt.timedelta(days=45)
    return dt.date(peil.year if peil.month >= 9 else peil.year - 1, 9, 15)


def _op(demo: Demo, dag: dt.date) -> datetime:
    """That day, at the time of day the demo is loaded."""
    return demo.now - dt.timedelta(days=(demo.vandaag - dag).days)


def _plek(onderneming: Onderneming, naam: str, nummer: str, postcode: str, gemeente: str):
    vestiging, _ = Vestiging.objects.get_or_create(
        vestigingseenheidsnummer=nummer,
        defaults={
            "onderneming": onderneming,
            "naam": naam,
            "straat": "Zorgstraat",
            "huisnummer": "8",
            "postcode": postcode,
            "gemeente": gemeente,
        },
    )
    return vestiging


def _mentor_aangesteld(
    demo: Demo,
    vestiging: Vestiging,
    werkgever: Actor,
    consulent: Actor,
    *,
    wanneer: datetime,
    **gegevens,
) -> MentorToewijzing:
    """A valid mentor designated for the programme here and accepted by the partnership."""
    mentor = _mentor(vestiging.onderneming, werkgever, **gegevens)
    if mentor is None:
        mentor = Mentor.objects.get(onderneming=vestiging.onderneming, insz=gegevens["insz"])
        return MentorToewijzing.objects.get(
            mentor=mentor, vestiging=vestiging, opleiding=demo.opleiding
        )
    uittreksel_opladen(
        mentor=mentor,
        bestand=_pdf("596-2.pdf"),
        uitgereikt_op=(wanneer - dt.timedelta(days=10)).date(),
        door=werkgever,
        now=wanneer,
    )
    toewijzing = mentor_toewijzen(
        mentor=mentor, vestiging=vestiging, opleiding=demo.opleiding, door=werkgever, now=wanneer
    )
    toewijzing_beslissen(
        toewijzing=toewijzing,
        aanvaarden=True,
        motivatie="Voldoet aan de voorwaarden.",
        door=consulent,
        now=wanneer,
    )
    toewijzing.refresh_from_db()  # the decision saved another instance
    return toewijzing


def _erkend(
    demo: Demo,
    vestiging: Vestiging,
    toewijzing: MentorToewijzing,
    werkgever: Actor,
    consulent: Actor,
    *,
    besluit: datetime,
) -> None:
    if Aanvraag.objects.filter(vestiging=vestiging, opleiding=demo.opleiding).exists():
        return
    aanvraag = _volledig(
        vestiging,
        demo.opleiding,
        [toewijzing.mentor],
        werkgever,
        consulent,
        volledig=besluit - dt.timedelta(days=5),
    )
    aanvraag_goedkeuren(
        aanvraag=aanvraag,
        motivering="Voldoet aan alle erkenningscriteria; geldige mentor aangesteld.",
        door=consulent,
        now=besluit,
    )


def _ondertekend(
    demo: Demo, overeenkomst: Overeenkomst, werkgever: Actor, *, verstuurd: dt.date
) -> Overeenkomst:
    """Sent, the employer's formalities recorded (medical examination, Dimona), then
    approved by the employer, the school and the learner (an adult: no parent signs)."""
    overeenkomst = overeenkomst_versturen(
        overeenkomst=overeenkomst, door=demo.coach, now=_op(demo, verstuurd)
    )
    formaliteiten_vastleggen(
        overeenkomst=overeenkomst,
        medisch_onderzoek_op=verstuurd,
        dimona_op=verstuurd,
        door=werkgever,
        now=_op(demo, verstuurd),
    )
    dag = _op(demo, verstuurd + dt.timedelta(days=1))
    for door in (werkgever, demo.coach):
        overeenkomst_goedkeuren(
            overeenkomst=overeenkomst, versie=overeenkomst.versie, door=door, now=dag
        )
    _via_link(overeenkomst, Partij.LEERLING, _op(demo, verstuurd + dt.timedelta(days=2)))
    overeenkomst.refresh_from_db()
    return overeenkomst


def _fase(
    demo: Demo,
    leerling,
    toewijzing: MentorToewijzing,
    *,
    fase: int,
    start: dt.date,
    einde: dt.date,
    op: dt.date,
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
            fase_volgorde=fase,
        ),
        door=demo.coach,
        now=_op(demo, op),
    )


@dataclass(frozen=True)
class Zorgplekken:
    """The two recognised workplaces of the trajectory, their mentors and employers."""

    residentieel: MentorToewijzing
    thuiszorg: MentorToewijzing
    linde: Actor
    zonnebloem: Actor


def zorgplekken(demo: Demo, start: dt.date) -> Zorgplekken:
    """De Linde Merelbeke and Zonnebloem Gent, each recognised for the programme a month
    before `start` with a mentor designated two months before it (looked up when there)."""
    consulent = actor_for(User.objects.get(email="consulent@demo.duaal.be"))
    linde = demo.werkgever
    zonnebloem = _onderneming(*ZONNEBLOEM)
    _gebruiker(*THUISZORG_LOGIN, zonnebloem, Rol.VERTEGENWOORDIGER)
    thuiszorg = actor_for(User.objects.get(email=THUISZORG_LOGIN[0]))
    merelbeke = _plek(demo.gent.onderneming, *MERELBEKE)
    zonnebloem_gent = _plek(zonnebloem, *ZONNEBLOEM_GENT)

    aangesteld = _op(demo, start - dt.timedelta(days=60))
    sarah = _mentor_aangesteld(
        demo,
        merelbeke,
        linde,
        consulent,
        wanneer=aangesteld,
        voornaam="Sarah",
        achternaam="Desmet",
        insz=insz_voor(dt.date(1980, 5, 20), 12),
        geboortedatum=dt.date(1980, 5, 20),
        jaren_ervaring=14,
    )
    karim = _mentor_aangesteld(
        demo,
        zonnebloem_gent,
        thuiszorg,
        consulent,
        wanneer=aangesteld,
        voornaam="Karim",
        achternaam="Benali",
        insz=insz_voor(dt.date(1977, 9, 12), 34),
        geboortedatum=dt.date(1977, 9, 12),
        jaren_ervaring=18,
    )
    besluit = _op(demo, start - dt.timedelta(days=30))
    _erkend(demo, merelbeke, sarah, linde, consulent, besluit=besluit)
    _erkend(demo, zonnebloem_gent, karim, thuiszorg, consulent, besluit=besluit)
    return Zorgplekken(sarah, karim, linde, thuiszorg)


def zorgtraject_laden(demo: Demo) -> None:
    """Amira's trajectory (see the module docstring)."""
    if not _nieuw(demo, E_MAIL):
        return
    if not OpleidingsRegels.objects.filter(opleiding=demo.opleiding).exists():
        zorg_regels(demo.opleiding)
    start = trajectstart(demo.vandaag)
    plekken = zorgplekken(demo, start)
    sarah, karim = plekken.residentieel, plekken.thuiszorg
    linde, thuiszorg = plekken.linde, plekken.zonnebloem
    merelbeke, zonnebloem_gent = sarah.vestiging, karim.vestiging
    lessen = dt.date(start.year, 9, 1)
    leerling = _registreren(
        demo,
        naam=("Amira", "El Amrani"),
        e_mail=E_MAIL,
        leeftijd=relativedelta(years=20, days=40),
        volgnummer=312,
        start_lessen=lessen,
    )
    leerling = leerling_goedkeuren(leerling=leerling, door=demo.coach, now=_op(demo, lessen))
    regels = opleidingsregels_voor(demo.opleiding, op=_op(demo, lessen))
    vooropleiding = OpleidingsRegels.objects.get(pk=regels.versie_id).vooropleidingen.first()
    vooropleiding_vastleggen(
        leerling=leerling,
        vooropleiding=vooropleiding,
        bewijs="Diploma secundair onderwijs nr. 2024/0317, Sint-Lucas Gent",
        behaald_op=dt.date(start.year - 1, 6, 30),
        door=demo.coach,
        now=_op(demo, lessen),
    )
    inschrijvingsnummer_registreren(
        leerling=leerling, nummer="VZ-0824-3317", door=demo.coach, now=_op(demo, lessen)
    )
    # Phase 1: the residential employer chose her after its intake.
    voorstel = voorstel_doen_op_nummer(
        leerling=leerling,
        nummer=merelbeke.vestigingseenheidsnummer,
        bericht="Gemotiveerde volwassen leerling met diploma secundair onderwijs.",
        door=demo.coach,
        now=_op(demo, lessen + dt.timedelta(days=1)),
    )
    voorstel_aanvaarden(
        voorstel=voorstel,
        intake_op=lessen + dt.timedelta(days=4),
        door=linde,
        now=_op(demo, lessen + dt.timedelta(days=4)),
    )
    einde_1 = plus_maanden(start, 5) - dt.timedelta(days=1)
    eerste = _fase(
        demo, leerling, sarah, fase=1, start=start, einde=einde_1, op=start - dt.timedelta(days=9)
    )
    eerste = _ondertekend(demo, eerste, linde, verstuurd=start - dt.timedelta(days=8))
    # Phase 2: the home-care employer accepts her for it by its own act, while phase 1 runs.
    voorstel = voorstel_doen_op_nummer(
        leerling=leerling,
        nummer=zonnebloem_gent.vestigingseenheidsnummer,
        bericht="Voor de thuiszorgfase, aansluitend op de residentiële fase bij De Linde.",
        door=demo.coach,
        now=_op(demo, start - dt.timedelta(days=4)),
    )
    voorstel_aanvaarden(
        voorstel=voorstel,
        intake_op=start - dt.timedelta(days=2),
        door=thuiszorg,
        now=_op(demo, start - dt.timedelta(days=2)),
    )
    tweede_start = einde_1 + dt.timedelta(days=1)
    tweede = _fase(
        demo,
        leerling,
        karim,
        fase=2,
        start=tweede_start,
        einde=plus_maanden(tweede_start, 4) - dt.timedelta(days=1),
        op=start - dt.timedelta(days=1),
    )
    _ondertekend(demo, tweede, thuiszorg, verstuurd=start)
    # After her first month the mentor evaluates her: positive.
    na_maand = plus_maanden(start, 1)
    evaluatie_registreren(
        overeenkomst=eerste,
        datum=na_maand,
        soort=EvaluatieSoort.EERSTE_MAAND,
        uitkomst=EvaluatieUitkomst.POSITIEF,
        notities="Neemt initiatief bij de ochtendzorg; communiceert rustig met bewoners.",
        door=linde,
        now=_op(demo, na_maand + dt.timedelta(days=1)),
    )
