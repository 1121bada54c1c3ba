"""Logging to a rotating file in the data directory (tracebacks go there, never on screen)."""

import contextlib
import logging
import logging.handlers
import os
import tempfile
import time

from gjz_registry import paths

MAX_BYTES = 2_000_000
BACKUP_COUNT = 3
FALLBACK_NAME = "gjz-registry.log"  # in the temporary folder when the data folder fails
_configured = False
_path = None


class RotatingLog(logging.handlers.RotatingFileHandler):
    """The log file, rotated at ``maxBytes`` into ``.1`` … ``.N`` — and written on when it
    cannot be rotated.

    On Windows a file another process has open cannot be renamed, and a second client or a
    command line writing the same log holds it open.  The standard handler then loses the
    record that asked for the rotation (``handleError``) and, trying again at every record,
    pushes the older files out one by one.  Here the current file is first moved aside; when
    that fails nothing else is touched, the record goes into the current file with a line
    saying why it grows on, and the next rotation is tried :data:`RETRY_SECONDS` later."""

    RETRY_SECONDS = 60

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._next_try = 0.0

    def shouldRollover(self, record):  # noqa: N802 — logging's name
        if time.monotonic() < self._next_try:
            return False
        return super().shouldRollover(record)

    def doRollover(self):  # noqa: N802 — logging's name
        if self.stream:
            self.stream.close()
            self.stream = None
        base = self.baseFilename
        aside = base + ".rotating"
        try:
            os.replace(base, aside)
        except FileNotFoundError:
            aside = None
        except OSError as exc:
            self._next_try = time.monotonic() + self.RETRY_SECONDS
            self.stream = self._open()
            note = logging.makeLogRecord(
                dict(
                    name=__name__,
                    levelno=logging.WARNING,
                    levelname="WARNING",
                    msg="log not rotated (%s); writing on in this file",
                    args=(exc,),
                )
            )
            logging.FileHandler.emit(self, note)
            return
        for number in range(self.backupCount - 1, 0, -1):
            older = f"{base}.{number}"
            if os.path.exists(older):
                with contextlib.suppress(OSError):  # held: the next rotation replaces it
                    os.replace(older, f"{base}.{number + 1}")
        if aside is not None:
            with contextlib.suppress(OSError):
                os.replace(aside, f"{base}.1")
        self.stream = self._open()


def setup(level=logging.INFO):
    """Configure the root logger once; return the log file's path.

    When the data folder's log cannot be written (the folder cannot be made, no permission)
    the log goes to the system's temporary folder, and its first line there says why: the
    reason the program cannot start must still be written down somewhere."""
    global _configured, _path
    if _configured:
        _log_notes()
        return _path
    problem = None
    try:
        path = paths.log_file()
        handler = _handler(path)
    except OSError as exc:
        problem = exc
        path = os.path.join(tempfile.gettempdir(), FALLBACK_NAME)
        handler = _handler(path)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured, _path = True, path
    if problem is not None:
        logging.getLogger(__name__).warning(
            "the log cannot be written in the data folder (%s); writing it here", problem
        )
    _log_notes()
    return path


def files():
    """The log file this program writes (or would write, before :func:`setup`) and its
    rotated copies ``.1`` … ``.N``: files no output may overwrite (gjz_registry.outputs)."""
    paths_ = {_path or paths.log_file(), paths.log_file()}
    return [
        p + suffix
        for p in sorted(paths_)
        for suffix in ["", *(f".{n}" for n in range(1, BACKUP_COUNT + 1))]
    ]


def _handler(path):
    handler = RotatingLog(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


def log_exception(message="unhandled error"):
    """Log the current exception with its traceback; return the log file path."""
    path = setup()
    logging.getLogger("gjz_registry").exception(message)
    return path


def _log_notes():
    """Write what paths noted before the log existed (e.g. the data folder moved out of the
    roaming profile)."""
    for note in paths.take_notes():
        logging.getLogger("gjz_registry.paths").warning(note)
