"""Modal dialog base: centred on the parent, Enter = default button, Esc = cancel.

Like IDLE's query dialogs, validation lives in a plain method (:meth:`Dialog.validate`) that
returns the cleaned result or None after writing the reason into an inline red label, and a
``_utest`` switch skips ``wait_window`` so tests can fill entries and ``invoke()`` buttons.
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from ui import texts as T


class Dialog(tk.Toplevel):
    """Subclasses build their fields in :meth:`body` and check them in :meth:`validate`."""

    ok_text = T.OK
    cancel_text = T.CANCEL

    def __init__(self, parent, title, _utest=False):
        super().__init__(parent)
        self.withdraw()
        self.title(title)
        self.resizable(False, False)
        self.result = None
        if parent is not None and parent.winfo_viewable():
            self.transient(parent)
        outer = ttk.Frame(self, padding=18)
        outer.pack(fill="both", expand=True)
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
        self.bind("<Return>", lambda e: self.ok())
        self.bind("<KP_Enter>", lambda e: self.ok())
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        self._centre(parent)
        self.deiconify()
        if self.first_field is not None:
            self.first_field.focus_set()
        if not _utest:
            self.grab_set()
            self.wait_window()

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

    def _centre(self, parent):
        self.update_idletasks()
        width, height = self.winfo_reqwidth(), self.winfo_reqheight()
        if parent is not None and parent.winfo_viewable():
            x = parent.winfo_rootx() + (parent.winfo_width() - width) // 2
            y = parent.winfo_rooty() + (parent.winfo_height() - height) // 3
        else:
            x = (self.winfo_screenwidth() - width) // 2
            y = (self.winfo_screenheight() - height) // 3
        self.geometry(f"+{max(0, x)}+{max(0, y)}")
