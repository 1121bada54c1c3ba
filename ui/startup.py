"""The client's start when nobody sees a console: an error before the main window is shown.

``gjz-client`` runs under pythonw (and the one-folder build without a console): there is no
console, ``sys.stdout`` and ``sys.stderr`` are None, and whatever the command line would have
printed — a damaged or newer database, a data folder that cannot be made, a missing or broken
Tk, an error nobody foresaw — vanished; the client just did not start.  :func:`run` runs the
client with the command line's stderr caught, and when it ends in an error (exit code 2, or an
exception that escaped) shows that text in a message box (:func:`show_error`):
``tkinter.messagebox`` when Tk works; on Windows ``MessageBoxW`` through ctypes when Tk itself
is missing or broken; elsewhere the real stderr.

The log names the cause: the command line logs an unforeseen error with its traceback (and
:func:`run` does for one that escapes it); the user's errors (a RegistryError's one line) are
logged here.  Errors the client shows itself (ui.app: the database cannot be opened) are logged
there and not shown twice.

Imports no tkinter until a box is shown: it must work where Tk is missing.
"""

import contextlib
import io
import logging
import sys

from gjz_registry import logs
from ui import texts as T

log = logging.getLogger(__name__)

MB_OK, MB_ICONERROR = 0x0, 0x10


def run(main, argv):
    """``main(argv)`` (the command line with the ``gui`` command) with its stderr caught;
    an error it ends in is logged and shown (see the module docstring).  Returns the exit
    code."""
    caught = io.StringIO()
    try:
        with contextlib.redirect_stderr(caught):
            code = main(argv)
        text = caught.getvalue().strip()
    except BaseException as exc:  # pythonw: nobody would ever see it otherwise
        code, text = 2, _unforeseen(exc)
    else:
        if code not in (0, None) and text:
            _log_cause(text)
    if code not in (0, None) and text:
        show_error(text)
    return code


def _unforeseen(exc):
    """Log ``exc`` with its traceback; the text the user sees."""
    try:
        path = logs.setup()
        log.error("the client could not start", exc_info=(type(exc), exc, exc.__traceback__))
    except Exception:  # no log at all: the box still says what happened
        return T.STARTUP_FAILED.format(reason=f"{type(exc).__name__}: {exc}")
    return T.INTERNAL_ERROR.format(log=path)


def _log_cause(text):
    with contextlib.suppress(Exception):  # a log that cannot be written must not hide the box
        logs.setup()
        log.error("the client could not start: %s", text)


def show_error(message, title=None):
    """Show ``message`` in an error box; return how: "tk", "windows" or "stderr"."""
    title = title or T.STARTUP_TITLE
    try:
        _tk_box(title, message)
        return "tk"
    except Exception as exc:  # ImportError (no Tk), TclError (broken, no display)
        log.info("no Tk for the message box: %s", exc)
    if sys.platform == "win32":
        _user32().MessageBoxW(None, message, title, MB_OK | MB_ICONERROR)
        return "windows"
    stream = sys.stderr or sys.__stderr__
    if stream is not None:
        print(message, file=stream)
    return "stderr"


def _tk_box(title, message):
    import tkinter
    from tkinter import messagebox

    root = tkinter.Tk()
    try:
        root.withdraw()
        messagebox.showerror(title, message, parent=root)
    finally:
        root.destroy()


def _user32():
    """user32 through ctypes, with MessageBoxW declared."""
    import ctypes
    from ctypes import wintypes

    user32 = ctypes.WinDLL("user32")
    user32.MessageBoxW.argtypes = (wintypes.HWND, wintypes.LPCWSTR, wintypes.LPCWSTR, wintypes.UINT)
    user32.MessageBoxW.restype = ctypes.c_int
    return user32
