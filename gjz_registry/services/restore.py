"""Restoring a database from a backup: the one procedure behind ``gjz restore``, 系统›备份与恢复
and the client's offer to restore a damaged database.

1. Nothing is touched before the backup has passed every check.  It is copied (SQLite backup
   API) into a staging file next to the database and checked there completely: intact
   (``PRAGMA integrity_check``), a schema version this program knows, and every table and
   column of that version (db/backup.is_registry_file).  The staged copy — not the file named,
   which could change meanwhile — is what gets restored.
2. The backup must belong to the database it replaces: the id stored in the backup equals the
   database's id (db/identity.py).  A backup of another database, or one whose database
   cannot be told (made by an older version; or the damaged database's id is unreadable and
   not in the backup folder's index), is refused unless forced.  A forced backup takes the id
   of the database it replaces, so the two databases' backups stay apart.
3. The staged copy is upgraded to this program's schema; an upgrade that fails leaves the
   database as it was.
4. Only then is the database replaced: an open one page by page inside one write transaction
   (MaintenanceService.restore); a damaged one that cannot be opened (:func:`restore_damaged`)
   by renaming the staged file over it, after a copy of the damaged file has been kept.

A damaged database is never opened through the application, so :func:`restore_damaged` checks
the identity of a ``--user`` itself: the password against the users of the damaged database
when that table can still be read, else against the users of the (checked) backup; the
account must be an active administrator.  Without a user the caller is the local administrator
(README: the command line without ``--user``).  A database written by a newer program is never
called damaged (registry.open_registry) and never replaced.
"""

import dataclasses
import os
import sqlite3
import tempfile

from peewee import SqliteDatabase

from db import backup, identity, migrations
from gjz_registry import fileops, paths, settings
from gjz_registry import reference as ref
from gjz_registry.errors import (
    AuthenticationError,
    DatabaseError,
    DatabaseTooNewError,
    FileFormatError,
    ForeignBackupError,
    PermissionDeniedError,
)
from gjz_registry.services.passwords import hash_password, verify_password

UNCHANGED = "当前数据库未作任何改动"
HELD_KEPT = "损坏的数据库已另存为「{kept}」"


@dataclasses.dataclass
class Staged:
    """A checked copy of a backup, next to the database it is to replace."""

    path: str
    version: int
    source_id: str = None  # the id stored in the backup (None: made by an older version)


def stage(source, db_path):
    """Copy the backup ``source`` next to the database ``db_path`` and check the copy
    completely; return a Staged (the caller calls :func:`discard` when done).
    FileFormatError when the backup is not an intact registry database."""
    source = os.fspath(source)
    not_sqlite = backup.not_a_sqlite_file(source)
    if not_sqlite:  # say so before copying anything
        raise FileFormatError(f"「{source}」不能用于恢复：{not_sqlite}；{UNCHANGED}")
    folder = os.path.dirname(os.path.abspath(db_path))
    try:
        fd, path = tempfile.mkstemp(
            prefix=f".{backup.stem_of(db_path)}-restore-", suffix=".db", dir=folder
        )
    except OSError as exc:
        raise DatabaseError(
            f"无法在数据库所在的文件夹「{folder}」中写入恢复用的临时文件（{exc.strerror}）；"
            f"{UNCHANGED}"
        ) from None
    os.close(fd)
    try:
        try:
            backup.copy_database(source, path, readonly=True)
        except sqlite3.Error as exc:
            raise FileFormatError(
                f"「{source}」不能用于恢复：无法读取（{exc}）；{UNCHANGED}"
            ) from None
        ok, detail = backup.is_registry_file(path)
        if not ok:
            raise FileFormatError(f"「{source}」不能用于恢复：{detail}；{UNCHANGED}")
    except BaseException:
        discard(path)
        raise
    return Staged(path, detail, identity.of_file(path))


def discard(path):
    """Remove a staged copy and its companion files; one held by another program (a virus
    scanner) is left and logged, never hiding the error that led here."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        fileops.remove_quietly(path + suffix)


def adopt(staged, source, db_path, database_id, force=False, page_size=None):
    """Make the staged backup the next version of the database ``db_path`` (id
    ``database_id``, None when it cannot be read): check that it belongs to that database,
    give it the database's id, upgrade its schema and — for a copy into an open database in
    WAL mode, which must have the same page size — rebuild it with ``page_size``.  Returns
    None, or — when ``force`` let a backup through that is not shown to belong — the warning
    saying why.  ForeignBackupError when it does not belong and ``force`` is false."""
    warning = foreign_reason(source, staged.source_id, db_path, database_id)
    if warning and not force:
        raise ForeignBackupError(
            f"{warning}。为防止用错备份，已拒绝恢复，{UNCHANGED}；"
            "确认要用它覆盖当前数据库时，命令行请加 --force",
            reason=warning,
        )
    db = SqliteDatabase(staged.path)
    try:
        if database_id:
            identity.write_to_file(staged.path, database_id)
        db.connect()
        migrations.migrate(db, True)
        if page_size and db.execute_sql("PRAGMA page_size").fetchone()[0] != page_size:
            db.execute_sql(f"PRAGMA page_size = {int(page_size)}")
            db.execute_sql("VACUUM")
    except Exception as exc:  # sqlite3, peewee or a migration's own error
        raise FileFormatError(
            f"「{source}」不能用于恢复：升级结构失败（{exc}）；{UNCHANGED}"
        ) from None
    finally:
        db.close()
    return warning


def keep_copy(keep, *args):
    """Run ``keep(*args)`` (a copy of the current database, taken before it is replaced);
    DatabaseError when it cannot be written — the database is then left as it is."""
    try:
        return keep(*args)
    except (OSError, sqlite3.Error, backup.BackupError) as exc:
        raise DatabaseError(f"无法先保存当前数据库的副本（{exc}）；{UNCHANGED}") from None


def foreign_reason(source, source_id, db_path, database_id):
    """Why the backup ``source`` (id ``source_id``) is not shown to belong to the database
    ``db_path`` (id ``database_id``), or None when it belongs."""
    if not database_id:
        return f"无法读出数据库「{db_path}」的编号（文件已损坏），不能确认备份「{source}」属于它"
    if not source_id:
        return (
            f"备份「{source}」由旧版本程序创建，没有数据库编号，"
            f"不能确认它是数据库「{db_path}」的备份"
        )
    if source_id != database_id:
        return (
            f"备份「{source}」属于另一个数据库（编号 {identity.short(source_id)}），"
            f"不是数据库「{db_path}」（编号 {identity.short(database_id)}）的备份"
        )
    return None


# --- a database that cannot be opened ----------------------------------------------------
def backup_folders(db_path):
    """The folders where the backups of the database ``db_path`` are looked for: its
    configured backup folder (when the setting can still be read) and the default one."""
    folders = [identity.setting_of_file(db_path, settings.BACKUP_DIR.name), paths.backup_dir()]
    return list(dict.fromkeys(f for f in folders if f))


def damaged_database_id(db_path):
    """The id of the database ``db_path`` read from the file itself, else from a backup
    folder's index; None when neither knows it."""
    found = identity.of_file(db_path)
    for folder in backup_folders(db_path):
        found = found or identity.recall(folder, db_path)
    return found


def newest_good_backup(db_path):
    """The newest backup of the database ``db_path`` (its id, read from each backup file)
    that passes every check of a restore, or None — also None when the database's id cannot
    be told, so that no other database's backup is ever offered."""
    database_id = damaged_database_id(db_path)
    if not database_id:
        return None
    found = [
        b
        for folder in backup_folders(db_path)
        for b in backup.scan(folder)
        if b.kind != backup.DAMAGED and b.belongs_to(database_id)
    ]
    for b in sorted(found, key=lambda b: (b.when, b.seq), reverse=True):
        if backup.is_registry_file(b.path)[0]:
            return b.path
    return None


def restore_damaged(db_path, source, username=None, password=None, force=False):
    """Replace the database file ``db_path`` — damaged, so it cannot be opened — by the
    backup ``source``; return the path of the copy kept of the damaged file.  With
    ``username`` the password is checked (see the module docstring) and the account must be an
    active administrator; without, the caller is the local administrator."""
    db_path = os.fspath(db_path)
    version = _raw_version(db_path)
    if version is not None and version > migrations.latest_version():
        raise DatabaseTooNewError(
            f"数据库「{db_path}」由更新版本的程序创建（结构版本 {version}，本程序支持到 "
            f"{migrations.latest_version()}），本程序不能恢复它，请用新版本程序处理；{UNCHANGED}"
        )
    staged = stage(source, db_path)
    try:
        if username is not None:
            verify_admin(username, password, (db_path, staged.path))
        database_id = damaged_database_id(db_path)
        adopt(staged, source, db_path, database_id, force)
        kept = keep_copy(backup.keep_damaged, db_path, backup_folders(db_path)[0], database_id)
        try:
            # the damaged file's WAL or journal would be applied to the new file: drop them
            # (the kept copy has them) before the staged file takes the database's name
            for suffix in ("-wal", "-shm", "-journal"):
                fileops.remove(db_path + suffix)
            fileops.replace(staged.path, db_path)
        except fileops.FileLockedError as exc:  # open in another client (or a scanner's)
            raise DatabaseError(f"无法恢复：{exc}；{HELD_KEPT.format(kept=kept)}") from None
    finally:
        discard(staged.path)
    return kept


def verify_admin(username, password, candidates):
    """Check ``username``/``password`` against the user table of the first of ``candidates``
    (database files) whose table can be read; the account must be an active administrator."""
    row = None
    for path in candidates:
        try:
            con = identity.readonly(path)
            try:
                row = con.execute(
                    "SELECT username, password_hash, role, active FROM user WHERE username = ?",
                    ((username or "").strip(),),
                ).fetchone()
            finally:
                con.close()
        except sqlite3.Error:
            continue
        break
    # hash even for unknown users so timing does not reveal which names exist
    ok = verify_password(password or "", row[1] if row else hash_password("x"))
    if row is None or not ok:
        raise AuthenticationError("用户名或密码错误")
    if not row[3]:
        raise AuthenticationError(f"账户「{row[0]}」已停用，请联系管理员")
    if row[2] != ref.ROLE_ADMIN:
        raise PermissionDeniedError(f"「{row[0]}」不是管理员：恢复数据库需要管理员权限")


def _raw_version(db_path):
    try:
        con = identity.readonly(db_path)
        try:
            return con.execute("SELECT MAX(version) FROM schema_migration").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return None
