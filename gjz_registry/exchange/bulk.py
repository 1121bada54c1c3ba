"""Bulk writing for imports: explicit ids, one prepared INSERT per table, audit rows in SQL.

The per-record services spend ~1 ms on a record (validation, queries, an audit row built in
Python); an import of 50 000 rows must not.  The importer validates with the services' rules,
then writes new rows here: ids are allocated up front (the import holds SQLite's write lock
from its first statement, so nobody else takes them), rows go in by the engine's bulk load
(COPY, or INSERTs of many rows), and the audit rows of the created records are produced by
one ``INSERT … SELECT json_object(…)`` per table and batch — still one audit row per record,
with the batch id, in the same transaction.
Values are passed in the form peewee would store them (dates as ISO text, Decimals as text).
"""

import datetime
import json
from decimal import Decimal

from db.database import engine
from db.models import AuditLog
from gjz_registry import dberrors
from gjz_registry.services import audit
from gjz_registry.services.base import dumps


def db_value(value):
    """A Python value in the form the models store it."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def write_behind(db, apart=True):
    """Where a load's chunk writes run: on a worker thread while the next chunk is prepared
    (a server database, a SQLite file), or at once (db/writebehind.py); ``apart``: False
    for a load inside its caller's transaction (db/engines/base.Engine.write_behind)."""
    return engine(db).write_behind(db, aborted=dberrors.in_failed_transaction, apart=apart)


def table_columns(model, names):
    """The column names of ``model`` fields named in ``names`` (space-separated)."""
    fields = model._meta.fields
    return [fields[name].column_name for name in names.split()]


class IdAllocator:
    """Hands out consecutive ids for one table, starting above the current maximum."""

    def __init__(self, db, model):
        table = model._meta.table_name
        engine(db).reserve_ids(db, table)
        self.first = (db.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]) + 1
        self.next = self.first

    def take(self):
        value = self.next
        self.next += 1
        return value

    @property
    def taken(self):
        """The range of ids handed out so far."""
        return range(self.first, self.next)


def insert_rows(db, model, columns, rows):
    """Write ``rows`` (tuples in the order of ``columns``, values already in database form)
    into ``model``'s table: by the engine's own bulk load where it has one (PostgreSQL:
    COPY), else many rows per INSERT (db/engines/base.Engine.insert_many)."""
    if not rows:
        return
    table = model._meta.table_name
    columns = _quoted(columns)
    if not engine(db).copy_rows(db, table, columns, rows):
        engine(db).insert_many(db, table, columns, rows)
    if '"id"' in columns:
        engine(db).ids_taken(db, table)


def _quoted(columns):
    """Column names as SQL identifiers ("user" is a reserved word on PostgreSQL)."""
    return [c if c.startswith('"') else f'"{c}"' for c in columns]


def audit_created(db, actor, batch, entity, model, ids, fields, at):
    """One ``create`` audit row for each record of ``model`` whose id is in ``ids`` (a
    range), its ``after`` snapshot holding ``fields`` ({json key: column name}).

    On SQLite the rows are made by one ``INSERT … SELECT json_object(…)``: building 50 000
    snapshots in Python would cost an import more than its own writing.  Elsewhere they go
    through :func:`audit.record_many`, the bulk writer of demo and undo."""
    if not len(ids):
        return
    table = model._meta.table_name
    audit_table = AuditLog._meta.table_name
    json_object = engine(db).json_object_sql(
        ", ".join(f"'{key}', {column}" for key, column in fields.items())
    )
    if json_object is not None:
        p = db.param
        db.execute_sql(
            f'INSERT INTO {audit_table} (at, "user", action'
            f", entity, entity_id, before, after, batch)"
            f" SELECT {p}, {p}, 'create', {p}, id, NULL, {json_object}, {p}"
            f" FROM {table} WHERE id >= {p} AND id < {p} ORDER BY id",
            (db_value(at), actor.label, entity, batch, ids.start, ids.stop),
        )
        return
    # Other databases: the same rows through the one bulk audit writer.
    columns = ", ".join(fields.values())
    cursor = db.execute_sql(
        f"SELECT id, {columns} FROM {table} WHERE id >= {db.param} AND id < {db.param}"
        " ORDER BY id",
        (ids.start, ids.stop),
    )
    entries = [
        ("create", entity, record_id, None, dict(zip(fields, values, strict=True)))
        for record_id, *values in cursor.fetchall()
    ]
    audit.record_many(actor, entries, batch, at=at)


def keep_old_timestamps(batch_id, older):
    """Add the old ``updated_at`` to the batch's supersede audit rows of ``older``
    ({qualification id: updated_at}), so that undo can restore them exactly."""
    if not older:
        return
    entries = AuditLog.select(AuditLog.id, AuditLog.entity_id).where(
        (AuditLog.batch == batch_id)
        & (AuditLog.entity == "qualification")
        & (AuditLog.action == "supersede")
        & AuditLog.entity_id.in_(list(older))
    )
    for entry in entries:
        before = {"superseded_by": None, "updated_at": older[entry.entity_id]}
        AuditLog.update(before=dumps(before)).where(AuditLog.id == entry.id).execute()


class SuspendedTrigger:
    """Drops the trigger ``name`` (SQLite) inside the current transaction; :meth:`restore`
    creates it again from the very SQL it had.  A transaction that fails rolls the drop back
    with everything else, so the trigger can never stay lost.  Used where a bulk load does
    the trigger's work in one statement per chunk instead of one per row."""

    def __init__(self, db, name):
        self.db = db
        self.sql = engine(db).trigger_sql(db, name)
        if self.sql is not None:
            db.execute_sql(f'DROP TRIGGER "{name}"')

    @property
    def active(self):
        """True while the trigger is dropped (its work is the caller's)."""
        return self.sql is not None

    def restore(self):
        if self.sql is not None:
            self.db.execute_sql(self.sql)
            self.sql = None


class SuspendedIndexes:
    """Drops the indexes of ``model``'s table that are not UNIQUE (SQLite) inside the current
    transaction; :meth:`restore` builds them again from their own SQL.  Building an index
    once over the loaded rows costs a fraction of keeping eight indexes up to date row by
    row; the UNIQUE ones stay, as they enforce a rule and answer the lookups of the load.
    Like :class:`SuspendedTrigger`, a failed transaction rolls the drop back."""

    def __init__(self, db, model):
        self.db = db
        self.statements = []
        for name, sql in engine(db).droppable_indexes(db, model._meta.table_name):
            self.statements.append(sql)
            db.execute_sql(f'DROP INDEX "{name}"')

    def restore(self):
        for sql in self.statements:
            self.db.execute_sql(sql)
        self.statements = []


def worth_suspending(db, model, incoming, at_least=2000):
    """True when a load of ``incoming`` rows is large enough, and at least as large as the
    table, for rebuilding its indexes afterwards to beat keeping them up to date."""
    if not engine(db).suspends_indexes or incoming < at_least:
        return False
    table = model._meta.table_name
    return db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0] <= incoming


def loads(text):
    """An audit snapshot back as a dict ({} for None)."""
    return json.loads(text) if text else {}
