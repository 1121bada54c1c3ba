"""Renaming and removing files that another program may hold open (Windows).

Windows refuses to rename over, or to delete, a file that another process has open without
sharing delete access — a virus scanner that opens each new file for a moment, Excel or WPS
showing the file, a second client with the database or the log open — and ``os.replace`` /
``os.remove`` raise PermissionError (WinError 32 or 5) where POSIX would have succeeded.  A
scanner lets go within a moment, Excel does not.  So the program renames its own files with
:func:`replace` and removes them with :func:`remove` / :func:`remove_quietly`: a
PermissionError is tried again after short pauses (:data:`RETRY_DELAYS`, about 1.5 s in all),
and a file that stays held raises :class:`FileLockedError`, whose text says in Chinese which
file it is.  Where a failure is not fatal — a leftover temporary file, an old automatic backup
— :func:`remove_quietly` logs it and the work goes on.

Imports nothing of the program, so every layer above db/ may use it (db/ itself never removes
a file that matters: rotation asks it which backups to delete and deletes them here).
"""

import hashlib
import logging
import os
import time

# Pauses between the tries of a refused rename or removal: six tries over 1.55 s.
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8)
LOCKED = "文件「{path}」被其他程序占用（可能是杀毒软件或 Excel），请关闭后重试"
SLEEP = time.sleep  # the pause between tries; looked up at each pause (tests replace it)

log = logging.getLogger(__name__)


class FileLockedError(PermissionError):
    """A file stayed held by another program through every try; ``str()`` is the Chinese
    message (:data:`LOCKED`), ``path`` the file, ``__cause__`` the last PermissionError."""

    def __init__(self, path, cause):
        super().__init__(cause.errno, LOCKED.format(path=os.fspath(path)), os.fspath(path))
        self.path = os.fspath(path)

    def __str__(self):
        return self.strerror


def retry(operation, *args, sleep=None):
    """``operation(*args)``, tried again after each pause of :data:`RETRY_DELAYS` while it
    raises PermissionError; returns its result.  The last try's PermissionError propagates;
    any other error at once.  ``sleep`` (default :data:`SLEEP`) makes the pauses."""
    for delay in RETRY_DELAYS:
        try:
            return operation(*args)
        except PermissionError:
            (sleep or SLEEP)(delay)
    return operation(*args)


def replace(source, target, sleep=None):
    """``os.replace(source, target)``, tried again while it is refused (see the module
    docstring).  FileLockedError naming ``target`` when it stays refused; other OSErrors as
    ``os.replace`` raises them."""
    try:
        return retry(os.replace, source, target, sleep=sleep)
    except FileLockedError:
        raise
    except PermissionError as exc:
        raise FileLockedError(target, exc) from exc


def remove(path, sleep=None):
    """Remove the file ``path``, tried again while it is refused; nothing when it does not
    exist.  FileLockedError when it stays refused."""
    try:
        retry(os.remove, path, sleep=sleep)
    except FileNotFoundError:
        pass
    except PermissionError as exc:
        raise FileLockedError(path, exc) from exc


def remove_quietly(path, sleep=None):
    """:func:`remove` for a file whose removal is not essential (a temporary file, an old
    automatic backup): any OSError is logged as a warning.  Returns whether ``path`` is gone."""
    try:
        remove(path, sleep=sleep)
    except OSError as exc:
        log.warning("could not remove %s (left in place): %s", path, exc.__cause__ or exc)
        return False
    return True


def sha256_of(path):
    """The SHA-256 of a file's bytes (hex), read in 1 MiB blocks: an import batch's digest."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
