"""The audit app's bulk INSERT: its table and columns come from the model, every field is given,
and the rows it writes read back like any other event."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from duaal.audit.bulk import events_insert_sql
from duaal.audit.models import Event
from duaal.organisaties.models import Organisatie, Partnerschap
from tests.factories import PartnerschapFactory

ALLES = {
    "actor": "NULL",
    "actor_label": "%(label)s",
    "organisatie": "src.org",
    "content_type": "%(soort)s",
    "object_id": "src.id",
    "object_repr": "'partnerschap ' || src.id",
    "verb": "'test.bulk'",
    "before": "jsonb_build_object('n', src.id)",
    "after": "'{}'::jsonb",
    "note": "''",
    "at": "now()",
}


def test_it_names_the_models_table_and_columns_in_field_order() -> None:
    sql = events_insert_sql(ALLES, source="src", returning=["object_id"])
    kolommen = [f.column for f in Event._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    assert sql.startswith(f"INSERT INTO {quote(Event._meta.db_table)} (")
    assert f"({', '.join(quote(k) for k in kolommen)})" in sql
    assert "SELECT NULL, %(label)s, src.org," in sql
    assert sql.endswith(f"FROM src\nRETURNING {quote('object_id')}")


@pytest.mark.parametrize(
    ("waarden", "fout"),
    [
        ({k: v for k, v in ALLES.items() if k != "note"}, r"missing fields \['note'\]"),
        ({**ALLES, "actor_id": "NULL"}, r"unknown \['actor_id'\]"),
    ],
)
def test_a_missing_or_unknown_field_fails_at_once(waarden: dict, fout: str) -> None:
    with pytest.raises(ValueError, match=fout):
        events_insert_sql(waarden, source="src")


@pytest.mark.django_db
def test_the_rows_it_writes_read_back_as_events() -> None:
    partnerschap = PartnerschapFactory()
    soort = ContentType.objects.get_for_model(Partnerschap).pk
    sql = events_insert_sql(ALLES, source="src", returning=["object_id"])
    tabel = Organisatie._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH src AS (SELECT id, id AS org FROM {tabel} WHERE id = %(id)s)"
            f", ev AS ({sql}) SELECT array_agg(object_id) FROM ev",
            {"id": partnerschap.pk, "label": "systeem", "soort": soort},
        )
        assert cursor.fetchone()[0] == [partnerschap.pk]
    event = Event.objects.get(verb="test.bulk")
    assert (event.actor_id, event.actor_label, event.organisatie_id) == (
        None,
        "systeem",
        partnerschap.pk,
    )
    assert event.before == {"n": partnerschap.pk} and event.after == {} and event.note == ""
