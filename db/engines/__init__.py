"""The database engines, one module each behind one interface (db/engines/base.py).

``of(db)`` is the engine of an open peewee database, ``for_target(target)`` the engine a path
or URL names; ``shown(target)`` is the one function that makes a target printable (a
password in a URL is masked).
"""

from db.engines import postgresql, sqlite

ENGINES = (sqlite.ENGINE, postgresql.ENGINE)


def of(db):
    for engine in ENGINES:
        if engine.owns(db):
            return engine
    raise ValueError(f"unknown database engine: {type(db).__name__}")


def for_target(target):
    """The engine of a path or URL, or None when no engine handles it."""
    for engine in ENGINES:
        if engine.handles(target):
            return engine
    return None


def shown(target):
    """``target`` as it may be printed, logged or audited (a URL's password masked)."""
    if target is None:
        return None
    engine = for_target(target)
    # any other text with a URL in it (an unsupported scheme, ``--db-url=…`` as one
    # argument) is masked the server's way: a password in it is never shown either
    return (engine or postgresql.ENGINE).shown(target)
