"""The home-care phase: the employer records supervised days ("x of 10 in the first month")
and weekly feedback moments, a week without one after the first month shows on the agreement
page; the coach records the registration number as care assistant."""

import datetime as dt

import pytest

from django.test import Client
from django.urls import reverse

from devtools.demo.opleidingsregels import zorg_regels
from duaal.accounts.constants import Rol
from duaal.organisaties.programmaregels import opleidingsregels_voor
from duaal.workflow import Refused
from overeenkomsten.evaluaties import thuiszorg, weken_zonder_feedback
from overeenkomsten.exceptions import OvereenkomstFout
from overeenkomsten.models import BegeleideDag, Feedbackmoment
from overeenkomsten.services import (
    begeleide_dag_registreren,
    feedbackmoment_registreren,
    inschrijvingsnummer_registreren,
)
from overeenkomsten.services.thuiszorg import inschrijvingsnummer_ontbreekt
from tests.factories import OndernemingFactory
from tests.support import getypt, moment

from .conftest import START, als, lid, verbs

pytestmark = pytest.mark.django_db

NOVEMBER = moment(dt.date(2026, 11, 20))


@pytest.fixture
def zorg(traject):
    overeenkomst = traject.ondertekend()
    zorg_regels(traject.opleiding)
    overeenkomst.fase_volgorde = 2
    overeenkomst.save(update_fields=["fase_volgorde"])
    return overeenkomst


def _dag(overeenkomst, door, datum, now=NOVEMBER):
    return begeleide_dag_registreren(
        overeenkomst=overeenkomst, datum=datum, notities="", door=als(door), now=now
    )


def _feedback(overeenkomst, door, datum, now=NOVEMBER):
    return feedbackmoment_registreren(
        overeenkomst=overeenkomst, datum=datum, wijze="telefoon", door=als(door), now=now
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_employer_records_supervised_days_and_the_page_counts_them(traject, zorg) -> None:
    for dag in range(1, 8):
        _dag(zorg, traject.werkgever, START + dt.timedelta(days=dag - 1))
    _dag(zorg, traject.werkgever, dt.date(2026, 11, 5))  # after the first month: not counted
    fase = opleidingsregels_voor(traject.opleiding, op=NOVEMBER).fase(2)
    stand = thuiszorg(zorg, fase, op=dt.date(2026, 11, 20))
    assert (stand.dagen_in_eerste_maand, stand.dagen_vereist, stand.dagen_voldaan) == (7, 10, False)
    assert verbs(zorg)[-1] == "overeenkomst.begeleide_dag"
    body = _client(traject.werkgever).get(zorg.get_absolute_url()).content.decode()
    assert 'data-aantal="7"' in body
    assert "7 van 10 begeleide dagen in de eerste maand" in body or "7 of 10" in body


def test_a_day_is_recorded_once_within_the_agreement_and_not_ahead(traject, zorg) -> None:
    _dag(zorg, traject.werkgever, START)
    with pytest.raises(OvereenkomstFout, match="already recorded"):
        _dag(zorg, traject.werkgever, START)
    with pytest.raises(OvereenkomstFout, match="future"):
        _dag(zorg, traject.werkgever, dt.date(2026, 11, 21))
    with pytest.raises(OvereenkomstFout, match="outside the agreement"):
        _dag(zorg, traject.werkgever, START - dt.timedelta(days=1))
    assert BegeleideDag.objects.count() == 1


def test_the_coach_and_another_employer_may_not_record_days(traject, zorg) -> None:
    for ander in (traject.coach, lid(OndernemingFactory(), Rol.VERTEGENWOORDIGER)):
        with pytest.raises(Refused):
            _dag(zorg, ander, START)
        with pytest.raises(Refused):
            _feedback(zorg, ander, dt.date(2026, 11, 3))


def test_a_phase_without_home_care_asks_no_days(traject, zorg) -> None:
    zorg.fase_volgorde = 1
    zorg.save(update_fields=["fase_volgorde"])
    with pytest.raises(Refused, match="no supervised days"):
        _dag(zorg, traject.werkgever, START)


def test_weeks_after_the_first_month_without_feedback_show(traject, zorg) -> None:
    # The first month runs 1-31 October; the weeks from 1 November, seven days each.
    _feedback(zorg, traject.werkgever, dt.date(2026, 11, 3))
    momenten = list(Feedbackmoment.objects.all())
    assert weken_zonder_feedback(zorg, momenten, dt.date(2026, 11, 20)) == [
        (dt.date(2026, 11, 8), dt.date(2026, 11, 14))
    ]
    body = _client(traject.coach).get(zorg.get_absolute_url()).content.decode()
    assert 'data-testid="weken-zonder-feedback"' in body and "08/11/2026" in body


def test_the_forms_of_the_employer_record(traject, zorg) -> None:
    client = _client(traject.werkgever)
    kwargs = {"public_id": zorg.public_id}
    response = client.post(
        reverse("overeenkomsten:begeleide_dag_toevoegen", kwargs=kwargs), {"datum": getypt(START)}
    )
    assert response.status_code == 302
    response = client.post(
        reverse("overeenkomsten:feedback_toevoegen", kwargs=kwargs),
        {"datum": getypt(START), "wijze": "gesprek", "notities": "Goed bezig."},
    )
    assert response.status_code == 302
    assert (BegeleideDag.objects.count(), Feedbackmoment.objects.count()) == (1, 1)


def test_the_coach_gets_403_on_the_employers_forms(traject, zorg) -> None:
    client = _client(traject.coach)
    for naam in ("overeenkomsten:begeleide_dag_toevoegen", "overeenkomsten:feedback_toevoegen"):
        url = reverse(naam, kwargs={"public_id": zorg.public_id})
        assert client.get(url).status_code == 403


# The registration number as care assistant.


def test_the_coach_records_the_registration_number(traject, zorg) -> None:
    leerling = zorg.leerling
    fase = opleidingsregels_voor(traject.opleiding, op=NOVEMBER).fase(2)
    assert inschrijvingsnummer_ontbreekt(leerling, fase)
    assert not inschrijvingsnummer_ontbreekt(leerling, None)
    leerling = inschrijvingsnummer_registreren(
        leerling=leerling, nummer=" VZ-123456 ", door=als(traject.coach), now=NOVEMBER
    )
    assert leerling.inschrijvingsnummer_verzorgende == "VZ-123456"
    assert not inschrijvingsnummer_ontbreekt(leerling, fase)
    assert verbs(leerling)[-1] == "leerling.inschrijvingsnummer"


def test_the_registration_number_is_required_and_the_schools_own(traject, zorg) -> None:
    with pytest.raises(OvereenkomstFout):
        inschrijvingsnummer_registreren(
            leerling=zorg.leerling, nummer="  ", door=als(traject.coach), now=NOVEMBER
        )
    with pytest.raises(Refused):
        inschrijvingsnummer_registreren(
            leerling=zorg.leerling, nummer="VZ-1", door=als(traject.werkgever), now=NOVEMBER
        )


def test_the_agreement_page_warns_while_the_number_is_missing(traject, zorg) -> None:
    body = _client(traject.coach).get(zorg.get_absolute_url()).content.decode()
    assert 'data-testid="inschrijvingsnummer-ontbreekt"' in body


def test_the_learner_page_form_records_the_number(traject, zorg) -> None:
    leerling = zorg.leerling
    url = reverse("overeenkomsten:inschrijvingsnummer", kwargs={"public_id": leerling.public_id})
    response = _client(traject.coach).post(url, {"nummer": "VZ-777"})
    assert response.status_code == 302
    leerling.refresh_from_db()
    assert leerling.inschrijvingsnummer_verzorgende == "VZ-777"
