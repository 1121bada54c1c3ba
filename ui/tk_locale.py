"""Tk's own dialogs in Chinese: the file dialog and message boxes Tk draws itself.

On Windows and macOS ``filedialog`` and ``messagebox`` show the system's native dialogs,
already in the system's language.  On Linux (X11) Tk draws them itself (``tk_getOpenFile`` is
``::tk::dialog::file::``) and asks ``::msgcat`` for every caption — 「Directory:」,
「File name:」, 「Files of type:」, 「Open」, 「Save」, 「Cancel」 — in the locale Tk picked
from the environment, English on most office PCs.  :func:`install` switches Tk's message
catalogue to ``zh_cn`` and adds the program's own translations (``texts.TK_DIALOG_TEXTS``,
which also replace the few stiff ones Tk ships), so those dialogs speak Chinese whatever the
system's language; the native dialogs are left as they are.
"""

import tkinter

from ui import texts as T

LOCALE = "zh_cn"


def install(root):
    """Make Tk's own dialogs in ``root``'s interpreter Chinese; False when Tk has no
    ``::msgcat`` (a stripped-down Tcl: the dialogs then stay as Tk made them)."""
    try:
        root.tk.call("::msgcat::mclocale", LOCALE)
    except tkinter.TclError:
        return False
    # The catalogue is per namespace: Tk's dialogs look their texts up from ::tk downwards.
    for english, chinese in T.TK_DIALOG_TEXTS.items():
        root.tk.call("namespace", "eval", "::tk", ("::msgcat::mcset", LOCALE, english, chinese))
    return True


def translate(root, english):
    """What Tk's dialogs show for ``english`` now (for tests and checks)."""
    return root.tk.call("namespace", "eval", "::tk", ("::msgcat::mc", english))
