"""Backups of a SQLite database: the copy, its name, rotation, and the complete check a file
passes before it may replace a database.

Never a file copy of an open database: ``sqlite3.Connection.backup`` gives a consistent
snapshot even while another connection writes.  Every backup is checked with
``PRAGMA integrity_check`` before it gets its name, and is placed under a name no other file
has (a second backup in the same second never replaces the first).

Names: ``{stem}-{id8}-{kind}-{YYYYmmdd-HHMMSS}[-N].db`` — the database file's stem, the short
form of the database's id (db/identity.py; ``noid`` when it has none yet), the kind (``auto``,
``manual``, ``before-restore``, ``before-upgrade-vN``, ``damaged``), the time, and a counter
when that second is taken.  Only automatic backups rotate, and only those of the same database,
as read from each backup file itself.  Names written by older versions (``registry-…``,
``before-restore-…``) are listed as such and never rotated.
"""

import dataclasses
import datetime
import os
import re
import shutil
import sqlite3
import tempfile
import time

from db import identity, migrations

AUTO, MANUAL, BEFORE_RESTORE, BEFORE_UPGRADE, DAMAGED = (
    "auto",
    "manual",
    "before-restore",
    "before-upgrade",
    "damaged",
)
LEGACY = "legacy"  # an automatic or manual backup named by an older version (registry-…)

_STAMP = "%Y%m%d-%H%M%S"
_KIND = f"(?P<kind>{'|'.join((AUTO, MANUAL, BEFORE_RESTORE, BEFORE_UPGRADE, DAMAGED))})"
_NAME = re.compile(
    rf"^(?P<stem>.+)-(?P<short>[0-9a-f]{{{identity.SHORT_LENGTH}}}|noid)-{_KIND}"
    r"(?:-v(?P<version>\d+))?-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?\.db$"
)
_OLD_NAME = re.compile(
    r"^(?P<kind>registry|before-restore|before-upgrade|damaged)(?:-v(?P<version>\d+))?"
    r"-(?P<stamp>\d{8}-\d{6})\.db$"
)
# Pages copied per step of a restore (1 MB at 4 KB pages): the copy reports its progress
# between steps; the destination's write transaction stays open until the last one.
RESTORE_STEP_PAGES = 256


class BackupError(Exception):
    """The backup could not be written or failed its integrity check."""


@dataclasses.dataclass(frozen=True)
class BackupFile:
    """One backup file in a backup folder, as its name describes it."""

    path: str
    when: datetime.datetime
    kind: str  # AUTO, MANUAL, BEFORE_RESTORE, BEFORE_UPGRADE, DAMAGED or LEGACY
    stem: str = None  # None for names of older versions
    short_id: str = None  # None for names of older versions and for "noid"
    seq: int = 1

    @property
    def name(self):
        return os.path.basename(self.path)

    def belongs_to(self, database_id):
        """Whether this is a backup of the database ``database_id``: its name says so and the
        id stored in the file itself agrees (a renamed or copied file is not taken at its
        word)."""
        return (
            bool(database_id)
            and self.short_id == identity.short(database_id)
            and identity.of_file(self.path) == database_id
        )


def stem_of(db_path):
    return os.path.splitext(os.path.basename(db_path))[0] or "registry"


def parse_name(path):
    """The BackupFile a file name describes, or None when it is no backup's name."""
    name = os.path.basename(path)
    match = _NAME.match(name)
    if match:
        stem, short_id = match["stem"], match["short"]
        short_id = None if short_id == "noid" else short_id
    else:
        match = _OLD_NAME.match(name)
        if not match:
            return None
        stem = short_id = None
    try:
        when = datetime.datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    kind = LEGACY if match["kind"] == "registry" else match["kind"]
    seq = int(match["seq"]) if "seq" in match.groupdict() and match["seq"] else 1
    return BackupFile(path, when, kind, stem, short_id, seq)


def scan(folder):
    """The backups in ``folder`` (every kind, every database), newest first."""
    if not os.path.isdir(folder):
        return []
    found = [parse_name(os.path.join(folder, entry)) for entry in os.listdir(folder)]
    return sorted((b for b in found if b is not None), key=lambda b: (b.when, b.seq), reverse=True)


# --- copying --------------------------------------------------------------------------
def integrity_errors(path):
    """Return the list of problems ``PRAGMA integrity_check`` reports ([] when intact)."""
    try:
        con = identity.readonly(path)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:  # too damaged to even run the check
        rows = [str(exc)]
    finally:
        con.close()
    return [] if rows == ["ok"] else rows


def copy_database(source_path, dest_path, readonly=False):
    """Copy every page of the database at ``source_path`` into a new file ``dest_path``
    (journal mode DELETE); sqlite3.DatabaseError when the source is not a database."""
    src = identity.readonly(source_path) if readonly else sqlite3.connect(source_path, timeout=15)
    try:
        dst = sqlite3.connect(dest_path)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def backup_name(stem, database_id, kind, when=None, version=None):
    """The name (without the counter and .db) of a new backup."""
    when = when or datetime.datetime.now()
    kind = f"{kind}-v{version}" if version is not None else kind
    return f"{stem}-{identity.short(database_id)}-{kind}-{when:{_STAMP}}"


def new_backup(source_path, folder, kind, database_id, when=None, version=None):
    """Write a verified backup of the database at ``source_path`` into ``folder`` under a new
    name; return its path.  BackupError when it fails its integrity check (nothing is left)."""
    os.makedirs(folder, exist_ok=True)
    tmp = _temporary(folder)
    try:
        copy_database(source_path, tmp)
        problems = integrity_errors(tmp)
        if problems:
            raise BackupError("; ".join(problems[:5]))
        path = _place(
            tmp, folder, backup_name(stem_of(source_path), database_id, kind, when, version)
        )
    finally:
        _remove(tmp)
    try:
        identity.remember(folder, source_path, database_id)
    except OSError:  # the index is only a fallback for damaged databases
        pass
    return path


def keep_damaged(db_path, folder, database_id):
    """Copy a damaged database file as it is (with its -wal or -journal) into ``folder``;
    return the path.
    A file copy, not the backup API: the file may not open as a database at all."""
    os.makedirs(folder, exist_ok=True)
    tmp = _temporary(folder)
    try:
        shutil.copyfile(db_path, tmp)
        path = _place(tmp, folder, backup_name(stem_of(db_path), database_id, DAMAGED))
    finally:
        _remove(tmp)
    for suffix in ("-wal", "-journal"):  # the changes not yet in the main file belong to it
        if os.path.exists(db_path + suffix):
            shutil.copyfile(db_path + suffix, path + suffix)
    return path


def _temporary(folder):
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".part", dir=folder)
    os.close(fd)
    return tmp


def _remove(path):
    """Remove a temporary file and its journal.  One that cannot be removed (held by a virus
    scanner on Windows) is left: its hidden name is never taken for a backup's."""
    for suffix in ("", "-journal"):
        try:
            os.remove(path + suffix)
        except OSError:
            pass


def _place(tmp, folder, base):
    """Give the finished file ``tmp`` the first free name ``base.db``, ``base-2.db``… — never
    over an existing file (a hard link fails when the name is taken)."""
    seq = 1
    while True:
        dest = os.path.join(folder, f"{base}.db" if seq == 1 else f"{base}-{seq}.db")
        seq += 1
        try:
            os.link(tmp, dest)
            return dest
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links (FAT-formatted U 盘)
            if os.path.exists(dest):
                continue
            shutil.copyfile(tmp, dest)
            return dest


# --- rotation -------------------------------------------------------------------------
def surplus(folder, database_id, stem, daily=7, weekly=4, monthly=12):
    """The automatic backups of the database ``database_id`` (file stem ``stem``) in
    ``folder`` that rotation deletes: all but the newest of each of the last ``daily`` days,
    ``weekly`` ISO weeks and ``monthly`` months.  Manual backups, safety copies, other
    databases' backups and files whose id cannot be read are never among them.  Deleting
    them is the caller's (MaintenanceService, through gjz_registry.fileops: on Windows a
    file another program holds cannot be deleted, and that must not fail a backup)."""
    backups = [
        b for b in scan(folder) if b.kind == AUTO and b.stem == stem and b.belongs_to(database_id)
    ]
    keep = set()
    buckets = (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    )
    for count, key in buckets:
        seen = []
        for b in backups:  # newest first: the first of each bucket is kept
            bucket = key(b.when)
            if bucket not in seen:
                seen.append(bucket)
                if len(seen) <= count:
                    keep.add(b.path)
    return [b.path for b in backups if b.path not in keep]


# --- checking a file before it replaces a database ------------------------------------------
def not_a_sqlite_file(path):
    """Why ``path`` is no SQLite file ("文件不存在", "不是 SQLite 数据库文件"), or None."""
    if not os.path.isfile(path):
        return "文件不存在"
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            return "不是 SQLite 数据库文件"
    return None


def is_registry_file(path):
    """(True, schema version) when ``path`` is an intact registry database this program can
    use: a SQLite file, ``PRAGMA integrity_check`` clean, a schema version not newer than the
    program's, and every table and column its version must have.  Else (False, reason)."""
    not_sqlite = not_a_sqlite_file(path)
    if not_sqlite:
        return False, not_sqlite
    problems = integrity_errors(path)
    if problems:
        return False, "数据库已损坏：" + "；".join(problems[:3])
    try:
        con = identity.readonly(path)
        try:
            versions = sorted(v for (v,) in con.execute("SELECT version FROM schema_migration"))
            missing = _missing_schema(con, versions)
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return False, f"不是本系统的数据库（{exc}）"
    if not versions:
        return False, "不是本系统的数据库（没有结构版本记录）"
    if versions[-1] > migrations.latest_version():
        return False, (
            f"由更新版本的程序创建（结构版本 {versions[-1]}，本程序支持到 "
            f"{migrations.latest_version()}），请升级程序后再使用"
        )
    if missing:
        return False, f"不完整：结构版本 {versions[-1]} 应有的{'、'.join(missing[:5])}缺失"
    return True, versions[-1]


def _missing_schema(con, versions):
    missing = []
    for table, columns in sorted(migrations.expected_schema(tuple(versions)).items()):
        present = {row[1] for row in con.execute(f'PRAGMA table_info("{table}")')}
        if not present:
            missing.append(f"数据表 {table}")
        else:
            missing += [f"{table}.{column} 列" for column in sorted(columns - present)]
    return missing


class RestoreBusy(Exception):
    """Another connection held the database's write lock for longer than the busy timeout
    while a restore waited to copy its pages; nothing was changed."""


def restore_into(source_path, connection, progress=None, timeout_ms=None):
    """Copy every page of ``source_path`` into the open sqlite3 ``connection``, in steps of
    RESTORE_STEP_PAGES pages; ``progress(status, remaining, total)`` is called after each.
    The destination's write transaction spans all steps, so other connections — and the
    database after a crash in the middle — see either the old or the new database.

    sqlite3's ``backup()`` retries a busy destination for ever (it sleeps and steps again), so
    a clerk's restore would hang while another program holds the write lock.  A step waits
    in the destination's busy handler first; once ``timeout_ms`` (default: the connection's
    busy timeout) has passed since the last step that copied pages and a step still answers
    busy, the progress hook raises :class:`RestoreBusy`, which abandons the copy (its
    transaction is rolled back, the database unchanged)."""
    if timeout_ms is None:
        timeout_ms = connection.execute("PRAGMA busy_timeout").fetchone()[0]
    moved = time.monotonic()  # when the copy last made progress

    def step(status, remaining, total):
        nonlocal moved
        now = time.monotonic()
        if status not in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            moved = now
        elif (now - moved) * 1000 >= timeout_ms:
            raise RestoreBusy()
        if progress is not None:
            progress(status, remaining, total)

    src = identity.readonly(source_path)
    try:
        src.backup(connection, pages=RESTORE_STEP_PAGES, progress=step)
    finally:
        src.close()
