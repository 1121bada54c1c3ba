"""Who has the database open: a small ``<db>.inuse`` note written by the desktop client.

SQLite cannot say which process holds a lock; when a write waits past the busy timeout the
program reads this note to tell the user who to ask (「可能正被 王芳（dlw，PC-03）使用」).
"""

import datetime
import getpass
import json
import os
import socket
import sys

from db.database import sqlite_path


def note_path(db_path):
    return str(db_path) + ".inuse"


def _alive(pid):
    """Whether a process with id ``pid`` runs on this computer.

    POSIX: ``os.kill(pid, 0)`` probes without sending anything.  Not on Windows, where signal
    0 is CTRL_C_EVENT: os.kill would send Ctrl+C to the process group ``pid`` (and a pid no
    longer in use reads as alive, so a crashed client would be named forever) — there the
    process is opened for a query and its exit code read (:func:`_alive_on_windows`)."""
    if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 2**32:
        return False
    if sys.platform == "win32":
        return _alive_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it runs, under another account
        return True
    return True


PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
STILL_ACTIVE = 259  # GetExitCodeProcess's code for a process that has not ended
ERROR_ACCESS_DENIED = 5


def _windows_api():
    """(kernel32 through ctypes with the three functions the probe calls declared, the
    reader of the last error of its calls)."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    kernel32.CloseHandle.restype = wintypes.BOOL
    return kernel32, ctypes.get_last_error


def _alive_on_windows(pid):
    """OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION) + GetExitCodeProcess == STILL_ACTIVE.

    No process with that id: OpenProcess fails (ERROR_INVALID_PARAMETER).  One of another
    account that may not be opened: ERROR_ACCESS_DENIED — it runs.  A process that has ended
    but whose object is still held open by someone: its exit code is no longer STILL_ACTIVE."""
    from ctypes import byref, wintypes

    kernel32, last_error = _windows_api()
    handle = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return last_error() == ERROR_ACCESS_DENIED
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, byref(code)):
            return True  # cannot tell: naming a holder who may be gone is the lesser harm
        return code.value == STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


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
