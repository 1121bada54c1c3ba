"""Modal dialog base: centred on the parent, Enter = default button, Esc = cancel.

Enter presses the button that has the focus when the user tabbed to one (「取消」 cancels), and
in a several-line text it starts a new line; anywhere else it is the default button.

Like IDLE's query dialogs, validation lives in a plain method (:meth:`Dialog.validate`) that
returns the cleaned result or None after writing the reason into an inline red label, and a
``_utest`` switch skips ``wait_window`` so tests can fill entries and ``invoke()`` buttons.
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from ui import texts as T
from ui.widgets.keys import tab_in_order


class Dialog(tk.Toplevel):
    """Subclasses build their fields in :meth:`body` and check them in :meth:`validate`."""

    ok_text = T.OK
    cancel_text = T.CANCEL

    def __init__(self, parent, title, _utest=False):
        super().__init__(parent)
        outer = prepare(self, parent, title)
        self.first_field = self.body(outer)
        self.error_label = ttk.Label(outer, style="Error.TLabel", wraplength=380)
        self.error_label.pack(fill="x", pady=(8, 0))
        buttons = ttk.Frame(outer)
        buttons.pack(fill="x", pady=(14, 0))
        self.cancel_button = ttk.Button(buttons, text=self.cancel_text, command=self.cancel)
        self.cancel_button.pack(side="right")
        self.ok_button = ttk.Button(
            buttons, text=self.ok_text, style="Accent.TButton", command=self.ok
        )
        self.ok_button.pack(side="right", padx=(0, 8))
        tab_in_order([self.ok_button, self.cancel_button])  # as they are shown
        self.bind("<Return>", self._enter)
        self.bind("<KP_Enter>", self._enter)
        show_modal(self, parent, self.first_field, _utest)

    def _enter(self, event=None):
        return enter_key(self, self.ok)

    def body(self, frame):
        """Build the fields; return the widget to focus first."""
        return None

    def validate(self):
        """Return the result, or None after calling :meth:`show_error`."""
        return True

    def _row(self, frame, row, label, widget, sticky="e"):
        """A label–widget pair on ``row`` of a two-column grid; returns the widget."""
        ttk.Label(frame, text=label).grid(row=row, column=0, sticky=sticky, padx=(0, 10), pady=4)
        widget.grid(row=row, column=1, sticky="we", pady=4)
        return widget

    def _call(self, action, done=None):
        """``action()``'s result (or ``done`` when given); None after showing a refusal
        (RegistryError) inline, so the dialog stays open."""
        try:
            result = action()
        except RegistryError as exc:
            self.show_error(str(exc))
            return None
        return result if done is None else done

    def show_error(self, text):
        self.error_label.configure(text=text)

    def ok(self):
        self.show_error("")
        result = self.validate()
        if result is None:
            return
        self.result = result
        self.destroy()

    def cancel(self):
        self.result = None
        self.destroy()


def enter_key(window, default):
    """Enter in ``window``: the button that has the focus, a new line in a several-line text,
    else ``default()``; for a ``<Return>`` binding."""
    focused = window.focus_get()
    if isinstance(focused, tk.Text):
        return None
    if isinstance(focused, ttk.Button):
        focused.invoke()
    else:
        default()
    return "break"


def prepare(window, parent, title):
    """Set up a new modal ``window`` (hidden until :func:`show_modal`, fixed size, ``result``
    None, kept above a shown ``parent``); returns the padded frame to build it in."""
    window.withdraw()
    window.title(title)
    window.resizable(False, False)
    window.result = None
    if parent is not None and parent.winfo_viewable():
        window.transient(parent)
    outer = ttk.Frame(window, padding=18)
    outer.pack(fill="both", expand=True)
    return outer


def show_modal(window, parent, first=None, _utest=False):
    """Esc and the close box call ``window.cancel()``; centre it on ``parent``, show it, focus
    ``first`` and (unless ``_utest``) wait, with the input grabbed, until it is closed."""
    window.bind("<Escape>", lambda e: window.cancel())
    window.protocol("WM_DELETE_WINDOW", window.cancel)
    centre(window, parent)
    window.deiconify()
    if first is not None:
        first.focus_set()
    if not _utest:
        window.grab_set()
        window.wait_window()


def centre(window, parent):
    """Place ``window`` (not yet shown) in the middle of ``parent``'s window, a third of the
    way down (in the middle of the screen when that window is hidden)."""
    window.update_idletasks()
    width, height = window.winfo_reqwidth(), window.winfo_reqheight()
    top = parent.winfo_toplevel() if parent is not None else None
    if top is not None and top.winfo_viewable():
        x = top.winfo_rootx() + (top.winfo_width() - width) // 2
        y = top.winfo_rooty() + (top.winfo_height() - height) // 3
    else:
        x = (window.winfo_screenwidth() - width) // 2
        y = (window.winfo_screenheight() - height) // 3
    window.geometry(f"+{max(0, x)}+{max(0, y)}")
