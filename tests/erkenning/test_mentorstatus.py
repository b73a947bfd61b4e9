"""The R43 sweep over the mentor register's stored state: both transitions, as the system, in
batches, idempotent; and enqueued after commit where this app changes designations itself."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from duaal.audit.models import Event
from erkenning import tasks
from erkenning.constants import AanvraagSoort, ErkenningStatus
from erkenning.models import Erkenning
from erkenning.services import (
    aanvraag_goedkeuren,
    erkenningen_mentorstatus_bijwerken,
    mentor_schorsen,
)
from mentors.models import MentorToewijzing
from tests.mentors.factories import geldige_toewijzing
from tests.support import als

from .factories import ErkenningFactory
from .helpers import NU, dag, goedgekeurd, volledig

pytestmark = pytest.mark.django_db

ACTIEF, ZONDER = ErkenningStatus.ACTIEF, ErkenningStatus.ZONDER_GELDIGE_MENTOR


def _met_mentor(**kwargs) -> Erkenning:
    erkenning = ErkenningFactory(**kwargs)
    geldige_toewijzing(
        mentor__onderneming=erkenning.onderneming,
        vestiging=erkenning.vestiging,
        opleiding=erkenning.opleiding,
    )
    return erkenning


def _status() -> dict[int, str]:
    return dict(Erkenning.objects.values_list("pk", "status"))


def test_it_makes_both_transitions_and_only_those() -> None:
    zonder_mentor = ErkenningFactory()  # active, but its place has no valid mentor
    in_orde = _met_mentor()
    hersteld = _met_mentor(zonder_mentor=True)  # a valid mentor is back
    nog_steeds = ErkenningFactory(zonder_mentor=True)
    beeindigd = ErkenningFactory(opgeheven=True)
    assert erkenningen_mentorstatus_bijwerken(now=NU) == 2
    assert _status() == {
        zonder_mentor.pk: ZONDER,
        in_orde.pk: ACTIEF,
        hersteld.pk: ACTIEF,
        nog_steeds.pk: ZONDER,
        beeindigd.pk: ErkenningStatus.OPGEHEVEN,
    }


def test_a_second_run_changes_nothing(django_assert_max_num_queries) -> None:
    ErkenningFactory()
    _met_mentor(zonder_mentor=True)
    assert erkenningen_mentorstatus_bijwerken(now=NU) == 2
    voor, events = _status(), Event.objects.count()
    # One empty batch per transition, each in its own transaction (a savepoint in the test).
    with django_assert_max_num_queries(6):
        assert erkenningen_mentorstatus_bijwerken(now=NU) == 0
    assert (_status(), Event.objects.count()) == (voor, events)


def test_it_works_in_batches_of_the_given_size() -> None:
    erkenningen = ErkenningFactory.create_batch(5)
    with CaptureQueriesContext(connection) as queries:
        assert erkenningen_mentorstatus_bijwerken(now=NU, batch=2) == 5
    sql = [q["sql"] for q in queries.captured_queries]
    # Batches of 2, 2 and 1 (the short one ends the loop), then one empty batch for the
    # other transition; each batch is one UPDATE.
    assert sum("FOR UPDATE" in q for q in sql) == 4
    assert sum(q.startswith('UPDATE "erkenning_erkenning"') for q in sql) == 3
    assert set(_status().values()) == {ZONDER}
    assert Event.objects.filter(verb="erkenning.zonder_geldige_mentor").count() == len(erkenningen)


def test_each_transition_is_audited_as_the_system_with_the_real_before() -> None:
    weg = ErkenningFactory()
    terug = _met_mentor(zonder_mentor=True)
    erkenningen_mentorstatus_bijwerken(now=NU)
    events = {e.object_id: e for e in Event.objects.filter(verb__startswith="erkenning.")}
    assert set(events) == {weg.pk, terug.pk}
    for erkenning, verb, van, naar in [
        (weg, "erkenning.zonder_geldige_mentor", ACTIEF, ZONDER),
        (terug, "erkenning.actief", ZONDER, ACTIEF),
    ]:
        event = events[erkenning.pk]
        assert (event.verb, event.before, event.after) == (
            verb,
            {"status": van},
            {"status": naar},
        )
        assert (event.actor_id, event.actor_label, event.at) == (None, "systeem", NU)
        assert event.organisatie_id == erkenning.partnerschap_id


def test_a_run_for_one_place_leaves_the_others_for_the_beat_run() -> None:
    hier, elders = ErkenningFactory(), ErkenningFactory()
    plaats = (hier.vestiging_id, hier.opleiding_id)
    assert erkenningen_mentorstatus_bijwerken(now=NU, plaats=plaats) == 1
    assert _status() == {hier.pk: ZONDER, elders.pk: ACTIEF}


def test_the_task_twice_changes_once() -> None:
    ErkenningFactory()
    assert tasks.erkenningen_mentorstatus_task() == 1
    assert tasks.erkenningen_mentorstatus_task() == 0


def test_approving_an_added_mentor_makes_the_recognition_active_right_after_commit(
    plaats, django_capture_on_commit_callbacks
) -> None:
    """Where this app itself accepts designations, it does not wait for the beat run."""
    erkenning = ErkenningFactory(
        vestiging=plaats.vestiging, opleiding=plaats.opleiding, zonder_mentor=True
    )
    aanvraag = volledig(plaats, soort=AanvraagSoort.MENTOR_TOEVOEGEN)
    with django_capture_on_commit_callbacks(execute=True):
        aanvraag_goedkeuren(
            aanvraag=aanvraag, motivering="Mentor in orde.", door=als(plaats.consulent), now=NU
        )
    assert Erkenning.objects.get(pk=erkenning.pk).status == ACTIEF


def test_barring_the_last_mentor_leaves_the_recognition_without_one_right_after_commit(
    plaats, django_capture_on_commit_callbacks
) -> None:
    erkenning = goedgekeurd(plaats).erkenning
    toewijzing = MentorToewijzing.objects.get(vestiging=plaats.vestiging)
    with django_capture_on_commit_callbacks(execute=True):
        mentor_schorsen(
            erkenning=erkenning,
            mentor=toewijzing.mentor,
            motivering="Herhaalde klachten over de begeleiding.",
            door=als(plaats.beheerder),
            now=dag(20),
        )
    assert Erkenning.objects.get(pk=erkenning.pk).status == ZONDER
