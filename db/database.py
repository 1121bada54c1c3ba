"""The deferred peewee database and how it is opened.

``database_proxy`` is bound by every model; :func:`open_database` creates the concrete
database from a file path or URL and initialises the proxy.  What an engine does its own way
(SQLite's WAL and busy timeout, PostgreSQL's lock_timeout and password file) lives in
db/engines; the SQL the models use stays portable.
"""

import os

from peewee import DatabaseProxy

from db import engines
from db.engines.base import TargetError
from db.engines.sqlite import PRAGMAS as SQLITE_PRAGMAS  # noqa: F401 (tests set the timeout)
from db.engines.sqlite import path_of

database_proxy = DatabaseProxy()

# How long a writer waits for another process's lock before giving up (GJZ_BUSY_TIMEOUT_MS
# overrides it, e.g. in tests that provoke a lock on purpose): SQLite's busy timeout,
# PostgreSQL's lock_timeout.
BUSY_TIMEOUT_MS = int(os.environ.get("GJZ_BUSY_TIMEOUT_MS", "15000"))


def sqlite_path(target):
    """Return the filesystem path for a SQLite target, or None if it is not SQLite."""
    return path_of(target)


def make_database(target, password_file=None):
    """Create (but do not connect) a peewee database for a path or URL; ``password_file``:
    a file whose first line is a server database's password."""
    engine = engines.for_target(target)
    if engine is None:
        raise TargetError(
            f"不支持的数据库地址「{engines.shown(target)}」：请给出 SQLite 文件路径或"
            " postgresql://用户@服务器:端口/数据库名"
        )
    return engine.make_database(target, password_file, busy_timeout_ms=BUSY_TIMEOUT_MS)


def open_database(target, password_file=None):
    """Create the database for ``target``, bind the proxy to it and connect."""
    db = make_database(target, password_file)
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
    """A token that moves when another connection commits (SQLite's ``PRAGMA data_version``),
    None for an engine without one."""
    return engines.of(db).commits_by_others(db)


def engine(db=None):
    """The engine (db/engines) of ``db``, by default of the database the models use."""
    return engines.of(db or database_proxy.obj)


def is_sqlite(db=None):
    """True for a database that is one file on this computer (kept for the migrations'
    ``up(db, is_sqlite)`` signature; the services ask the engine)."""
    return engine(db).keeps_a_file
