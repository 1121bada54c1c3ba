"""What the enterprise and carrier form windows share: the window itself (the 基本信息 tab with
its form, the message line, 保存 and 取消), the presenter's view interface, save (Ctrl+S),
cancel (Esc, asking about unsaved changes) and the record tabs that open once the record
exists.  A subclass names its presenter, titles and sizes, and adds its tabs in
``build_tabs()``, mostly as :class:`TableTab` subclasses."""

import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from ui import texts as T
from ui.dialogs import confirm
from ui.events import announce_write
from ui.widgets import sizing
from ui.widgets.form import FormGrid
from ui.widgets.keys import bind_shortcut, tab_in_order
from ui.widgets.table import Table
from ui.windows import close_windows


class RecordWindow(tk.Toplevel):
    """The form in its own window; ``on_saved(record)`` lets the list refresh."""

    presenter_class = None  # a RecordFormPresenter subclass
    title_format = "{name}"  # the title of a saved record
    new_title = ""  # the title of a record not saved yet
    size = (900, 660)  # at 100 %: ui.widgets.sizing scales it and fits it to the content
    min_size = (800, 560)
    message_wrap = 820

    def __init__(self, parent, registry, record_id=None, on_saved=None, _utest=False):
        super().__init__(parent)
        self.registry = registry
        self.on_saved = on_saved
        self.presenter = self.presenter_class(registry, self, record_id)
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        buttons = ttk.Frame(outer)
        buttons.pack(side="bottom", fill="x", pady=(8, 0))
        self.cancel_button = ttk.Button(buttons, text=T.CANCEL, command=self.cancel)
        self.cancel_button.pack(side="right")
        self.save_button = ttk.Button(
            buttons, text=T.SAVE + "（Ctrl+S）", style="Accent.TButton", command=self.save
        )
        self.save_button.pack(side="right", padx=(0, 8))
        tab_in_order([self.save_button, self.cancel_button])  # as they are shown
        self.message = ttk.Label(outer, style="Error.TLabel", wraplength=self.message_wrap)
        self.message.pack(side="bottom", fill="x", pady=(6, 0))
        self.notebook = ttk.Notebook(outer)
        self.notebook.pack(fill="both", expand=True)
        self.notebook.enable_traversal()  # Ctrl+Tab / Ctrl+Shift+Tab: the next / previous tab
        buttons.lift()  # Tab reaches 保存 and 取消 after the fields
        basic = ttk.Frame(self.notebook, padding=10)
        self.notebook.add(basic, text=T.TAB_BASIC)
        self.form = FormGrid(
            basic, self.presenter.fields(), on_leave=self.presenter.leave, on_change=self._edited
        )
        self.form.pack(fill="x")
        self.note = ttk.Label(basic, style="Muted.TLabel")
        self.note.pack(anchor="w", pady=(10, 0))
        self.tabs = {}
        self.build_tabs()
        bind_shortcut(self, "s", self.save)
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        try:
            record = self.presenter.load()
        except Exception:  # e.g. not visible to this user: no half-built window stays behind
            self.destroy()
            raise
        self.title(self.title_format.format(name=record.name) if record else self.new_title)
        self.refresh_tabs()
        sizing.fit(self, self.size, self.min_size)
        self.form.focus_first()
        if not _utest:
            self.transient(parent)

    def build_tabs(self):
        """Add the record's tabs after 基本信息 and put them in ``self.tabs`` by key."""

    @property
    def record_id(self):
        return self.presenter.record_id

    # --- view interface ----------------------------------------------------------------
    def set_values(self, values):
        self.form.set_values(values)

    def set_error(self, key, message):
        self.form.set_error(key, message)

    def focus_field(self, key):
        self.form.focus(key)

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

    def show_message(self, text, error=True):
        self.message.configure(text=text, style="Error.TLabel" if error else "Success.TLabel")

    def saved(self, record):
        self.show_message(T.SAVED, error=False)
        self.title(self.title_format.format(name=record.name))
        self.refresh_tabs()
        if self.on_saved:
            self.on_saved(record)
        announce_write(self)  # the main window's view (首页) catches up

    # --- actions -----------------------------------------------------------------------
    def save(self):
        """Save the tab shown: a tab with a form of its own (a yearly tab) saves that form,
        any other the record's 基本信息."""
        self.show_message("")
        shown = self.nametowidget(self.notebook.select())
        if shown in self.tabs.values() and hasattr(shown, "save"):
            return shown.save()
        return self.presenter.save(self.form.values())

    def _edited(self, key):
        """Typing after a save: 「已保存」 no longer describes the form."""
        if str(self.message.cget("style")) == "Success.TLabel":
            self.show_message("")

    def cancel(self):
        """Close; with unsaved changes first ask 「保存」/「放弃修改」/「取消」 (保存 closes only
        when the record was saved)."""
        if not close_windows(self):  # the forms opened from this one (their changes) first
            return
        basic = self.presenter.editable and self.presenter.dirty(self.form.values())
        tabs = [tab for tab in self.tabs.values() if tab.dirty()]
        if basic or tabs:
            answer = confirm.choose(self, T.UNSAVED_TITLE, T.UNSAVED_TEXT, T.SAVE, T.DISCARD)
            if answer is None:
                return
            if answer == confirm.OK:
                saves = [lambda: self.presenter.save(self.form.values())] if basic else []
                if any(save() is None for save in saves + [tab.save for tab in tabs]):
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


class TableTab(ttk.Frame):
    """A record tab: a table fed by ``rows()``, refilled by ``refresh()``.  A subclass puts a
    note or buttons above the table with ``pack(before=self.table)``."""

    def __init__(self, window, title, columns, rows, on_open=None):
        super().__init__(window.notebook, padding=10)
        self.window = window
        self.rows = rows
        self.table = Table(self, columns, on_open=on_open, height=12)
        self.table.pack(fill="both", expand=True)
        window.notebook.add(self, text=title)

    def refresh(self):
        self.table.set_rows(self.rows())

    def dirty(self):
        """A table has nothing to save (a tab with a form says whether it has)."""
        return False
