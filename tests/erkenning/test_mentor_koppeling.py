"""R43: a running recognition follows whether its establishment x programme has a valid mentor,
and no agreement may start without an active recognition with a valid mentor (R17). The
recognition app's sweep reads the mentor register (G27); the register tells no app."""

import datetime as dt

import pytest

from erkenning.constants import ErkenningStatus
from erkenning.models import Erkenning
from erkenning.selectors import mag_overeenkomst_starten
from erkenning.services import erkenningen_mentorstatus_bijwerken
from mentors.models import MentorToewijzing
from mentors.services import toewijzing_deactiveren, toewijzing_reactiveren
from tests.mentors.factories import geldige_toewijzing
from tests.support import als

from .factories import ErkenningFactory
from .helpers import NU, dag, goedgekeurd, verbs

pytestmark = pytest.mark.django_db


def _toewijzing(plaats) -> MentorToewijzing:
    return MentorToewijzing.objects.get(vestiging=plaats.vestiging, opleiding=plaats.opleiding)


def _deactiveer(plaats, toewijzing, capture, now=None) -> None:
    now = now or dag(20)
    with capture(execute=True):
        toewijzing_deactiveren(
            toewijzing=toewijzing, reden="Uit dienst.", door=als(plaats.werkgever), now=now
        )
    erkenningen_mentorstatus_bijwerken(now=now)


def test_deactivating_the_last_valid_mentor_leaves_the_recognition_without_valid_mentor(
    plaats, django_capture_on_commit_callbacks
) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    _deactiveer(plaats, _toewijzing(plaats), django_capture_on_commit_callbacks)
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.ZONDER_GELDIGE_MENTOR
    assert verbs(erkenning) == ["erkenning.zonder_geldige_mentor"]
    mag, reden = mag_overeenkomst_starten(plaats.vestiging, plaats.opleiding, op=dag(21).date())
    assert not mag and "mentor" in reden


def test_the_recognition_waits_for_the_sweep(plaats, django_capture_on_commit_callbacks) -> None:
    """The only difference with an immediate reaction: the change lands at the next run."""
    erkenning = goedgekeurd(plaats).erkenning
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing_deactiveren(
            toewijzing=_toewijzing(plaats),
            reden="Uit dienst.",
            door=als(plaats.werkgever),
            now=dag(20),
        )
    assert Erkenning.objects.get(pk=erkenning.pk).status == ErkenningStatus.ACTIEF
    assert erkenningen_mentorstatus_bijwerken(now=dag(20)) == 1
    assert Erkenning.objects.get(pk=erkenning.pk).status == ErkenningStatus.ZONDER_GELDIGE_MENTOR


def test_reactivating_the_mentor_makes_the_recognition_active_again(
    plaats, django_capture_on_commit_callbacks
) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    _deactiveer(plaats, _toewijzing(plaats), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        toewijzing_reactiveren(
            toewijzing=_toewijzing(plaats), door=als(plaats.werkgever), now=dag(30)
        )
    erkenningen_mentorstatus_bijwerken(now=dag(30))
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.ACTIEF
    assert verbs(erkenning) == ["erkenning.zonder_geldige_mentor", "erkenning.actief"]
    assert mag_overeenkomst_starten(plaats.vestiging, plaats.opleiding, op=dag(30).date()) == (
        True,
        "",
    )


def test_deactivating_one_of_two_valid_mentors_keeps_the_recognition_active(
    plaats, django_capture_on_commit_callbacks
) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    geldige_toewijzing(
        mentor__onderneming=plaats.onderneming,
        vestiging=plaats.vestiging,
        opleiding=plaats.opleiding,
    )
    eerste = MentorToewijzing.objects.filter(vestiging=plaats.vestiging).order_by("pk").first()
    _deactiveer(plaats, eerste, django_capture_on_commit_callbacks)
    assert Erkenning.objects.get(pk=erkenning.pk).status == ErkenningStatus.ACTIEF


def test_the_mentor_link_leaves_an_ended_recognition_alone(
    plaats, django_capture_on_commit_callbacks
) -> None:
    goedgekeurd(plaats)
    Erkenning.objects.update(status=ErkenningStatus.OPGEHEVEN)
    _deactiveer(plaats, _toewijzing(plaats), django_capture_on_commit_callbacks)
    assert Erkenning.objects.get().status == ErkenningStatus.OPGEHEVEN


@pytest.mark.parametrize(
    ("op", "mag"),
    [
        (dt.date(2026, 9, 30), False),  # before valid_from
        (dt.date(2026, 10, 1), True),
        (dt.date(2031, 10, 1), True),  # the last day of validity
        (dt.date(2031, 10, 2), False),  # after valid_until, even before the sweep ran
    ],
)
def test_an_agreement_may_start_only_within_the_validity(db, op, mag) -> None:
    erkenning = ErkenningFactory()
    assert mag_overeenkomst_starten(erkenning.vestiging, erkenning.opleiding, op=op)[0] is mag


def test_no_agreement_may_start_without_any_recognition(plaats) -> None:
    mag, reden = mag_overeenkomst_starten(plaats.vestiging, plaats.opleiding, op=NU.date())
    assert not mag and "01/10/2026" in reden
