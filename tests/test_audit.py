"""S6: the audit trail is append-only, in the ORM and in PostgreSQL itself."""

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

from django.db import DatabaseError, connection, transaction
from django.db.models import TextChoices
from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.audit import verbs
from duaal.audit.models import AppendOnlyError, Event
from duaal.audit.selectors import timeline_for
from duaal.audit.services import audit_record, audit_record_bulk

from .world import World


class Proef(TextChoices):
    """Verbs of this test only: recording an unregistered verb is refused (G32)."""

    IETS = "test.iets", "something"
    ANDERS = "test.anders", "something else"
    SWEEP = "test.sweep", "swept"
    EERSTE = "test.eerste", "first"
    TWEEDE = "test.tweede", "second"
    ANDER_OBJECT = "test.ander_object", "another object"
    TIJD = "test.tijd", "a moment"


@pytest.fixture(autouse=True)
def _proefwerkwoorden() -> Iterator[None]:
    saved = dict(verbs.VERB_LABELS)
    verbs.register(Proef)
    yield
    verbs.VERB_LABELS.clear()
    verbs.VERB_LABELS.update(saved)


def test_an_event_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    event = audit_record(obj=world.sides["A"].vestiging, verb=Proef.IETS, door=None)
    event.verb = Proef.ANDERS
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_database_refuses_update_and_delete_of_events(world: World) -> None:
    audit_record(obj=world.sides["A"].vestiging, verb=Proef.IETS, door=None)
    for sql in ("UPDATE audit_event SET verb = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert Event.objects.filter(verb=Proef.IETS).count() == 1


def test_a_system_event_is_labelled_as_the_system(world: World) -> None:
    aantal = audit_record_bulk(
        objs=[world.sides["A"].vestiging, world.sides["B"].vestiging], verb=Proef.SWEEP
    )
    assert aantal == 2
    labels = set(Event.objects.filter(verb=Proef.SWEEP).values_list("actor_label", flat=True))
    assert labels == {"systeem"}


def test_the_timeline_shows_an_objects_events_newest_first(world: World) -> None:
    vestiging = world.sides["A"].vestiging
    audit_record(obj=vestiging, verb=Proef.EERSTE, door=None)
    audit_record(obj=vestiging, verb=Proef.TWEEDE, door=None)
    audit_record(obj=world.sides["B"].vestiging, verb=Proef.ANDER_OBJECT, door=None)
    assert [e.verb for e in timeline_for(vestiging)] == [Proef.TWEEDE, Proef.EERSTE]


def test_the_detail_page_shows_the_timeline(world: World) -> None:
    vestiging = world.sides["A"].vestiging
    user = world.sides["A"].users[Rol.VERTEGENWOORDIGER]
    audit_record(obj=vestiging, verb="vestiging.gewijzigd", door=user)
    client = world.client_for("A", Rol.VERTEGENWOORDIGER)
    body = client.get(reverse("organisaties:vestiging_detail", args=[vestiging.public_id]))
    assert "vestiging gewijzigd" in body.content.decode()


def test_events_are_stamped_in_utc_at_the_moment_of_the_change(world: World) -> None:
    moment = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)  # the night clocks go forward
    with time_machine.travel(moment, tick=False):
        event = audit_record(obj=world.sides["A"].vestiging, verb=Proef.TIJD, door=None)
    event.refresh_from_db()
    assert event.at == moment and event.at.utcoffset() == dt.timedelta(0)
