"""The demo data: one login per role, and loading it again changes nothing."""

from io import StringIO

import pytest

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.http import HttpRequest

from devtools.demo.portaal import DEMO_WACHTWOORD, demo_data_laden
from duaal.accounts.constants import Rol
from duaal.accounts.models import Membership, User
from duaal.audit.models import Event
from duaal.kalender.models import Schoolvakantie
from duaal.meldingen.models import Melding
from duaal.organisaties.models import Organisatie, Vestiging
from overeenkomsten.constants import LeerlingStatus, OvereenkomstStatus, Partij
from overeenkomsten.models import (
    Goedkeuring,
    Leerling,
    Overeenkomst,
    Schorsing,
    Uitnodiging,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(m.objects.count() for m in (User, Membership, Organisatie, Vestiging))


def test_loading_the_demo_twice_changes_nothing() -> None:
    demo_data_laden()
    first = _counts()
    demo_data_laden()
    assert _counts() == first


def test_every_role_but_read_only_staff_has_a_demo_login() -> None:
    logins = demo_data_laden()
    assert len(logins) == len(Rol) - 1
    for login in logins:
        # Axes' backend needs a request to check the lock-out.
        request = HttpRequest()
        assert authenticate(request, username=login.email, password=DEMO_WACHTWOORD) is not None


def _overeenkomsten_counts() -> tuple[int, ...]:
    modellen = (Leerling, Overeenkomst, Goedkeuring, Uitnodiging, Schorsing, Schoolvakantie)
    return tuple(m.objects.count() for m in (*modellen, Melding, Event))


def test_the_demo_has_learners_and_agreements_in_every_state_and_loads_once() -> None:
    call_command("demo_data", stdout=StringIO())
    first = _overeenkomsten_counts()
    call_command("demo_data", stdout=StringIO())
    assert _overeenkomsten_counts() == first
    assert set(Leerling.objects.values_list("status", flat=True)) == set(LeerlingStatus.values)
    assert set(Overeenkomst.objects.values_list("status", flat=True)) == set(
        OvereenkomstStatus.values
    )
    wachtend = Overeenkomst.objects.get(status=OvereenkomstStatus.TER_GOEDKEURING)
    assert list(wachtend.goedkeuringen.values_list("partij", flat=True)) == [Partij.WERKGEVER]
    # Noah's: the care trajectory's two phase agreements are signed too (zorgtraject.py).
    getekend = Overeenkomst.objects.get(
        status=OvereenkomstStatus.ONDERTEKEND,
        leerling__e_mail="noah.verhoeven@leerling.demo.duaal.be",
    )
    fases = Overeenkomst.objects.filter(traject__isnull=False)
    assert sorted(fases.values_list("fase_volgorde", flat=True)) == [1, 2]
    # Signed; by the day the demo is loaded the first phase may have ended normally.
    assert set(fases.values_list("status", flat=True)) <= {
        OvereenkomstStatus.ONDERTEKEND,
        OvereenkomstStatus.AFGELOPEN,
    }
    assert fases.values("onderneming").distinct().count() == 2
    assert getekend.met_vertegenwoordiger and getekend.schorsingen.exists()
    zoekend = Leerling.objects.filter(status=LeerlingStatus.GOEDGEKEURD)
    assert zoekend.filter(termijn_herinnerd_op__isnull=False, termijn_verstreken_op=None).exists()
    assert zoekend.filter(termijn_verstreken_op__isnull=False).exists()
    assert Schoolvakantie.objects.filter(naam__startswith="Kerstvakantie 2026").exists()
