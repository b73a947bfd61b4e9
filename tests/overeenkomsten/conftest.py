"""Fixtures for the agreements domain: a school with a coach and a learner, an enterprise with
a recognised establishment x programme and a valid mentor, on a fixed date."""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

import pytest

from django.core import signing
from django.utils import translation

from duaal.accounts.actor import Actor, actor_for
from duaal.accounts.constants import Rol
from duaal.accounts.models import User
from duaal.meldingen.models import Melding
from erkenning.models import Erkenning, Machtiging
from erkenning.services import machtiging_verlenen
from overeenkomsten.constants import LINK_SALT, Partij, Situatie
from overeenkomsten.controles import Blok
from overeenkomsten.models import Leerling, Overeenkomst, Uitnodiging, Voorstel
from overeenkomsten.services import (
    Inhoud,
    LeerlingGegevens,
    goedkeuren_via_link,
    leerling_goedkeuren,
    leerling_registreren,
    leerling_werkplek_goedkeuren,
    overeenkomst_goedkeuren,
    overeenkomst_opstellen,
    overeenkomst_versturen,
    voorstel_aanvaarden,
    voorstel_doen_op_nummer,
)
from tests.factories import (
    OndernemingFactory,
    OnderwijsinstellingFactory,
    OpleidingFactory,
    PartnerschapFactory,
    ToewijzingFactory,
    UittrekselFactory,
    VestigingFactory,
    insz,
)
from tests.support import als, lid, moment, verbs  # noqa: F401 - lid, verbs: for the tests here

# A Monday in term time; the tests' clock.
VANDAAG = dt.date(2026, 9, 14)
NU = moment(VANDAAG)

START = dt.date(2026, 10, 1)
EINDE = dt.date(2028, 6, 30)

# 24 workplace hours and 14 lesson hours a week: at most 8 hours a day, 38 a week (R77).
ROOSTER = [
    Blok(1, "werkplek", dt.time(8), dt.time(16)),
    Blok(2, "werkplek", dt.time(8), dt.time(16)),
    Blok(3, "werkplek", dt.time(8), dt.time(16)),
    Blok(4, "school", dt.time(8, 30), dt.time(15, 30)),
    Blok(5, "school", dt.time(8, 30), dt.time(15, 30)),
]


def token(uitnodiging: Uitnodiging) -> str:
    """The signed token the personal link carries (as `link_voor` builds it)."""
    return signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT)


def link(overeenkomst: Overeenkomst, partij: str = Partij.LEERLING) -> str:
    """The token of the current link of `partij` for the agreement's current version."""
    overeenkomst.refresh_from_db()
    return token(
        Uitnodiging.objects.get(
            overeenkomst=overeenkomst, versie=overeenkomst.versie, partij=partij
        )
    )


def meldingen(event_key_bevat: str) -> list[Melding]:
    return list(Melding.objects.filter(event_key__contains=event_key_bevat).order_by("e_mail"))


def aan(event_key_bevat: str) -> list[str]:
    """The addresses a notification went to, sorted."""
    return [m.e_mail for m in meldingen(event_key_bevat)]


@pytest.fixture(autouse=True)
def _engels() -> Iterator[None]:
    """Messages are asserted in English, the source language."""
    with translation.override("en"):
        yield


def leerling_gegevens(
    *, geboortedatum: dt.date = dt.date(2010, 3, 15), volgnummer: int = 41, **kwargs
) -> dict:
    """What the coach enters on registration: a minor (16) starting lessons on 1 September."""
    return (
        dict(
            voornaam="Lotte",
            achternaam="Peeters",
            insz=insz(geboortedatum, volgnummer),
            geboortedatum=geboortedatum,
            e_mail=f"lotte{volgnummer}@leerling.example",
            straat="Kerkstraat",
            huisnummer="1",
            postcode="9000",
            gemeente="Gent",
            start_lessen=dt.date(2026, 9, 1),
            situatie=Situatie.A,
            vertegenwoordiger_naam="An Peeters",
            vertegenwoordiger_e_mail=f"ouder{volgnummer}@leerling.example",
        )
        | kwargs
    )


def gegevens(opleiding, **kwargs) -> LeerlingGegevens:
    """`leerling_gegevens` with the programme, as the registration service takes them."""
    return LeerlingGegevens(opleiding=opleiding, **leerling_gegevens(**kwargs))


def actor(door: User | Actor | None) -> Actor:
    """The tests' helpers take a user (acting under its first membership) or an actor."""
    return door if isinstance(door, Actor) else als(door)


@dataclass
class Traject:
    school: object
    coach: User
    onderneming: object
    vestiging: object
    opleiding: object
    werkgever: User
    toewijzing: object
    erkenning: Erkenning

    def leerling(
        self, *, geboortedatum: dt.date = dt.date(2010, 3, 15), volgnummer: int = 41, **kwargs
    ) -> Leerling:
        """A learner registered, approved and matched to the recognised establishment."""
        leerling = leerling_registreren(
            onderwijsinstelling=self.school,
            gegevens=gegevens(
                self.opleiding, geboortedatum=geboortedatum, volgnummer=volgnummer, **kwargs
            ),
            door=als(self.coach),
            now=NU,
        )
        leerling = leerling_goedkeuren(leerling=leerling, door=als(self.coach), now=NU)
        return self.kiest(leerling)

    def machtigt(self) -> None:
        """The employer mandates the school for learners and agreements (once)."""
        if not Machtiging.objects.filter(
            onderneming=self.onderneming, gemachtigde=self.school, ingetrokken_op__isnull=True
        ).exists():
            machtiging_verlenen(
                onderneming=self.onderneming,
                gemachtigde=self.school,
                door=actor_for(self.werkgever),
                voor_aanvragen=False,
                voor_leerlingen=True,
                now=NU,
            )

    def leerling_onder_mandaat(self, **kwargs) -> Leerling:
        """A learner the coach matched under the employer's mandate for learners and
        agreements: the employer itself accepted nothing yet."""
        self.machtigt()
        leerling = leerling_registreren(
            onderwijsinstelling=self.school,
            gegevens=gegevens(self.opleiding, **kwargs),
            door=als(self.coach),
            now=NU,
        )
        leerling = leerling_goedkeuren(leerling=leerling, door=als(self.coach), now=NU)
        return leerling_werkplek_goedkeuren(
            leerling=leerling,
            vestiging=self.vestiging,
            intake_op=VANDAAG,
            door=als(self.coach),
            now=NU,
        )

    def voorstel(self, leerling: Leerling, vestiging=None) -> Voorstel:
        """The coach proposes the learner to the establishment (typed by its number: the
        fixture's recognition is not published)."""
        vestiging = vestiging or self.vestiging
        return voorstel_doen_op_nummer(
            leerling=leerling,
            nummer=vestiging.vestigingseenheidsnummer,
            door=als(self.coach),
            now=NU,
        )

    def kiest(self, leerling: Leerling, vestiging=None) -> Leerling:
        """The employer chose the learner (R48): it accepts the coach's proposal, which
        approves the learner for the workplace."""
        voorstel_aanvaarden(
            voorstel=self.voorstel(leerling, vestiging),
            intake_op=VANDAAG,
            door=als(self.werkgever),
            now=NU,
        )
        leerling.refresh_from_db()
        return leerling

    def met_opleiding(self, **opleiding_kwargs) -> "Traject":
        """The same parties for another programme of the partnership, recognised at the same
        establishment with the same (valid) mentor designated for it."""
        opleiding = OpleidingFactory(
            partnerschap=self.opleiding.partnerschap,
            **{"werkplekuren_per_week": 24, **opleiding_kwargs},
        )
        toewijzing = ToewijzingFactory(
            mentor=self.toewijzing.mentor,
            vestiging=self.vestiging,
            opleiding=opleiding,
            aanvaard=True,
        )
        erkenning = Erkenning.objects.create(
            onderneming=self.onderneming,
            vestiging=self.vestiging,
            opleiding=opleiding,
            partnerschap=opleiding.partnerschap,
            geldig_van=dt.date(2026, 1, 1),
            geldig_tot=dt.date(2031, 1, 1),
        )
        return replace(self, opleiding=opleiding, toewijzing=toewijzing, erkenning=erkenning)

    def ontwerp(
        self,
        leerling: Leerling | None = None,
        *,
        vestiging=None,
        door: User | Actor | None = None,
        now: dt.datetime = NU,
        **inhoud,
    ) -> Overeenkomst:
        """A draft OAO from START to EINDE with a valid timetable; `inhoud` overrides the
        content (start, einde, blokken, toewijzing, ...)."""
        return overeenkomst_opstellen(
            leerling=leerling or self.leerling(),
            vestiging=vestiging or self.vestiging,
            inhoud=Inhoud(
                **(
                    dict(
                        toewijzing=self.toewijzing,
                        start=START,
                        einde=EINDE,
                        werkplekuren_per_week=Decimal(24),
                        opleidingsplan="Competenties: basiszorg, hygiëne, communicatie.",
                        blokken=ROOSTER,
                    )
                    | inhoud
                )
            ),
            door=actor(door or self.coach),
            now=now,
        )

    def verstuurd(self, leerling: Leerling | None = None, **kwargs) -> Overeenkomst:
        """A draft sent to the parties for approval."""
        overeenkomst = self.ontwerp(leerling, **kwargs)
        return overeenkomst_versturen(overeenkomst=overeenkomst, door=als(self.coach), now=NU)

    def ondertekend(self, leerling: Leerling | None = None, **kwargs) -> Overeenkomst:
        """An agreement every required party approved."""
        overeenkomst = self.verstuurd(leerling, **kwargs)
        for partij in (self.werkgever, self.coach):
            overeenkomst_goedkeuren(overeenkomst=overeenkomst, versie=1, door=als(partij), now=NU)
        for uitnodiging in Uitnodiging.objects.filter(overeenkomst=overeenkomst):
            goedkeuren_via_link(token=token(uitnodiging), now=NU)
        overeenkomst.refresh_from_db()
        return overeenkomst


@pytest.fixture
def traject(db) -> Traject:
    school = OnderwijsinstellingFactory()
    onderneming = OndernemingFactory()
    vestiging = VestigingFactory(onderneming=onderneming)
    opleiding = OpleidingFactory(partnerschap=PartnerschapFactory(), werkplekuren_per_week=24)
    toewijzing = ToewijzingFactory(
        mentor__onderneming=onderneming, vestiging=vestiging, opleiding=opleiding, aanvaard=True
    )
    werkgever = lid(onderneming, Rol.VERTEGENWOORDIGER, naam="Wim Werkgever")
    UittrekselFactory(mentor=toewijzing.mentor, opgeladen_door=werkgever)
    erkenning = Erkenning.objects.create(
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=opleiding,
        partnerschap=opleiding.partnerschap,
        geldig_van=dt.date(2026, 1, 1),
        geldig_tot=dt.date(2031, 1, 1),
    )
    return Traject(
        school=school,
        coach=lid(school, Rol.TRAJECTBEGELEIDER, naam="Tine Coach"),
        onderneming=onderneming,
        vestiging=vestiging,
        opleiding=opleiding,
        werkgever=werkgever,
        toewijzing=toewijzing,
        erkenning=erkenning,
    )
