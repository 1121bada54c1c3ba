"""Where the program keeps its files: data directory, default database, logs, backups.

Windows: ``%LOCALAPPDATA%\\gjz-registry``; elsewhere ``~/.local/share/gjz-registry`` (or
``$XDG_DATA_HOME``).  ``GJZ_DATA_DIR`` overrides the folder, ``GJZ_DB`` the database.

Windows keeps the data out of the roaming profile (``%APPDATA%``): a domain may copy that
profile to a server at every logoff or redirect it to a network share, and a SQLite database
must stay on the local disk.  Earlier versions kept it there; the first start of this one
moves the older folder's database (with its -wal/-shm), backups, logs and small state files
to the local folder, once, when the local folder has no database yet.  What was moved (or
why not) is written to the log by :mod:`gjz_registry.logs`.
"""

import contextlib
import os
import shutil
import sys

APP_DIR_NAME = "gjz-registry"
DB_NAME = "registry.db"
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")  # a database file and its journals

MOVED = "数据目录已从漫游配置文件 {old} 迁移到本机 {new}（数据库、备份、日志）"
MOVED_EXCEPT = "迁移数据目录时未能移动「{path}」：{reason}；它仍在 {old}"
ALREADY_THERE = "本机数据目录中已有同名文件"
NOT_MOVED = (
    "未能把数据库从漫游配置文件 {old} 迁移到本机 {new}：{reason}（可能有程序正在使用它）；"
    "本次继续使用 {old}，下次启动时再试"
)

_notes = []  # what data_dir() did, for the log (logs.setup() writes them)
_roaming_checked = {}  # (roaming, local) -> the folder to use, so the move is tried once


def data_dir():
    """The per-user data folder (created on first use)."""
    folder = os.environ.get("GJZ_DATA_DIR")
    if not folder:
        if sys.platform.startswith("win"):
            folder = _windows_data_dir()
        else:
            base = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
            folder = os.path.join(base, APP_DIR_NAME)
    os.makedirs(folder, exist_ok=True)
    return folder


def take_notes():
    """The messages about the data folder not logged yet (the list is emptied)."""
    notes = list(_notes)
    del _notes[:]
    return notes


def default_db():
    """The database used when neither --db nor GJZ_DB is given."""
    return os.environ.get("GJZ_DB") or os.path.join(data_dir(), DB_NAME)


def demo_db():
    return os.path.join(data_dir(), "demo.db")


def log_file():
    return os.path.join(data_dir(), "gjz-registry.log")


def backup_dir():
    return os.path.join(data_dir(), "backups")


# --- Windows: local, not roaming ---------------------------------------------------------
def _windows_data_dir():
    local = os.environ.get("LOCALAPPDATA") or os.path.join(
        os.path.expanduser("~"), "AppData", "Local"
    )
    roaming = os.environ.get("APPDATA") or os.path.join(
        os.path.expanduser("~"), "AppData", "Roaming"
    )
    local, roaming = os.path.join(local, APP_DIR_NAME), os.path.join(roaming, APP_DIR_NAME)
    if local == roaming:
        return local
    key = (roaming, local)
    if key not in _roaming_checked:
        _roaming_checked[key] = _move_from_roaming(roaming, local)
    return _roaming_checked[key]


def _move_from_roaming(roaming, local):
    """Move an older version's data folder ``roaming`` to ``local`` when it holds a
    database and ``local`` does not; return the folder to use."""
    old_db = os.path.join(roaming, DB_NAME)
    if not os.path.isfile(old_db) or os.path.exists(os.path.join(local, DB_NAME)):
        return local
    os.makedirs(local, exist_ok=True)
    try:  # the database and its journals move together or not at all
        _move_together(
            [
                (old_db + suffix, os.path.join(local, DB_NAME + suffix))
                for suffix in SQLITE_COMPANIONS
            ]
        )
    except OSError as exc:
        _notes.append(NOT_MOVED.format(old=roaming, new=local, reason=_reason(exc)))
        return roaming
    # the rest: backups/, the log, demo.db, window.json…
    _move_missing(roaming, local, roaming)
    _notes.append(MOVED.format(old=roaming, new=local))
    return local


def _move_together(pairs):
    """Move each existing source to its target; on a failure put back what was moved and
    remove a partial copy, then raise."""
    done = []
    try:
        for source, target in pairs:
            if os.path.exists(source):
                shutil.move(source, target)
                done.append((source, target))
    except OSError:
        with contextlib.suppress(OSError):
            if os.path.exists(source) and os.path.exists(target):
                os.remove(target)  # copied to another volume but the original could not go
        for moved_from, moved_to in reversed(done):
            with contextlib.suppress(OSError):
                shutil.move(moved_to, moved_from)
        raise


def _move_missing(source, target, old):
    """Move ``source`` to ``target`` (a folder: its entries, one by one) unless ``target``
    exists; a failure is noted, not raised — the database has moved already."""
    if os.path.isdir(source) and os.path.isdir(target):
        try:
            names = sorted(os.listdir(source))
        except OSError as exc:
            _notes.append(MOVED_EXCEPT.format(path=source, reason=_reason(exc), old=old))
            return
        for name in names:
            _move_missing(os.path.join(source, name), os.path.join(target, name), old)
        with contextlib.suppress(OSError):  # not empty: what stayed is noted already
            os.rmdir(source)
    elif os.path.exists(target):
        _notes.append(MOVED_EXCEPT.format(path=source, reason=ALREADY_THERE, old=old))
    else:
        try:
            shutil.move(source, target)
        except OSError as exc:
            _notes.append(MOVED_EXCEPT.format(path=source, reason=_reason(exc), old=old))


def _reason(exc):
    return exc.strerror or str(exc)
