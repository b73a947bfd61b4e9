"""Adult education (R58): an ODO programme of the care partnership and one agreement.

Bram Peeters (34) follows "Logistiek assistent zorg (volwassenenonderwijs)", an ODO: 16
workplace hours a week at De Linde Gent with mentor Peter Claes, paid by the hour at the ODO's
hourly minimum. His agreement is a draft the coach can send; its document says it is not an
official model (no model text exists in the sources). Built through the services with `now=`
in the past; idempotent (the programme, mentor and recognition are looked up first, the
learner is skipped when his e-mail address exists)."""

import dataclasses
import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from duaal.accounts.actor import actor_for
from duaal.accounts.models import User
from duaal.insz import insz_voor
from duaal.organisaties.constants import Overeenkomsttype
from duaal.organisaties.models import Opleiding
from overeenkomsten.constants import Situatie
from overeenkomsten.controles import Blok
from overeenkomsten.services import Inhoud, overeenkomst_opstellen

from .basis import OPLEIDINGSPLAN, Demo, _gematcht, _nieuw, _registreren
from .zorgtraject import _erkend, _mentor_aangesteld

E_MAIL = "bram.peeters@cursist.demo.duaal.be"
CODE = "ZORG-LOG-ODO"
# 16 workplace hours and 7 lesson hours a week: an ODO stays under 20 (R58).
ROOSTER_ODO = [
    Blok(1, "werkplek", dt.time(8), dt.time(16)),
    Blok(2, "werkplek", dt.time(8), dt.time(16)),
    Blok(4, "school", dt.time(8, 30), dt.time(15, 30)),
]


def _opleiding(demo: Demo) -> Opleiding:
    opleiding, _ = Opleiding.objects.get_or_create(
        code=CODE,
        defaults={
            "officiele_naam": "Logistiek assistent zorg (volwassenenonderwijs)",
            "partnerschap": demo.opleiding.partnerschap,
            "overeenkomsttype": Overeenkomsttype.ODO,
            "werkplekuren_per_week": 16,
            # Assumption (README): adult education from 18, no upper limit of its own.
            "minimumleeftijd": 18,
            "maximumleeftijd": 65,
        },
    )
    return opleiding


def volwassenen_laden(demo: Demo) -> None:
    """Bram's ODO (see the module docstring)."""
    if not _nieuw(demo, E_MAIL):
        return
    demo = dataclasses.replace(demo, opleiding=_opleiding(demo))
    consulent = actor_for(User.objects.get(email="consulent@demo.duaal.be"))
    toewijzing = _mentor_aangesteld(
        demo,
        demo.gent,
        demo.werkgever,
        consulent,
        wanneer=demo.t(-60),
        voornaam="Peter",
        achternaam="Claes",
        insz=insz_voor(dt.date(1975, 2, 11), 57),
        geboortedatum=dt.date(1975, 2, 11),
        jaren_ervaring=20,
    )
    _erkend(demo, demo.gent, toewijzing, demo.werkgever, consulent, besluit=demo.t(-30))
    leerling = _registreren(
        demo,
        naam=("Bram", "Peeters"),
        e_mail=E_MAIL,
        leeftijd=relativedelta(years=34, months=3),
        volgnummer=63,
        start_lessen=demo.d(-20),
        situatie=Situatie.B,
    )
    leerling = _gematcht(demo, leerling, demo.gent, goedgekeurd=-18, intake=-12)
    overeenkomst_opstellen(
        leerling=leerling,
        vestiging=demo.gent,
        inhoud=Inhoud(
            toewijzing=toewijzing,
            start=demo.d(7),
            einde=demo.d(7) + relativedelta(years=1, days=-1),
            werkplekuren_per_week=Decimal(16),
            opleidingsplan=OPLEIDINGSPLAN,
            blokken=ROOSTER_ODO,
        ),
        door=demo.coach,
        now=demo.t(-10),
    )
