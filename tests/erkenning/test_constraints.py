"""REL5 (quality.md): the database itself keeps the invariants, whatever the code above does."""

import datetime as dt

import pytest

from django.db import IntegrityError, transaction

from erkenning.constants import ErkenningStatus
from erkenning.models import Aanvraag, Erkenning

from .factories import AanvraagFactory, ErkenningFactory

pytestmark = pytest.mark.django_db


def _weigert(fn) -> IntegrityError:
    with pytest.raises(IntegrityError) as fout, transaction.atomic():
        fn()
    return fout.value


@pytest.mark.parametrize(
    "tweede_status", [ErkenningStatus.ACTIEF, ErkenningStatus.ZONDER_GELDIGE_MENTOR]
)
def test_a_second_running_recognition_for_the_same_place_is_refused(db, tweede_status) -> None:
    eerste = ErkenningFactory()
    fout = _weigert(
        lambda: ErkenningFactory(
            vestiging=eerste.vestiging, opleiding=eerste.opleiding, status=tweede_status
        )
    )
    assert "erkenning_een_lopende" in str(fout)


def test_ended_recognitions_do_not_hold_the_place(db) -> None:
    oud = ErkenningFactory(verlopen=True)
    ErkenningFactory(vestiging=oud.vestiging, opleiding=oud.opleiding, opgeheven=True)
    ErkenningFactory(vestiging=oud.vestiging, opleiding=oud.opleiding)
    assert Erkenning.objects.filter(vestiging=oud.vestiging).count() == 3


def test_reviving_an_ended_recognition_next_to_a_running_one_is_refused(db) -> None:
    oud = ErkenningFactory(verlopen=True)
    ErkenningFactory(vestiging=oud.vestiging, opleiding=oud.opleiding)
    _weigert(lambda: Erkenning.objects.filter(pk=oud.pk).update(status=ErkenningStatus.ACTIEF))


@pytest.mark.parametrize("dagen", [0, -1])
def test_valid_until_must_be_after_valid_from(db, dagen) -> None:
    van = dt.date(2026, 10, 1)
    fout = _weigert(lambda: ErkenningFactory(geldig_van=van, geldig_tot=van + dt.timedelta(dagen)))
    assert "erkenning_geldig_tot_na_van" in str(fout)


def test_an_unknown_recognition_status_is_refused_by_the_database(db) -> None:
    erkenning = ErkenningFactory()
    fout = _weigert(lambda: Erkenning.objects.filter(pk=erkenning.pk).update(status="geschorst"))
    assert "erkenning_status_geldig" in str(fout)


def test_an_unknown_application_status_is_refused_by_the_database(db) -> None:
    aanvraag = AanvraagFactory()
    fout = _weigert(lambda: Aanvraag.objects.filter(pk=aanvraag.pk).update(status="stilzwijgend"))
    assert "aanvraag_status_geldig" in str(fout)


def test_a_decision_due_date_without_completion_date_is_refused(db) -> None:
    aanvraag = AanvraagFactory(ingediend=True)
    fout = _weigert(
        lambda: Aanvraag.objects.filter(pk=aanvraag.pk).update(
            beslissing_uiterlijk_op=dt.date(2026, 10, 15)
        )
    )
    assert "aanvraag_termijn_na_volledig" in str(fout)
