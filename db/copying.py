"""Rows of one database copied into another of either engine, and their engine-neutral checksum.

``copy_table`` streams a table's rows in id order from the source cursor into the target in
batches (one ``executemany`` per batch), converting each value to what the target engine
stores for the column's model field (a boolean is 0/1 in SQLite and a boolean on PostgreSQL; a
date or time is text in SQLite), and feeds the same rows to a :class:`Checksum`.
``table_checksum`` reads a table back the same way.  The checksum is over normalised values —
None, booleans as 0/1, numbers as plain decimals (``100``, ``12.5``), dates and times as
``YYYY-MM-DD[ HH:MM:SS[.ffffff]]``, text as it is — with the columns in name order, so the
same rows give the same checksum on SQLite and on PostgreSQL.  Nothing here commits: the
caller holds the transactions.
"""

import datetime
import decimal
import hashlib

from peewee import BooleanField, DateField, DateTimeField, DecimalField, SqliteDatabase

from db.models import ALL_MODELS

BATCH = 1000
TABLES = [model._meta.table_name for model in ALL_MODELS]  # parents before children
_FIELDS = {
    model._meta.table_name: {f.column_name: f for f in model._meta.sorted_fields}
    for model in ALL_MODELS
}


def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def columns_of(db, table):
    """The table's column names, in name order."""
    return sorted(c.name for c in db.get_columns(table))


def self_references(table):
    """The columns of ``table`` that point at its own rows (filled after all rows exist)."""
    model = next(m for m in ALL_MODELS if m._meta.table_name == table)
    return [
        f.column_name for f in model._meta.sorted_fields if getattr(f, "rel_model", None) is model
    ]


class Checksum:
    """sha256 over a table's normalised rows; ``rows`` counts them."""

    def __init__(self):
        self._hash = hashlib.sha256()
        self.rows = 0

    def add(self, values, kinds):
        text = "\x1f".join(_normal(v, k) for v, k in zip(values, kinds))
        self._hash.update(text.encode("utf-8") + b"\x1e")
        self.rows += 1

    @property
    def hexdigest(self):
        return self._hash.hexdigest()


def _kind(table, column):
    field = _FIELDS.get(table, {}).get(column)
    for kind in (BooleanField, DateTimeField, DateField, DecimalField):
        if isinstance(field, kind):
            return kind.__name__
    return None


def _normal(value, kind):
    if value is None:
        return "\x00"
    if kind == "BooleanField" or isinstance(value, bool):
        return "1" if int(value) else "0"
    if isinstance(value, (int, float, decimal.Decimal)):
        number = decimal.Decimal(str(value)).normalize()
        return format(number, "f")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return str(value)
    return str(value)


def _to_target(value, kind, sqlite):
    """``value`` as the target engine stores it for a column of ``kind``."""
    if value is None:
        return None
    if kind == "BooleanField":
        return int(value) if sqlite else bool(value)
    if kind == "DecimalField":
        return str(value) if sqlite else decimal.Decimal(str(value))
    if kind in ("DateField", "DateTimeField"):
        if sqlite:
            return str(value)
        if isinstance(value, str):
            field = DateTimeField() if kind == "DateTimeField" else DateField()
            return field.python_value(value)
    return value


def _select(db, table, columns):
    names = ", ".join(quoted(c) for c in columns)
    return db.execute_sql(f"SELECT {names} FROM {quoted(table)} ORDER BY id")


def copy_table(source, target, table, columns):
    """Copy every row of ``table`` (``columns``: its column names, in name order) from
    ``source`` into ``target``; return the Checksum of the rows read."""
    kinds = [_kind(table, c) for c in columns]
    later = [c for c in self_references(table) if c in columns]
    sqlite = isinstance(target, SqliteDatabase)
    mark = "?" if sqlite else "%s"
    insert = (
        f"INSERT INTO {quoted(table)} ({', '.join(quoted(c) for c in columns)})"
        f" VALUES ({', '.join([mark] * len(columns))})"
    )
    blanked = [columns.index(c) for c in later]
    pending = []  # (id, column, value) of self-references, set once every row exists
    ident = columns.index("id")
    checksum = Checksum()
    cursor = _select(source, table, columns)
    writer = target.cursor()
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            break
        batch = []
        for values in rows:
            checksum.add(values, kinds)
            converted = [_to_target(v, k, sqlite) for v, k in zip(values, kinds)]
            for i in blanked:
                if converted[i] is not None:
                    pending.append((values[ident], columns[i], converted[i]))
                    converted[i] = None
            batch.append(converted)
        writer.executemany(insert, batch)
    for row_id, column, value in pending:
        writer.execute(
            f"UPDATE {quoted(table)} SET {quoted(column)} = {mark} WHERE id = {mark}",
            (value, row_id),
        )
    return checksum


def table_checksum(db, table, columns):
    kinds = [_kind(table, c) for c in columns]
    checksum = Checksum()
    cursor = _select(db, table, columns)
    while True:
        rows = cursor.fetchmany(BATCH)
        if not rows:
            return checksum
        for values in rows:
            checksum.add(values, kinds)


def count_rows(db, table):
    return db.execute_sql(f"SELECT COUNT(*) FROM {quoted(table)}").fetchone()[0]


def reset_sequences(db, tables):
    """After rows were inserted with their ids: each PostgreSQL sequence continues after the
    highest id (SQLite's ``INTEGER PRIMARY KEY`` does so by itself)."""
    if isinstance(db, SqliteDatabase):
        return
    for table in tables:
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 1),"
            f" MAX(id) IS NOT NULL) FROM {quoted(table)}",
            (quoted(table),),
        )
