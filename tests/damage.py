"""Ways to damage a SQLite file on purpose, for the tests of backups and restores.

``damage_table`` breaks one table's root page in the middle of the file — the file header
(page 1) stays valid, so the file still looks like a database and opens, but
``PRAGMA integrity_check`` fails and reading that table says "malformed".  ``break_header``
wipes the header: the file is no longer recognised as a database at all.
"""

import sqlite3


def checkpoint(path):
    """Move the WAL's pages into the main file (so damage written there is the truth)."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def damage_table(path, table="enterprise"):
    """Overwrite the b-tree header of ``table``'s root page with garbage."""
    checkpoint(path)
    con = sqlite3.connect(path)
    try:
        (root,) = con.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
        (size,) = con.execute("PRAGMA page_size").fetchone()
    finally:
        con.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * 12)


def break_header(path):
    """Zero the first 100 bytes: the file cannot be opened as a database any more."""
    checkpoint(path)
    with open(path, "r+b") as fh:
        fh.write(b"\0" * 100)


def malformed_error():
    """The error SQLite raises on reading a damaged page, with its result code (the driver's
    errors are told apart by code, gjz_registry.dberrors, never by their text)."""
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorcode, error.sqlite_errorname = 11, "SQLITE_CORRUPT"
    return error
