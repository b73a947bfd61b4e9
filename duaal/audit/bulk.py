"""The audit trail's bulk INSERT in SQL, for sweeps that change thousands of rows in one statement.

A sweep that updates its rows in SQL writes their audit events in the same statement (a CTE that
feeds `INSERT ... SELECT`): one round trip per batch instead of loading every row into Python.
The table and its columns come from the model here, so the audit app alone knows its schema; the
caller gives one SQL expression per field.
"""

from collections.abc import Mapping, Sequence

from django.db import connection

from .models import Event


def events_insert_sql(
    values: Mapping[str, str], *, source: str, returning: Sequence[str] = ()
) -> str:
    """`INSERT INTO <audit table> (<columns>) SELECT <values> FROM <source> [RETURNING ...]`.

    `values` maps every field of the event but its primary key (by field name: "actor",
    "content_type", "before", ...) to an SQL expression over `source`; placeholders in them are
    the caller's. A field added to the trail and not given here fails where the statement is
    built (at import, for a module constant), not as a NULL in a sweep. `returning` names fields.
    """
    columns = _columns()
    missing, unknown = columns.keys() - values.keys(), values.keys() - columns.keys()
    if missing or unknown or not set(returning) <= columns.keys():
        raise ValueError(
            f"Audit bulk insert: missing fields {sorted(missing)}, unknown {sorted(unknown)}, "
            f"returning {list(returning)}."
        )
    quote = connection.ops.quote_name
    table = quote(Event._meta.db_table)
    names = ", ".join(quote(column) for column in columns.values())
    expressions = ", ".join(values[name] for name in columns)
    sql = f"INSERT INTO {table} ({names})\nSELECT {expressions}\nFROM {source}"
    if returning:
        sql += "\nRETURNING " + ", ".join(quote(columns[name]) for name in returning)
    return sql


def _columns() -> dict[str, str]:
    """Field name -> column of every field of the event but its primary key, in table order."""
    columns = {}
    for field in Event._meta.concrete_fields:
        if not field.primary_key and field.column is not None:  # concrete: always a column
            columns[field.name] = field.column
    return columns
