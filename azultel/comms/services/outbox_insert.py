"""Writing many outbox rows at once, skipping those whose dedupe key is already queued.

On PostgreSQL the rows go through ``COPY`` into a temporary table and one ``INSERT ... SELECT
... ON CONFLICT DO NOTHING RETURNING id``: psycopg's client-side binding would otherwise quote
every value of a multi-row INSERT in Python (a full HTML body per row), which cost half the time
of queueing a 100,000-recipient campaign. Other databases use ``bulk_create``. Either way the
answer is the ids inserted now: rows a concurrent caller had already queued are left out.
"""

from __future__ import annotations

import uuid

from django.db import connection, transaction
from django.utils import timezone

from azultel.comms.models import OutboxMessage

_TEMP = "comms_outbox_copy"


def outbox_insert(rows: list[OutboxMessage], *, batch_size: int) -> list[uuid.UUID]:
    """Insert ``rows`` (a dedupe key or id already present is skipped); the ids inserted."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        OutboxMessage.objects.bulk_create(rows, batch_size=batch_size, ignore_conflicts=True)
        # ignore_conflicts hides which rows a concurrent caller had already inserted: ask.
        return list(
            OutboxMessage.objects.filter(pk__in=[r.id for r in rows]).values_list("pk", flat=True)
        )
    return _insert_copy(rows)


def _insert_copy(rows: list[OutboxMessage]) -> list[uuid.UUID]:
    fields = list(OutboxMessage._meta.concrete_fields)
    now = timezone.now()
    for row in rows:
        row.created_at = row.updated_at = now  # what auto_now_add / auto_now would set
    table = connection.ops.quote_name(OutboxMessage._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    # Only the model's own table and column names are put in the statements; the values travel
    # through COPY, never inside SQL text.
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        # An empty copy of the table, visible only to this session (every time: a rolled-back
        # transaction takes a table it created with it).
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_TEMP} "
            f"(LIKE {table} INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
        with cursor.cursor.copy(f"COPY {_TEMP} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([getattr(row, f.attname) for f in fields])
        # Moving the rows empties the temporary table in the same statement.
        cursor.execute(
            f"WITH moved AS (DELETE FROM {_TEMP} RETURNING *) "  # noqa: S608
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM moved "
            "ON CONFLICT DO NOTHING RETURNING id"
        )
        created = [value for (value,) in cursor.fetchall()]
    return [value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)) for value in created]
