"""Questions to the user with Chinese buttons that say what they do (保存、放弃修改、取消…).

Tk's own ``messagebox.askyesno`` shows 「Yes」/「No」 (or the system's words on Windows); the
client asks through :func:`ask` (two buttons, True for the first) and :func:`choose` (a third
button in the middle, e.g. 「保存」/「放弃修改」/「取消」 for unsaved changes).  The dialog is
modal and centred on its parent; Enter presses the focused button (the first one unless the
user tabbed away), Esc and the window's close box mean 「取消」.

Views call ``confirm.ask(...)`` through the module, so tests can replace it; the dialog itself
is :class:`ConfirmDialog`, which a test drives with ``after()`` while it waits.
"""

import tkinter as tk
from tkinter import ttk

from ui import texts as T
from ui.dialogs.base import prepare, show_modal
from ui.widgets.keys import tab_in_order

OK, EXTRA = "ok", "extra"  # ConfirmDialog.result; None when cancelled
ICONS = {"question": "::tk::icons::question", "warning": "::tk::icons::warning"}
WRAP = 420  # pixels: a long question wraps instead of widening the dialog past the screen


class ConfirmDialog(tk.Toplevel):
    """The question ``message`` with buttons ``ok`` (the default), ``extra`` (optional) and
    ``cancel``; ``result`` is OK, EXTRA or None."""

    def __init__(
        self,
        parent,
        title,
        message,
        ok=T.OK,
        cancel=T.CANCEL,
        extra=None,
        icon="question",
        _utest=False,
    ):
        super().__init__(parent)
        outer = prepare(self, parent, title)
        top = ttk.Frame(outer)
        top.pack(fill="both", expand=True)
        if icon in ICONS:
            ttk.Label(top, image=ICONS[icon]).pack(side="left", anchor="n", padx=(0, 14))
        self.message = ttk.Label(top, text=message, wraplength=WRAP, justify="left")
        self.message.pack(side="left", fill="both", expand=True)
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(16, 0))
        self.cancel_button = ttk.Button(bar, text=cancel, command=self.cancel)
        self.cancel_button.pack(side="right")
        self.extra_button = None
        if extra:
            self.extra_button = ttk.Button(bar, text=extra, command=lambda: self.finish(EXTRA))
            self.extra_button.pack(side="right", padx=(0, 8))
        self.ok_button = ttk.Button(
            bar, text=ok, style="Accent.TButton", command=lambda: self.finish(OK)
        )
        self.ok_button.pack(side="right", padx=(0, 8))
        self.buttons = [b for b in (self.ok_button, self.extra_button, self.cancel_button) if b]
        tab_in_order(self.buttons)  # left to right, as shown
        self.bind("<Return>", self._press)
        self.bind("<KP_Enter>", self._press)
        show_modal(self, parent, self.ok_button, _utest)

    def _press(self, event=None):
        """Enter: the focused button, else the default one."""
        focused = self.focus_get()
        (focused if focused in self.buttons else self.ok_button).invoke()

    def finish(self, result):
        self.result = result
        self.destroy()

    def cancel(self):
        self.finish(None)


def ask(parent, title, message, ok=T.OK, cancel=T.CANCEL, icon="question"):
    """True when the user pressed ``ok``; False for ``cancel``, Esc or closing the window."""
    dialog = ConfirmDialog(parent, title, message, ok=ok, cancel=cancel, icon=icon)
    return dialog.result == OK


def choose(parent, title, message, ok, extra, cancel=T.CANCEL, icon="question"):
    """OK, EXTRA or None (``cancel``, Esc, closing the window) — three buttons."""
    return ConfirmDialog(
        parent, title, message, ok=ok, cancel=cancel, extra=extra, icon=icon
    ).result
