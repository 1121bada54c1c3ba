"""One handler for every error that reaches the Tk loop.

RegistryError → its Chinese message in a dialog titled 提示; anything else → logged with its
traceback and the user sees 「内部错误，详情见日志」 with the log's path (Thonny's pattern).
"""

import logging
from tkinter import messagebox

from gjz_registry import logs
from gjz_registry.dberrors import classify
from ui import texts as T

log = logging.getLogger(__name__)


DATABASE = {}  # the open database file, for 「可能正被…使用」 messages


def message_for(exc):
    """The text the user sees for ``exc`` (logging it when it is not a RegistryError)."""
    friendly = classify(exc, DATABASE.get("path"))
    if friendly is not None:
        return str(friendly)
    path = logs.setup()
    log.error("unhandled error in the client", exc_info=(type(exc), exc, exc.__traceback__))
    return T.INTERNAL_ERROR.format(log=path)


def show(exc, parent=None):
    text = message_for(exc)
    if classify(exc) is not None:
        messagebox.showwarning(T.ERROR_TITLE, text, parent=parent)
    else:
        messagebox.showerror(T.ERROR_TITLE, text, parent=parent)
    return text


def install(root):
    """Route Tk callback exceptions to :func:`show`."""

    def report(exc_type, exc, tb):
        show(exc, parent=root)

    root.report_callback_exception = report
