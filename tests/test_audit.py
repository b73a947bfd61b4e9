"""S6: the audit trail is append-only, in the ORM and in PostgreSQL itself."""

import datetime as dt

import pytest
import time_machine

from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from duaal.accounts.constants import Rol
from duaal.audit.models import AppendOnlyError, Event
from duaal.audit.selectors import timeline_for
from duaal.audit.services import audit_record, audit_record_bulk

from .world import World


def test_an_event_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    event = audit_record(obj=world.sides["A"].vestiging, verb="test.iets", door=None)
    event.verb = "test.anders"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_the_database_refuses_update_and_delete_of_events(world: World) -> None:
    audit_record(obj=world.sides["A"].vestiging, verb="test.iets", door=None)
    for sql in ("UPDATE audit_event SET verb = 'x'", "DELETE FROM audit_event"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(sql)
    assert Event.objects.filter(verb="test.iets").count() == 1


def test_a_system_event_is_labelled_as_the_system(world: World) -> None:
    aantal = audit_record_bulk(
        objs=[world.sides["A"].vestiging, world.sides["B"].vestiging], verb="test.sweep"
    )
    assert aantal == 2
    labels = set(Event.objects.filter(verb="test.sweep").values_list("actor_label", flat=True))
    assert labels == {"systeem"}


def test_the_timeline_shows_an_objects_events_newest_first(world: World) -> None:
    vestiging = world.sides["A"].vestiging
    audit_record(obj=vestiging, verb="eerste", door=None)
    audit_record(obj=vestiging, verb="tweede", door=None)
    audit_record(obj=world.sides["B"].vestiging, verb="ander object", door=None)
    assert [e.verb for e in timeline_for(vestiging)] == ["tweede", "eerste"]


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
        event = audit_record(obj=world.sides["A"].vestiging, verb="test.tijd", door=None)
    event.refresh_from_db()
    assert event.at == moment and event.at.utcoffset() == dt.timedelta(0)
