"""The one classifier of raw database-driver errors.

A driver error (sqlite3's, or peewee's wrapper of it; psycopg's when the PostgreSQL engine
adds its table) is read by its *code*, never by its message text: :func:`condition` names the
engine-neutral condition (the write lock was not granted in time, the file is damaged or no
database, the disk is full, …) and :func:`classify` turns the ones a user can act on into the
typed :class:`~gjz_registry.errors.RegistryError` to show.  What it does not know (a constraint
the services should have prevented, a syntax error) is a bug: ``classify`` returns None and the
front end logs it with its traceback.

Every place that meets a driver error — the facade when it opens a database or logs a user in,
the services' transactions, the CLI's and the client's last-resort handlers — asks here.
"""

import sqlite3
import sys

import peewee

from gjz_registry.errors import (
    DatabaseDamagedError,
    DatabaseError,
    LockTimeoutError,
    RegistryError,
)

# The engine-neutral conditions.
BUSY = "busy"  # another connection held the write lock past the busy timeout
DAMAGED = "damaged"  # the file is a database, but damaged
NOT_A_DATABASE = "not a database"  # the file is no database (or encrypted)
FULL = "full"  # the disk (or the database's size limit) is full
READ_ONLY = "read-only"  # the file or its medium cannot be written
CANNOT_OPEN = "cannot open"  # the file cannot be created or opened (path, permission)
UNIQUE = "unique"  # constraint violations: bugs unless a caller expects them
NOT_NULL = "not null"
FOREIGN_KEY = "foreign key"
CHECK = "check"

# SQLite's result code names (sqlite3.Error.sqlite_errorname; extended codes are looked up
# whole first, then by their primary part, e.g. SQLITE_BUSY_SNAPSHOT → SQLITE_BUSY).
SQLITE_CONDITIONS = {
    "SQLITE_BUSY": BUSY,
    "SQLITE_LOCKED": BUSY,
    "SQLITE_CORRUPT": DAMAGED,
    "SQLITE_NOTADB": NOT_A_DATABASE,
    "SQLITE_FULL": FULL,
    "SQLITE_READONLY": READ_ONLY,
    "SQLITE_CANTOPEN": CANNOT_OPEN,
    "SQLITE_CONSTRAINT_UNIQUE": UNIQUE,
    "SQLITE_CONSTRAINT_PRIMARYKEY": UNIQUE,
    "SQLITE_CONSTRAINT_NOTNULL": NOT_NULL,
    "SQLITE_CONSTRAINT_FOREIGNKEY": FOREIGN_KEY,
    "SQLITE_CONSTRAINT_CHECK": CHECK,
}


def _sqlite_condition(raw):
    name = getattr(raw, "sqlite_errorname", None) if isinstance(raw, sqlite3.Error) else None
    if not name:
        return None
    return SQLITE_CONDITIONS.get(name) or SQLITE_CONDITIONS.get("_".join(name.split("_")[:2]))


# PostgreSQL's SQLSTATE codes (psycopg's ``Error.sqlstate``), whole first, then by class
# (the first two characters): 55P03 is a lock wait ended by lock_timeout (the busy timeout).
POSTGRESQL_CONDITIONS = {
    "55P03": BUSY,  # lock_not_available
    "40P01": BUSY,  # deadlock_detected: one side is cancelled; retrying is the remedy
    "53100": FULL,  # disk_full
    "25006": READ_ONLY,  # read_only_sql_transaction (a standby, a read-only role)
    "XX001": DAMAGED,  # data_corrupted
    "XX002": DAMAGED,  # index_corrupted
    "3D000": CANNOT_OPEN,  # invalid_catalog_name: no such database
    "08": CANNOT_OPEN,  # connection exceptions
    "28": CANNOT_OPEN,  # invalid authorization (wrong password, no such role)
    "23505": UNIQUE,
    "23502": NOT_NULL,
    "23503": FOREIGN_KEY,
    "23514": CHECK,
}


def _postgresql_condition(raw):
    state = getattr(raw, "sqlstate", None)
    if not isinstance(state, str) or not state:
        return None
    return POSTGRESQL_CONDITIONS.get(state) or POSTGRESQL_CONDITIONS.get(state[:2])


# One reader per engine: raw driver exception → condition or None.
READERS = [_sqlite_condition, _postgresql_condition]

DAMAGED_TEXT = "数据库已损坏：请用「gjz restore 备份文件」恢复最近的备份"
READ_ONLY_TEXT = "数据库文件是只读的：请检查文件权限或是否放在只读介质上"
FULL_TEXT = "磁盘已满：请清理磁盘空间后重试"
CANNOT_OPEN_TEXT = "无法创建或打开数据库文件，请检查路径和权限"


# The exception classes of the drivers: peewee's wrapper of any of them, sqlite3's own, and
# psycopg's once it is loaded (an error of psycopg's cannot exist before; not importing it
# here keeps a command on a SQLite file from loading the server driver, db/drivers.py).
DRIVER_ERRORS = (peewee.DatabaseError, sqlite3.Error)


def is_driver_error(exc):
    """True when ``exc`` comes from the database driver (peewee's wrapper or the raw one)."""
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None and isinstance(exc, psycopg.Error):
        return True
    return isinstance(exc, DRIVER_ERRORS)


def _causes(exc):
    """``exc`` and the driver errors it was raised from (peewee re-raises the driver's error
    as its own, the original as the context); an error met while handling another kind of
    exception is not followed into that one."""
    seen = set()
    while is_driver_error(exc) and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def in_failed_transaction(exc):
    """True when ``exc`` is the server's refusal of a statement because its transaction had
    failed before it (PostgreSQL's SQLSTATE 25P02): a consequence of that earlier error, not
    one of its own (db/writebehind.py reports the earlier one)."""
    return any(getattr(raw, "sqlstate", None) == "25P02" for raw in _causes(exc))


def condition(exc):
    """The engine-neutral condition of a driver error (one of the constants above), or None
    for any other exception or a driver error not classified."""
    for raw in _causes(exc):
        for read in READERS:
            found = read(raw)
            if found is not None:
                return found
    return None


def busy_message(db_path=None):
    """「数据库正忙…」 for a lock wait that timed out, naming who has the database open
    (user, computer, since when) when the note of gjz_registry.presence says so."""
    who = None
    if db_path:
        from gjz_registry.presence import holder

        who = holder(db_path)
    detail = f"，可能正被 {who} 使用" if who else ""
    return f"数据库正忙{detail}：请稍后重试，或请对方先关闭程序"


def classify(exc, db_path=None):
    """The typed RegistryError for ``exc``: itself when it is one; for a driver error a user
    can act on (lock timeout, damaged or no database, disk full, read-only, cannot open) a new
    one; None otherwise (a bug, to be logged).  ``db_path``: the database's file or URL, to
    name who holds a lock."""
    if isinstance(exc, RegistryError):
        return exc
    found = condition(exc)
    if found == BUSY:
        return LockTimeoutError(busy_message(db_path))
    if found in (DAMAGED, NOT_A_DATABASE):
        return DatabaseDamagedError(DAMAGED_TEXT)
    texts = {READ_ONLY: READ_ONLY_TEXT, FULL: FULL_TEXT, CANNOT_OPEN: CANNOT_OPEN_TEXT}
    if found in texts:
        return DatabaseError(texts[found])
    return None


def explain(exc, db_path=None):
    """(error class, Chinese reason) for a driver error that stops a larger operation (opening,
    restoring): the typed error's when :func:`classify` knows it, else DatabaseError and the
    driver's own words (their first line).  The caller raises ``cls(f"…{reason}…")``."""
    typed = classify(exc, db_path)
    if typed is not None:
        return type(typed), str(typed)
    # the driver's first line: the CLI prints one line (libpq adds hints on more lines)
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return DatabaseError, lines[0] if lines else type(exc).__name__
