"""A record window's yearly tab (a carrier's 年度运营, an enterprise's 年度数据): a year chooser,
the year's figures in labelled groups, and what the presenter shows beside them (a carrier's
reported counts against the registry's own; an enterprise's qualification flags).

The chooser takes a year typed (Enter or Tab) or picked from its list.  The groups scroll
when the screen is too short for them (the field with the keyboard focus scrolls into view).
Fields carried over from the year before have a tinted background until the year is saved.
The window's 保存 button and Ctrl+S save this tab while it is the one shown
(RecordWindow.save).  The logic is ui.presenters.yearly (no Tk).
"""

from tkinter import ttk

from ui import texts as T
from ui.events import announce_write
from ui.palette import ERROR, SUCCESS
from ui.widgets import sizing
from ui.widgets.form import FormGrid
from ui.widgets.scrolled import ScrolledFrame

CARRIED_STYLE = "Carried.TEntry"  # theme.apply: the tint of a carried-over field


class YearTab(ttk.Frame):
    """The tab; its presenter is made once the record exists (``refresh``)."""

    def __init__(self, window, title, presenter_class):
        super().__init__(window.notebook, padding=10)
        self.window = window
        self.presenter_class = presenter_class
        self.presenter = None
        window.notebook.add(self, text=title)
        top = ttk.Frame(self)
        top.pack(fill="x", pady=(0, 6))
        ttk.Label(top, text=T.YEAR_CHOOSER).pack(side="left", padx=(0, 6))
        self.year_box = ttk.Combobox(top, width=8)
        self.year_box.pack(side="left")
        for sequence in ("<<ComboboxSelected>>", "<Return>", "<KP_Enter>", "<FocusOut>"):
            self.year_box.bind(sequence, lambda e: self._choose(), add="+")
        self.note = ttk.Label(top, style="Muted.TLabel")
        self.note.pack(side="left", padx=(12, 0))
        self.scroller = ScrolledFrame(self, height=300)
        self.scroller.pack(fill="both", expand=True)
        body = self.scroller.inner
        self.forms = {}  # field code → the FormGrid holding it
        self.comparison = None
        self.flags = self.derived = None
        presenter = presenter_class  # the groups and fields are declared on the class
        for title, codes, columns in presenter.groups:
            group = ttk.LabelFrame(body, text=title, padding=(8, 2, 8, 6))
            group.pack(fill="x", pady=(0, 6))
            form = FormGrid(
                group,
                self._fields(codes),
                columns=columns,
                on_leave=self._leave,
            )
            if title == getattr(presenter, "comparison_group", None):
                form.grid(row=0, column=0, sticky="new")
                self.comparison = ttk.LabelFrame(group, text=T.GROUP_COMPARISON, padding=8)
                self.comparison.grid(row=0, column=1, sticky="ne", padx=(16, 0))
                group.columnconfigure(0, weight=1)
            else:
                form.pack(fill="x")
            for code in codes:
                self.forms[code] = form
                form.widgets[code].bind("<FocusIn>", self._into_view, add="+")
        if hasattr(presenter, "flags_text"):
            self.flags_group = ttk.LabelFrame(body, padding=(8, 2, 8, 6))
            self.flags_group.pack(fill="x", pady=(0, 6))
            self.flags = ttk.Label(self.flags_group, wraplength=860, justify="left")
            self.flags.pack(anchor="w")
            self.flags_group.bind("<Configure>", self._wrap_flags)
            self.derived = ttk.Label(body, style="Muted.TLabel")
            self.derived.pack(anchor="w")

    def _fit_height(self):
        """The groups' frame as high as its content, or as the screen leaves room for."""
        window = self.window
        window.update_idletasks()
        canvas = self.scroller.canvas
        around = window.winfo_reqheight() - canvas.winfo_reqheight()
        room = sizing.screen_room(window)[1] - around
        canvas.configure(height=max(200, min(self.scroller.inner.winfo_reqheight(), room)))

    def _into_view(self, event):
        """Scroll the field given the keyboard focus into view."""
        canvas, inner = self.scroller.canvas, self.scroller.inner
        total = inner.winfo_height()
        if total <= 1:
            return
        top = event.widget.winfo_rooty() - inner.winfo_rooty()
        bottom = top + event.widget.winfo_height()
        shown_top = canvas.yview()[0] * total
        if top < shown_top:
            canvas.yview_moveto(max(0, top - 30) / total)
        elif bottom > shown_top + canvas.winfo_height():
            canvas.yview_moveto((bottom + 40 - canvas.winfo_height()) / total)

    def _fields(self, codes):
        return self.presenter_class.fields(codes)

    # --- the tab's life --------------------------------------------------------------
    def refresh(self):
        """The record exists (or was saved): show its year, unless the user is typing one."""
        window = self.window
        if self.presenter is None or self.presenter.owner_id != window.record_id:
            self.presenter = self.presenter_class(
                window.registry, self, window.record_id, editable=window.presenter.editable
            )
            self.presenter.load()
            self._fit_height()
            return
        elif self.dirty():
            return
        self.presenter.load(self.presenter.year)

    def values(self):
        values = {}
        for code, form in self.forms.items():
            values[code] = form.get(code)
        return values

    def dirty(self):
        return self.presenter is not None and self.presenter.dirty(self.values())

    def save(self):
        if self.presenter is None:
            return None
        return self.presenter.save(self.values())

    def _choose(self):
        if self.presenter is not None:
            self.presenter.choose(self.year_box.get(), self.values())

    def _leave(self, key, raw):
        if self.presenter is not None:
            self.presenter.leave(key, raw)

    # --- view interface --------------------------------------------------------------
    def set_years(self, years, year):
        self.year_box.configure(values=[str(y) for y in years])
        self.year_box.set(str(year))

    def set_values(self, values):
        for code, value in values.items():
            self.forms[code].set(code, value)

    def set_carried(self, keys):
        for code, form in self.forms.items():
            widget = form.widgets[code]
            if isinstance(widget, ttk.Entry) and not isinstance(widget, ttk.Combobox):
                widget.configure(style=CARRIED_STYLE if code in keys else "TEntry")

    def set_error(self, key, message):
        self.forms[key].set_error(key, message)

    def error_text(self, key):
        return self.forms[key].error_text(key)

    def focus_field(self, key):
        self.forms[key].focus(key)

    def set_note(self, text):
        self.note.configure(text=text)

    def set_editable(self, editable):
        for code, form in self.forms.items():
            form.set_readonly(code, not editable)

    def show_message(self, text, error=True):
        self.window.show_message(text, error=error)

    def saved(self, record):
        for tab in self.window.tabs.values():
            if tab is not self:
                tab.refresh()  # the 操作记录 tab shows the save
        announce_write(self.window)

    def set_comparison(self, rows):
        for child in self.comparison.winfo_children():
            child.destroy()
        for column, heading in enumerate(T.COMPARISON_HEADINGS):
            ttk.Label(self.comparison, text=heading, style="Muted.TLabel").grid(
                row=0, column=column, sticky="e" if column in (1, 2) else "w", padx=(0, 10)
            )
        for row, (label, reported, computed, mark, differs) in enumerate(rows, start=1):
            cells = (label, reported, computed)
            for column, value in enumerate(cells):
                ttk.Label(self.comparison, text=value).grid(
                    row=row, column=column, sticky="e" if column else "w", padx=(0, 10), pady=1
                )
            flag = ttk.Label(self.comparison, text=mark, foreground=ERROR if differs else SUCCESS)
            flag.grid(row=row, column=3, sticky="w", pady=1)
        ttk.Label(self.comparison, text=T.COMPARISON_NOTE, style="Muted.TLabel").grid(
            row=len(rows) + 1, column=0, columnspan=4, sticky="w", pady=(6, 0)
        )

    def comparison_cells(self):
        """The comparison's texts, row by row (for tests)."""
        rows = {}
        for child in self.comparison.winfo_children():
            info = child.grid_info()
            rows.setdefault(int(info["row"]), {})[int(info["column"])] = child.cget("text")
        return [tuple(cells.get(c, "") for c in range(4)) for _, cells in sorted(rows.items())]

    def _wrap_flags(self, event):
        """The marks wrap at the group's width once it is laid out, never widen it."""
        if event.width > 300:
            self.flags.configure(wraplength=event.width - 20)

    def set_flags(self, heading, flags, derived):
        self.flags_group.configure(text=heading)
        self.flags.configure(text=flags)
        self.derived.configure(text=derived)
