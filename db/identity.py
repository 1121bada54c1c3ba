"""The database's own id: a random uuid stored in the file (Setting ``database_id``).

A path says where a database is today, not which database it is: two files in one folder, a
switched ``GJZ_DB`` or a renamed file would mix their backups if backups were told apart by
path.  The id is created once (migration 0010) and travels with the file, so every backup
carries the id of the database it was taken from, and a backup's membership is read from the
backup file itself.

For a database too damaged to read its id, the backup folder keeps a small index
(``databases.json``: database path → id), written with every backup; it is only a fallback
for choosing the backup that belongs to a damaged file.
"""

import contextlib
import json
import os
import pathlib
import sqlite3
import uuid

SETTING_KEY = "database_id"
SHORT_LENGTH = 8
INDEX_FILE = "databases.json"


def new_id():
    return uuid.uuid4().hex


def short(database_id):
    """The first characters of an id, as backup file names carry it ("noid" when unknown)."""
    return database_id[:SHORT_LENGTH] if database_id else "noid"


def readonly(path):
    """A read-only sqlite3 connection to the file at ``path`` (any characters in the path)."""
    return sqlite3.connect(pathlib.Path(os.path.abspath(path)).as_uri() + "?mode=ro", uri=True)


def of_database(db):
    """The id of the open peewee database ``db`` (None when it has none yet)."""
    row = db.execute_sql(
        f"SELECT value FROM setting WHERE key = {db.param}", (SETTING_KEY,)
    ).fetchone()
    return row[0] if row else None


def setting_of_file(path, key):
    """The Setting ``key`` stored in the SQLite file at ``path``, read-only; None when the file
    has no such row or cannot be read (damaged, not a database, missing)."""
    if not os.path.isfile(path):
        return None
    try:
        con = readonly(path)
        try:
            row = con.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def of_file(path):
    """The id stored in the SQLite file at ``path``, or None (none recorded, or unreadable)."""
    return setting_of_file(path, SETTING_KEY)


def write_to_file(path, database_id):
    """Store ``database_id`` in the (closed, not live) SQLite file at ``path``."""
    con = sqlite3.connect(path)
    try:
        with con:
            changed = con.execute(
                "UPDATE setting SET value = ? WHERE key = ?", (database_id, SETTING_KEY)
            ).rowcount
            if not changed:
                con.execute(
                    "INSERT INTO setting (key, value) VALUES (?, ?)", (SETTING_KEY, database_id)
                )
    finally:
        con.close()


# --- the index in the backup folder -------------------------------------------------------
def _index_key(db_path):
    return os.path.normcase(os.path.realpath(db_path))


def _read_index(folder):
    try:
        with open(os.path.join(folder, INDEX_FILE), encoding="utf-8") as fh:
            found = json.load(fh)
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def remember(folder, db_path, database_id):
    """Note in ``folder``'s index that the database at ``db_path`` has ``database_id``."""
    index = _read_index(folder)
    key = _index_key(db_path)
    if not database_id or index.get(key) == database_id:
        return
    index[key] = database_id
    tmp = os.path.join(folder, f".{INDEX_FILE}.{os.getpid()}.part")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(index, fh, ensure_ascii=False, indent=1)
        os.replace(tmp, os.path.join(folder, INDEX_FILE))
    except OSError:  # (held by another program on Windows): the next backup tries again
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def recall(folder, db_path):
    """The id ``folder``'s index holds for the database at ``db_path``, or None."""
    value = _read_index(folder).get(_index_key(db_path))
    return value if isinstance(value, str) and value else None
