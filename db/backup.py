"""Backups of a SQLite database through the SQLite backup API.

Never a file copy of an open database: ``sqlite3.Connection.backup`` gives a consistent
snapshot even while another connection writes.  Every backup is checked with
``PRAGMA integrity_check`` after it is written.
"""

import datetime
import os
import sqlite3


class BackupError(Exception):
    """The backup could not be written or failed its integrity check."""


def integrity_errors(path):
    """Return the list of problems ``PRAGMA integrity_check`` reports ([] when intact)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def backup_file(source_path, dest_path):
    """Copy the database at ``source_path`` to ``dest_path`` and verify it; return dest_path."""
    folder = os.path.dirname(os.path.abspath(dest_path))
    os.makedirs(folder, exist_ok=True)
    tmp = dest_path + ".part"
    if os.path.exists(tmp):
        os.remove(tmp)
    src = sqlite3.connect(source_path, timeout=15)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    problems = integrity_errors(tmp)
    if problems:
        os.remove(tmp)
        raise BackupError("; ".join(problems[:5]))
    os.replace(tmp, dest_path)
    return dest_path


def timestamped_name(prefix="registry", when=None):
    when = when or datetime.datetime.now()
    return f"{prefix}-{when:%Y%m%d-%H%M%S}.db"
