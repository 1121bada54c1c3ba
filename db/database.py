"""The deferred peewee database and how it is opened.

``database_proxy`` is bound by every model; :func:`open_database` creates the concrete
database from a file path or URL and initialises the proxy.  SQLite gets WAL, foreign keys and
a busy timeout; the SQL the models use stays portable so a PostgreSQL URL can follow.
"""

import os
from urllib.parse import unquote, urlparse

from peewee import DatabaseProxy, PostgresqlDatabase, SqliteDatabase

database_proxy = DatabaseProxy()

# How long a writer waits for another process's lock before giving up (GJZ_BUSY_TIMEOUT_MS
# overrides it, e.g. in tests that provoke a lock on purpose).
BUSY_TIMEOUT_MS = int(os.environ.get("GJZ_BUSY_TIMEOUT_MS", "15000"))

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_MS,
    "synchronous": "normal",
    "cache_size": -32000,
}


def sqlite_path(target):
    """Return the filesystem path for a SQLite target, or None if it is not SQLite."""
    target = str(target)
    if "://" not in target:
        return target
    parsed = urlparse(target)
    if parsed.scheme != "sqlite":
        return None
    # sqlite:///relative.db, sqlite:////abs/path.db, sqlite:///C:/path.db
    path = unquote(target[len("sqlite://") :])[1:]
    return path or ":memory:"


def make_database(target):
    """Create (but do not connect) a peewee database for a path or URL."""
    path = sqlite_path(target)
    if path is not None:
        if path != ":memory:":
            folder = os.path.dirname(os.path.abspath(path))
            os.makedirs(folder, exist_ok=True)
        # BEGIN IMMEDIATE: a transaction takes the write lock when it starts, so a second
        # writer waits (busy timeout) instead of failing at once with "database is locked"
        # when a deferred transaction tries to upgrade its read lock (WAL cannot do that).
        return SqliteDatabase(
            path, pragmas=SQLITE_PRAGMAS, timeout=BUSY_TIMEOUT_MS / 1000, lock_type="IMMEDIATE"
        )
    parsed = urlparse(str(target))
    if parsed.scheme in ("postgres", "postgresql"):
        return PostgresqlDatabase(
            parsed.path.lstrip("/"),
            user=unquote(parsed.username or "") or None,
            password=unquote(parsed.password or "") or None,
            host=parsed.hostname,
            port=parsed.port,
        )
    raise ValueError(f"不支持的数据库地址：{target}")


def open_database(target):
    """Create the database for ``target``, bind the proxy to it and connect."""
    db = make_database(target)
    database_proxy.initialize(db)
    db.connect(reuse_if_open=True)
    return db


def release(db, previous=None):
    """Close ``db`` (None: nothing to close) and bind the proxy back to ``previous`` — after
    a failed open, so that no connection keeps the file (and its -wal/-shm) open: Windows
    refuses to replace or delete a file that is open.  (No transaction is left to roll back:
    ``atomic`` rolls its own back when an error, even an interrupt, leaves it.)"""
    try:
        if db is not None and not db.is_closed():
            db.close()
    finally:
        if database_proxy.obj is db or db is None:
            database_proxy.initialize(previous)


def commits_by_others(db):
    """SQLite's ``PRAGMA data_version`` on this thread's connection: it changes when another
    connection (another program, or this one's other threads) commits.  None for another
    engine."""
    if not is_sqlite(db):
        return None
    return db.execute_sql("PRAGMA data_version").fetchone()[0]


def is_sqlite(db=None):
    db = db or database_proxy.obj
    return isinstance(db, SqliteDatabase)
