"""What the enterprise and carrier form windows share: the presenter's view interface, save
(Ctrl+S), cancel (Esc, asking about unsaved changes) and the record tabs that open once the
record exists.  A subclass builds its widgets (``form``, ``note``, ``message``,
``save_button``, ``notebook``, ``tabs``) and sets ``title_format`` and ``record_id``."""

import tkinter as tk
from tkinter import messagebox

from gjz_registry import RegistryError
from ui import texts as T


class RecordWindow(tk.Toplevel):
    title_format = "{name}"

    @property
    def record_id(self):
        raise NotImplementedError

    # --- view interface ----------------------------------------------------------------
    def set_values(self, values):
        self.form.set_values(values)

    def set_error(self, key, message):
        self.form.set_error(key, message)

    def set_editable(self, editable, street_fixed=False, note=None):
        """``note`` explains a read-only form (the generic sentence when not given)."""
        for key in self.form.widgets:
            self.form.set_readonly(key, not editable)
        if street_fixed:
            self.form.set_readonly("street", True)
        self.save_button.state(["!disabled"] if editable else ["disabled"])
        if note is None:
            note = "" if editable else T.READONLY_NOTE
        self.note.configure(text=note)

    def show_message(self, text):
        self.message.configure(text=text)

    def saved(self, record):
        self.message.configure(text="")
        self.title(self.title_format.format(name=record.name))
        self.refresh_tabs()
        if self.on_saved:
            self.on_saved(record)

    # --- actions -----------------------------------------------------------------------
    def save(self):
        self.message.configure(text="")
        return self.presenter.save(self.form.values())

    def cancel(self):
        if self.presenter.editable and self.presenter.dirty(self.form.values()):
            if not messagebox.askyesno(T.UNSAVED_TITLE, T.UNSAVED_TEXT, parent=self):
                return
        self.destroy()

    def refresh_tabs(self):
        exists = self.record_id is not None
        for index in range(1, len(self.notebook.tabs())):
            self.notebook.tab(index, state="normal" if exists else "disabled")
        if exists:
            for tab in self.tabs.values():
                try:
                    tab.refresh()
                except RegistryError as exc:
                    self.show_message(str(exc))
