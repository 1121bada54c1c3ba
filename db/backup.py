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
    except sqlite3.DatabaseError as exc:  # too damaged to even run the check
        rows = [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def backup_file(source_path, dest_path, verify=True):
    """Copy the database at ``source_path`` to ``dest_path`` and verify it; return dest_path.

    ``verify=False`` keeps a copy of a database known to be damaged, as it is."""
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
    problems = integrity_errors(tmp) if verify else []
    if problems:
        os.remove(tmp)
        raise BackupError("; ".join(problems[:5]))
    os.replace(tmp, dest_path)
    return dest_path


def timestamped_name(prefix="registry", when=None):
    when = when or datetime.datetime.now()
    return f"{prefix}-{when:%Y%m%d-%H%M%S}.db"


_STAMP = "%Y%m%d-%H%M%S"


def backup_time(name):
    """The time encoded in a backup file name (…-YYYYmmdd-HHMMSS.db), or None."""
    stem = os.path.basename(name)
    if not stem.endswith(".db") or len(stem) < 19:
        return None
    try:
        return datetime.datetime.strptime(stem[-18:-3], _STAMP)
    except ValueError:
        return None


def list_backups(folder, prefix="registry"):
    """[(time, path)] of the automatic/manual backups in ``folder``, newest first."""
    if not os.path.isdir(folder):
        return []
    found = []
    for entry in os.listdir(folder):
        if entry.startswith(prefix + "-") and entry.endswith(".db"):
            when = backup_time(entry)
            if when is not None:
                found.append((when, os.path.join(folder, entry)))
    return sorted(found, reverse=True)


def rotate(folder, daily=7, weekly=4, monthly=12, prefix="registry"):
    """Keep the newest backup of each of the last ``daily`` days, ``weekly`` ISO weeks and
    ``monthly`` months; delete the rest.  Returns the deleted paths."""
    keep = set()
    buckets = (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    )
    backups = list_backups(folder, prefix)
    for count, key in buckets:
        seen = []
        for when, path in backups:  # newest first: the first of each bucket is kept
            bucket = key(when)
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) <= count:
                    keep.add(path)
    deleted = []
    for _, path in backups:
        if path not in keep:
            os.remove(path)
            deleted.append(path)
    return deleted


def is_registry_file(path):
    """(True, version) when ``path`` is an intact SQLite file with our schema table, else
    (False, reason)."""
    if not os.path.isfile(path):
        return False, "文件不存在"
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return False, "不是 SQLite 数据库文件"
    try:
        problems = integrity_errors(path)
        if problems:
            return False, "数据库已损坏：" + "；".join(problems[:3])
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = con.execute("SELECT MAX(version) FROM schema_migration").fetchone()[0]
            con.execute("SELECT COUNT(*) FROM enterprise").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return False, f"不是本系统的数据库（{exc}）"
    return True, version


def restore_into(source_path, connection):
    """Copy every page of ``source_path`` into the open sqlite3 ``connection`` (one step of
    the backup API, so readers see either the old or the new database)."""
    src = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        src.backup(connection)
    finally:
        src.close()
