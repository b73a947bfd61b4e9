"""The beat sweeps over stored deadlines: decision reminders and escalation (R16-R18), expiry
(R19) and renewal reminders (R20). Each is idempotent: a second run does nothing (G11)."""

import datetime as dt

import pytest
import time_machine

from duaal.audit.models import Event
from duaal.meldingen.models import Melding
from duaal.organisaties.constants import BijTermijnoverschrijding, PartnerschapSoort
from erkenning import tasks
from erkenning.constants import AanvraagStatus, ErkenningStatus
from erkenning.models import Erkenning
from erkenning.services import (
    beslistermijn_escaleren,
    beslistermijn_herinneren,
    erkenningen_laten_verlopen,
    hernieuwing_herinneren,
    termijnen,
)
from tests.factories import PartnerschapFactory
from tests.mail_teksten import onderwerp
from tests.support import lid, moment

from .conftest import maak_plaats
from .factories import AanvraagFactory, ErkenningFactory
from .helpers import dag, volledig

pytestmark = pytest.mark.django_db

TOT = dt.date(2031, 10, 1)  # valid_until of ErkenningFactory's default recognition


def _voor(dagen: int) -> dt.datetime:
    """`dagen` days before TOT (negative: after it)."""
    return moment(TOT - dt.timedelta(days=dagen))


def _aan(mailoutbox) -> list[str]:
    return sorted(m.to[0] for m in mailoutbox)


# Decision term: reminder (default 3 days before) and escalation (R18).


def test_it_reminds_the_consultants_once_within_the_reminder_window(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    aanvraag = volledig(plaats)  # due on day 14
    assert beslistermijn_herinneren(now=dag(10)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert beslistermijn_herinneren(now=dag(11)) == 1
        assert beslistermijn_herinneren(now=dag(11)) == 0
        assert beslistermijn_herinneren(now=dag(13)) == 0
    assert [m.to[0] for m in mailoutbox if m.subject == onderwerp("erkenning/decision_due")] == [
        plaats.consulent.email
    ]
    assert Event.objects.filter(verb="aanvraag.herinnering", object_id=aanvraag.pk).count() == 1


def test_it_escalates_the_day_after_the_due_date_and_not_on_it(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    aanvraag = volledig(plaats)
    assert beslistermijn_escaleren(now=dag(14)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert beslistermijn_escaleren(now=dag(15)) == 1
        assert beslistermijn_escaleren(now=dag(16)) == 0
    aanvraag.refresh_from_db()
    assert aanvraag.geescaleerd_op == dag(15)
    assert _aan(
        m for m in mailoutbox if m.subject == onderwerp("erkenning/decision_term_exceeded")
    ) == [plaats.beheerder.email]


def test_a_lapsed_term_is_never_an_approval(plaats) -> None:
    aanvraag = volledig(plaats)
    beslistermijn_escaleren(now=dag(40))
    aanvraag.refresh_from_db()
    assert aanvraag.status == AanvraagStatus.VOLLEDIG and aanvraag.beslist_op is None
    assert not Erkenning.objects.exists()


@pytest.mark.parametrize(
    ("gedrag", "vpdl_verwittigd"),
    [(BijTermijnoverschrijding.ESCALEREN_VPDL, True), (BijTermijnoverschrijding.ESCALEREN, False)],
)
def test_it_escalates_to_the_vpdl_admins_only_when_the_partnership_says_so(
    db, django_capture_on_commit_callbacks, mailoutbox, gedrag, vpdl_verwittigd
) -> None:
    vpdl_beheerder = lid(
        PartnerschapFactory(partnerschap_soort=PartnerschapSoort.VPDL), "partnerschapsbeheerder"
    )
    plaats = maak_plaats(bij_termijnoverschrijding=gedrag)
    volledig(plaats)
    with django_capture_on_commit_callbacks(execute=True):
        beslistermijn_escaleren(now=dag(15))
    assert (vpdl_beheerder.email in _aan(mailoutbox)) is vpdl_verwittigd
    assert plaats.beheerder.email in _aan(mailoutbox)


def test_a_decided_or_incomplete_file_is_neither_reminded_nor_escalated(db) -> None:
    AanvraagFactory(afgewezen=True)
    AanvraagFactory(onvolledig=True)
    assert beslistermijn_herinneren(now=dag(12)) == 0
    assert beslistermijn_escaleren(now=dag(30)) == 0


# Expiry (R19).


def test_it_expires_a_recognition_the_day_after_valid_until_and_not_on_it(db) -> None:
    erkenning = ErkenningFactory()
    assert erkenningen_laten_verlopen(now=_voor(0)) == 0
    assert erkenningen_laten_verlopen(now=_voor(-1)) == 1
    erkenning.refresh_from_db()
    assert erkenning.status == ErkenningStatus.VERLOPEN and erkenning.beeindigd_op == _voor(-1)


def test_it_expires_twice_without_doing_anything_the_second_time(db) -> None:
    ErkenningFactory.create_batch(3)
    ErkenningFactory(zonder_mentor=True)
    assert erkenningen_laten_verlopen(now=_voor(-1), batch=2) == 4
    assert erkenningen_laten_verlopen(now=_voor(-1), batch=2) == 0
    assert set(Erkenning.objects.values_list("status", flat=True)) == {ErkenningStatus.VERLOPEN}


def test_it_leaves_ended_and_still_valid_recognitions_alone(db) -> None:
    opgeheven = ErkenningFactory(opgeheven=True)
    geldig = ErkenningFactory(geldig_van=dt.date(2027, 1, 1))
    erkenningen_laten_verlopen(now=_voor(-1))
    assert Erkenning.objects.get(pk=opgeheven.pk).status == ErkenningStatus.OPGEHEVEN
    assert Erkenning.objects.get(pk=geldig.pk).status == ErkenningStatus.ACTIEF
    assert not Event.objects.filter(object_id__in=[opgeheven.pk, geldig.pk]).exists()


def test_it_records_one_system_audit_event_per_expired_recognition(db) -> None:
    erkenningen = ErkenningFactory.create_batch(3)
    erkenningen_laten_verlopen(now=_voor(-1), batch=2)
    events = Event.objects.filter(verb="erkenning.verlopen")
    assert sorted(events.values_list("object_id", flat=True)) == sorted(e.pk for e in erkenningen)
    assert {(e.actor_id, e.actor_label, e.at) for e in events} == {(None, "systeem", _voor(-1))}


def test_expiring_a_recognition_without_valid_mentor_audits_its_real_status(db) -> None:
    erkenning = ErkenningFactory(zonder_mentor=True)
    erkenningen_laten_verlopen(now=_voor(-1))
    event = Event.objects.get(verb="erkenning.verlopen", object_id=erkenning.pk)
    assert event.before == {"status": ErkenningStatus.ZONDER_GELDIGE_MENTOR}


def _batches_volgen(monkeypatch, *, faalt_bij: int | None = None) -> list[tuple[int, list]]:
    """Records (found, expired ids) of every batch; batch number `faalt_bij` raises once its
    statement ran, as a crash inside that batch's transaction would."""
    echt, batches = termijnen._verloop_batch, []

    def volgen(*args):
        batches.append(resultaat := echt(*args))
        if len(batches) == faalt_bij:
            raise RuntimeError(f"batch {faalt_bij} fails")
        return resultaat

    monkeypatch.setattr(termijnen, "_verloop_batch", volgen)
    return batches


def test_it_expires_in_batches_of_the_given_size_until_one_finds_nothing(db, monkeypatch) -> None:
    erkenningen = ErkenningFactory.create_batch(5)
    batches = _batches_volgen(monkeypatch)
    assert erkenningen_laten_verlopen(now=_voor(-1), batch=2) == 5
    assert [gevonden for gevonden, _ in batches] == [2, 2, 1, 0]  # the last, empty batch ends it
    assert sorted(pk for _, ids in batches for pk in ids) == sorted(e.pk for e in erkenningen)
    assert set(Erkenning.objects.values_list("status", flat=True)) == {ErkenningStatus.VERLOPEN}
    assert Event.objects.filter(verb="erkenning.verlopen").count() == 5


def test_a_failing_batch_leaves_the_batches_before_it_committed(db, monkeypatch) -> None:
    ErkenningFactory.create_batch(5)
    _batches_volgen(monkeypatch, faalt_bij=3)
    with pytest.raises(RuntimeError, match="batch 3 fails"):
        erkenningen_laten_verlopen(now=_voor(-1), batch=2)
    # Each batch is its own transaction: the first two stay expired and audited, the third's
    # row and event are rolled back together.
    assert Erkenning.objects.filter(status=ErkenningStatus.VERLOPEN).count() == 4
    assert Event.objects.filter(verb="erkenning.verlopen").count() == 4
    monkeypatch.undo()
    assert erkenningen_laten_verlopen(now=_voor(-1), batch=2) == 1  # the next run finishes
    assert Event.objects.filter(verb="erkenning.verlopen").count() == 5


def test_an_expired_recognition_is_stored_state_and_the_sweep_tells_no_app(
    db, django_capture_on_commit_callbacks
) -> None:
    """R24: the agreements' sweep reads the ended recognition from the table; nothing is sent."""
    erkenning = ErkenningFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        erkenningen_laten_verlopen(now=_voor(-1))
    assert callbacks == []
    erkenning.refresh_from_db()
    assert (erkenning.status, erkenning.beeindigd_op) == (ErkenningStatus.VERLOPEN, _voor(-1))


def test_it_reminds_the_employer_at_180_90_and_30_days_once_each(
    plaats, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    erkenning = ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    with django_capture_on_commit_callbacks(execute=True):
        verstuurd = [hernieuwing_herinneren(now=_voor(d)) for d in (181, 180, 179, 91, 90, 31)]
        verstuurd += [hernieuwing_herinneren(now=_voor(d)) for d in (30, 30, 10, 0, -1)]
    assert verstuurd == [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0]
    assert _aan(mailoutbox) == [plaats.werkgever.email] * 3
    erkenning.refresh_from_db()
    assert erkenning.hernieuwing_herinnerd == 30


def test_a_recognition_first_seen_inside_the_30_day_window_gets_one_reminder(plaats) -> None:
    ErkenningFactory(vestiging=plaats.vestiging, opleiding=plaats.opleiding)
    assert [hernieuwing_herinneren(now=_voor(d)) for d in (20, 19, 5)] == [1, 0, 0]
    assert Melding.objects.filter(e_mail=plaats.werkgever.email).count() == 1
    assert Event.objects.get(verb="erkenning.hernieuwing_herinnerd").after == {"dagen": 30}


def test_an_ended_recognition_gets_no_renewal_reminder(db) -> None:
    ErkenningFactory(opgeheven=True)
    assert hernieuwing_herinneren(now=_voor(30)) == 0


# The beat tasks: ids in, one service each; safe to run twice (G10-G11).


def test_the_beat_tasks_run_twice_without_acting_twice(plaats) -> None:
    volledig(plaats)
    ErkenningFactory(geldig_van=dt.date(2021, 10, 1), geldig_tot=dt.date(2026, 10, 10))
    with time_machine.travel(dag(15), tick=False):
        eerste = (tasks.beslistermijnen_task(), tasks.erkenningen_task())
        tweede = (tasks.beslistermijnen_task(), tasks.erkenningen_task())
    assert eerste == ({"herinnerd": 0, "geescaleerd": 1}, {"verlopen": 1, "herinnerd": 0})
    assert tweede == ({"herinnerd": 0, "geescaleerd": 0}, {"verlopen": 0, "herinnerd": 0})
