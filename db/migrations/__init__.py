"""Numbered schema migrations and the runner that applies them.

Each module ``NNNN_name.py`` in this package defines ``up(db, is_sqlite)``.  They are found
through the import system (``pkgutil``), not by listing a folder, so an installed wheel, a zip
and a frozen one-folder app (PyInstaller collects them as hidden imports) all find them.  The
runner applies the pending ones in order, each in its own transaction together with its row
in ``schema_migration``, so a crash leaves the database at a whole version.  A database whose
recorded version is newer than the newest module is refused (the program is too old for it).
:func:`expected_schema` says which tables and columns a database at given versions must have
(a backup is checked against it before it may replace a database).

A step that rebuilds a table (SQLite cannot alter a column in place: create the new table,
copy, drop the old one, rename — SQLite's documented 12-step ALTER TABLE procedure, and what
peewee's SqliteMigrator does) declares ``REBUILDS_TABLES = True``.  The runner then turns
foreign keys OFF *before* BEGIN (the pragma is a no-op inside a transaction), runs the step,
runs ``PRAGMA foreign_key_check`` before COMMIT — a violation left behind raises
:class:`ForeignKeyViolation` and the step is rolled back — and turns them ON again after.
With foreign keys on, dropping a referenced table is an implicit DELETE of all its rows: it
fails on the rows that reference it, or deletes them where the reference cascades.

There is no 0005.  No commit ever held one (``git log --all -- 'db/migrations/0005*'`` is
empty): 0006 (search trigram, 4da09f4) was written while 0004 and 0005 were held by parallel
work of the first session; 0004 (action plan) landed after it (352c089), the work holding
0005 landed without a migration.  The same commit made :func:`pending` a set difference, so
a lower number merged later still runs.  Do not reuse 5: numbers are never reused.
"""

import functools
import importlib
import pkgutil
import re

from peewee import AutoField, CharField, DateTimeField, IntegerField, Model, SqliteDatabase

from db.models import now

_PATTERN = re.compile(r"^(\d{4})_(\w+)$")


class SchemaMigration(Model):
    id = AutoField()
    version = IntegerField(unique=True)
    name = CharField(max_length=100)
    applied_at = DateTimeField(default=now)

    class Meta:
        table_name = "schema_migration"


class ForeignKeyViolation(Exception):
    """A step that rebuilds tables left rows whose foreign key points nowhere (rolled back)."""

    def __init__(self, version, rows):
        shown = ", ".join(f"{table} rowid {rowid} -> {parent}" for table, rowid, parent, _ in rows)
        super().__init__(f"migration {version} leaves foreign keys pointing nowhere: {shown}")
        self.version = version
        self.rows = rows


class SchemaTooNewError(Exception):
    """The database was written by a newer program."""

    def __init__(self, found, known):
        super().__init__(f"schema version {found} > {known}")
        self.found = found
        self.known = known


def available():
    """Return [(version, module_name)] of the migration modules, in order."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        match = _PATTERN.match(module.name)
        if match:
            found.append((int(match.group(1)), module.name))
    return sorted(found)


def latest_version():
    return available()[-1][0]


def current_version(db):
    """The highest applied version, 0 for an empty database."""
    if not db.table_exists("schema_migration"):
        return 0
    with db.bind_ctx([SchemaMigration]):
        row = (
            SchemaMigration.select(SchemaMigration.version)
            .order_by(SchemaMigration.version.desc())
            .first()
        )
    return row.version if row else 0


def applied_versions(db):
    if not db.table_exists("schema_migration"):
        return set()
    with db.bind_ctx([SchemaMigration]):
        return {row.version for row in SchemaMigration.select(SchemaMigration.version)}


def pending(db):
    """Migrations not yet applied, in order — by set difference, not "above the highest", so
    a step numbered below one already applied (work merged in another order) still runs."""
    applied = applied_versions(db)
    known = latest_version()
    if applied and max(applied) > known:
        raise SchemaTooNewError(max(applied), known)
    return [(v, name) for v, name in available() if v not in applied]


def migrate(db, is_sqlite, before_upgrade=None):
    """Apply every pending migration; return the list of versions applied.

    ``before_upgrade(current_version)`` is called once before an existing (non-empty)
    database is changed — the place to take a backup.
    """
    todo = pending(db)
    if not todo:
        return []
    current = current_version(db)
    if current > 0 and before_upgrade is not None:
        before_upgrade(current)
    with db.bind_ctx([SchemaMigration]):
        db.create_tables([SchemaMigration], safe=True)
        applied = []
        for version, module_name in todo:
            module = importlib.import_module(f"{__name__}.{module_name}")
            if is_sqlite and getattr(module, "REBUILDS_TABLES", False):
                _apply_rebuilding(db, module, version, module_name)
            else:
                with db.atomic():
                    module.up(db, is_sqlite)
                    SchemaMigration.create(version=version, name=module_name)
            applied.append(version)
    return applied


def _apply_rebuilding(db, module, version, module_name):
    """Apply a SQLite step that rebuilds tables: foreign keys off outside its transaction,
    checked before it commits, back on after (see the module docstring)."""
    if db.in_transaction():
        raise RuntimeError(f"migration {version} rebuilds tables: it cannot run in a transaction")
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            module.up(db, True)
            broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise ForeignKeyViolation(version, broken)
            SchemaMigration.create(version=version, name=module_name)
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


@functools.lru_cache(maxsize=8)
def expected_schema(versions):
    """{table: frozenset(columns)} that the migrations ``versions`` (a sorted tuple of applied
    versions; unknown ones are left out) build, found by applying them to an empty in-memory
    SQLite database — the migrations stay the one description of the schema."""
    modules = dict(available())
    db = SqliteDatabase(":memory:")
    db.connect()
    try:
        with db.bind_ctx([SchemaMigration]):
            db.create_tables([SchemaMigration])
        for version in versions:
            if version in modules:
                importlib.import_module(f"{__name__}.{modules[version]}").up(db, True)
        return {
            table: frozenset(row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")'))
            for (table,) in db.execute_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
    finally:
        db.close()
