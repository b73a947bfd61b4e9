"""Shared by the learner and agreement screen tests (test_overeenkomst_screens_*.py) and by
test_geen_insz_in_logs.py: the roles, the learner's data, the `plek` where side A's establishment
may take a learner, and the steps that bring an agreement through the screens."""

import datetime as dt
import re
from dataclasses import dataclass

import pytest

from django.core import signing
from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.views import vandaag_nu as _vandaag
from erkenning.models import Erkenning
from mentors.models import MentorToewijzing
from overeenkomsten.constants import LINK_SALT, OvereenkomstStatus
from overeenkomsten.models import Leerling, Overeenkomst, Uitnodiging
from overeenkomsten.services import (
    LeerlingGegevens,
    leerling_goedkeuren,
    leerling_registreren,
    leerling_werkplek_goedkeuren,
)

from .factories import ToewijzingFactory, UittrekselFactory, insz
from .support import als, via_samenvatting
from .world import World

VERT, MEDEW, TRAJ = Rol.VERTEGENWOORDIGER, Rol.ONDERNEMING_MEDEWERKER, Rol.TRAJECTBEGELEIDER
GEBOORTE = dt.date(2010, 3, 15)
INSZ = insz(GEBOORTE, 41)
START, EINDE = dt.date(2027, 1, 4), dt.date(2028, 6, 30)


def url(name: str, obj) -> str:
    return reverse(f"overeenkomsten:{name}", kwargs={"public_id": obj.public_id})


@dataclass
class Plek:
    """Side A's establishment holds a running recognition for its programme, with a mentor
    who meets every condition (the world's own mentor deliberately does not)."""

    toewijzing: MentorToewijzing
    erkenning: Erkenning


@pytest.fixture
def plek(world: World) -> Plek:
    side = world.sides["A"]
    toewijzing = ToewijzingFactory(
        mentor__onderneming=side.onderneming,
        mentor__achternaam="Geldig",
        vestiging=side.vestiging,
        opleiding=side.opleiding,
        aanvaard=True,
    )
    UittrekselFactory(mentor=toewijzing.mentor, opgeladen_door=side.users[VERT])
    _gemachtigd(side)
    return Plek(toewijzing=toewijzing, erkenning=_erkend(side))


def _gemachtigd(side) -> None:
    """Side A's enterprise mandated its school for learners and agreements: the coach matches
    learners with it and drafts without a proposal for each (R48)."""
    from erkenning.models import Machtiging

    Machtiging.objects.get_or_create(
        onderneming=side.onderneming,
        gemachtigde=side.onderwijsinstelling,
        ingetrokken_op=None,
        defaults={"verleend_door": side.users[VERT], "voor_leerlingen": True},
    )


def _erkend(side) -> Erkenning:
    """The running recognition of side A's establishment for its programme (R48: a learner is
    approved only for a recognised workplace), created when the test has none yet."""
    erkenning, _ = Erkenning.objects.get_or_create(
        vestiging=side.vestiging,
        opleiding=side.opleiding,
        status="actief",
        defaults={
            "onderneming": side.onderneming,
            "partnerschap": side.opleiding.partnerschap,
            "geldig_van": dt.date(2026, 1, 1),
            "geldig_tot": dt.date(2031, 1, 1),
        },
    )
    return erkenning


GEGEVENS = {
    "voornaam": "Lotte",
    "achternaam": "Peeters",
    "insz": INSZ,
    "geboortedatum": "15/03/2010",
    "e_mail": "lotte@leerling.example",
    "straat": "Kerkstraat",
    "huisnummer": "1",
    "postcode": "9000",
    "gemeente": "Gent",
    "start_lessen": "01/09/2026",
    "situatie": "A",
    "vertegenwoordiger_naam": "An Peeters",
    "vertegenwoordiger_e_mail": "an@ouder.example",
}


def _gekoppeld(world: World) -> Leerling:
    """A learner of side A's school, approved for side A's establishment, through the
    services."""
    side = world.sides["A"]
    coach = als(side.users[TRAJ])
    gegevens = {**GEGEVENS, "geboortedatum": GEBOORTE, "start_lessen": dt.date(2026, 9, 1)}
    leerling = leerling_registreren(
        onderwijsinstelling=side.onderwijsinstelling,
        gegevens=LeerlingGegevens(opleiding=side.opleiding, **gegevens),
        door=coach,
    )
    leerling = leerling_goedkeuren(leerling=leerling, door=coach)
    _erkend(side)
    _gemachtigd(side)
    return leerling_werkplek_goedkeuren(
        leerling=leerling, vestiging=side.vestiging, intake_op=_vandaag(), door=coach
    )


ROOSTER = [(1, "werkplek", "08:00", "16:00"), (2, "werkplek", "08:00", "16:00")]
ROOSTER += [(3, "werkplek", "08:00", "16:00"), (4, "school", "08:30", "15:30")]


def _inhoud(plek: Plek, rooster=ROOSTER, **extra) -> dict:
    data = {
        "toewijzing": str(plek.toewijzing.public_id),
        "start": START.strftime("%d/%m/%Y"),
        "einde": EINDE.strftime("%d/%m/%Y"),
        "werkplekuren_per_week": "24",
        "opleidingsplan": "Competenties uit het standaardtraject zorg.",
        "vakantiebijlage": "",
        "blok-TOTAL_FORMS": "10",
        "blok-INITIAL_FORMS": "0",
        "blok-MIN_NUM_FORMS": "0",
        "blok-MAX_NUM_FORMS": "28",
    }
    for i, (dag, plaats, van, tot) in enumerate(rooster):
        data |= {f"blok-{i}-dag": dag, f"blok-{i}-plaats": plaats}
        data |= {f"blok-{i}-van": van, f"blok-{i}-tot": tot}
    return data | extra


def _opgesteld(world: World, plek: Plek) -> Overeenkomst:
    leerling = _gekoppeld(world)
    coach = world.client_for("A", TRAJ)
    response = coach.post(url("overeenkomst_opstellen", leerling), _inhoud(plek))
    o = Overeenkomst.objects.get(leerling=leerling)
    assert response.status_code == 302 and response["Location"] == o.get_absolute_url()
    return o


def _verstuurd(world: World, plek: Plek, capture) -> Overeenkomst:
    o = _opgesteld(world, plek)
    with capture(execute=True):  # the PDF task runs on commit
        response = via_samenvatting(world.client_for("A", TRAJ), url("overeenkomst_versturen", o))
    assert response.status_code == 302
    o.refresh_from_db()
    assert o.status == OvereenkomstStatus.TER_GOEDKEURING
    return o


def _token(uitnodiging: Uitnodiging) -> str:
    return signing.dumps(str(uitnodiging.public_id), salt=LINK_SALT)


SLEUTEL = re.compile(r'name="sleutel" value="([^"]+)"')


@dataclass
class LinkSessie:
    """What a browser has after opening a personal link: the page it was redirected to (no
    token in it) and the key its forms carry."""

    pagina: str
    sleutel: str

    def pdf(self) -> str:
        return self.pagina + "pdf/"

    def goedkeuren(self) -> str:
        return self.pagina + "goedkeuren/"


def link_openen(client, uitnodiging: Uitnodiging, token: str | None = None) -> LinkSessie:
    """Open the mailed link (its token) in `client`: it redirects to a URL without the token,
    whose page carries the key for its forms."""
    response = client.get(
        reverse("overeenkomsten:link_openen", args=[token or _token(uitnodiging)])
    )
    assert response.status_code == 302, response.status_code
    pagina = response["Location"]
    assert pagina == reverse("overeenkomsten:link_pagina", args=[uitnodiging.public_id])
    body = client.get(pagina).content.decode()
    return LinkSessie(pagina=pagina, sleutel=SLEUTEL.search(body).group(1))


def link_goedkeuren(client, uitnodiging: Uitnodiging):
    """Open the link and press "I approve"; returns the response to the POST."""
    sessie = link_openen(client, uitnodiging)
    return client.post(sessie.goedkeuren(), {"sleutel": sessie.sleutel})


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks
