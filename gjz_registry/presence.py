"""Who has the database open: a small ``<db>.inuse`` note written by the desktop client.

SQLite cannot say which process holds a lock; when a write waits past the busy timeout the
program reads this note to tell the user who to ask (「可能正被 王芳（dlw，PC-03）使用」).
"""

import datetime
import getpass
import json
import os
import socket

from db.database import sqlite_path


def note_path(db_path):
    return str(db_path) + ".inuse"


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def announce(db_path, user_label):
    """Record that this process uses ``db_path``; returns the note's path."""
    note = {
        "user": user_label,
        "os_user": _os_user(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "since": datetime.datetime.now().replace(microsecond=0).isoformat(sep=" "),
    }
    path = note_path(db_path)
    try:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(note, fh, ensure_ascii=False)
    except OSError:
        return None
    return path


def withdraw(db_path):
    path = note_path(db_path)
    try:
        with open(path, encoding="utf-8") as fh:
            note = json.load(fh)
        if note.get("pid") == os.getpid():
            os.remove(path)
    except (OSError, ValueError):
        pass


def holder(db_path):
    """A Chinese description of who else has the database open — user, computer and since
    when — or None.  ``db_path``: the file, or a sqlite:/// URL."""
    path = sqlite_path(db_path)
    if not path or path == ":memory:":
        return None
    try:
        with open(note_path(path), encoding="utf-8") as fh:
            note = json.load(fh)
    except (OSError, ValueError):
        return None
    if note.get("pid") == os.getpid():
        return None
    if note.get("host") == socket.gethostname() and not _alive(note.get("pid", 0)):
        return None
    who = f"{note.get('user')}（{note.get('os_user')}，{note.get('host')}"
    return f"{who}，自 {note.get('since')} 起）"


def _os_user():
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment
        return "?"
