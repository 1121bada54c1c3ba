"""Qualifications: the valid ones of a kind, and those about to expire, with days left.

Two tabs: 有效资质 (qualifications.current(kind, street)) and 即将到期
(qualifications.expiring(N days, kind), N one of 30/60/90/180).  District users may filter by
street; a street user's lists are their street's already (the service scopes them).  Rows
are keyed by qualification id and open the enterprise form.  The presenter has no Tk.
导出Excel writes the 有效资质 list's standard export; 打印名单 prints the tab on screen
(the standard 高企/科小 list when it is one of those).
"""

import datetime
import tkinter as tk
from tkinter import ttk

from gjz_registry import reference as ref
from ui import list_output
from ui import texts as T
from ui.output import OutputRunner
from ui.views.local_rows import LocalRows, text
from ui.widgets.listpanel import ListPanel

DEBOUNCE_MS = 200
DEFAULT_DAYS = 90
LISTS = {
    "valid": (T.QUAL_TAB_VALID, T.QUAL_VALID_COLUMNS),
    "expiring": (T.QUAL_TAB_EXPIRING, T.QUAL_EXPIRING_COLUMNS),
}


class QualificationsPresenter:
    """State of both lists for a view with show_list(key, rows, total, page, pages,
    sort_key, sort_desc) and open_record(enterprise_id)."""

    def __init__(self, registry, view, page_size=100, today=None):
        self.registry = registry
        self.view = view
        self.today = today
        self.kind = ref.QUAL_HIGH_TECH
        self.expiring_kind = None  # None: every kind
        self.street = None
        self.days = DEFAULT_DAYS
        self.enterprise_of = {}
        self.lists = {
            key: LocalRows([c[0] for c in columns], page_size)
            for key, (_, columns) in LISTS.items()
        }

    @property
    def street_filter(self):
        """District users may choose a street; street users see theirs only."""
        return not self.registry.actor.scoped

    def choices(self):
        return {
            "kind": list(ref.QUALIFICATION_KINDS),
            "street": self.registry.reference.streets() if self.street_filter else [],
            "days": [T.QUAL_WITHIN_CHOICE.format(days=d) for d in T.QUAL_WITHIN_DAYS],
        }

    def load(self):
        self.load_valid()
        self.load_expiring()

    def load_valid(self):
        as_of = self.today or datetime.date.today()
        records = self.registry.qualifications.current(self.kind, as_of, street=self.street)
        rows = []
        for q in records:
            self.enterprise_of[q.id] = q.enterprise_id
            values = (
                q.enterprise_name,
                q.credit_code or "",
                q.street or "",
                q.number or "",
                text(q.granted_on),
                text(q.expires_on),
                q.status(as_of),
            )
            rows.append((q.id, values))
        self.lists["valid"].replace(rows)
        self.show("valid")

    def load_expiring(self):
        as_of = self.today or datetime.date.today()
        records = self.registry.qualifications.expiring(self.days, as_of, kind=self.expiring_kind)
        rows = []
        for q in records:
            if self.street and q.street != self.street:
                continue
            self.enterprise_of[q.id] = q.enterprise_id
            values = (
                q.enterprise_name,
                q.credit_code or "",
                q.street or "",
                q.kind,
                q.number or "",
                text(q.expires_on),
                (q.expires_on - as_of).days,
            )
            rows.append((q.id, values))
        self.lists["expiring"].replace(rows)
        self.show("expiring")

    def show(self, key):
        self.view.show_list(key, *self.lists[key].current())

    def total(self, key):
        return self.lists[key].total

    def set_kind(self, kind):
        self.kind = kind
        self.lists["valid"].page = 0
        self.load_valid()

    def set_expiring_kind(self, kind):
        self.expiring_kind = None if kind in (None, "", T.FILTER_ALL) else kind
        self.lists["expiring"].page = 0
        self.load_expiring()

    def set_days(self, days):
        """``days`` is a number or one of the choices shown (「90 天内」)."""
        if isinstance(days, str):
            days = int("".join(ch for ch in days if ch.isdigit()))
        self.days = days
        self.lists["expiring"].page = 0
        self.load_expiring()

    def set_street(self, street):
        self.street = None if street in (None, "", T.FILTER_ALL) else street
        for rows in self.lists.values():
            rows.page = 0
        self.load()

    def set_text(self, value):
        for key, rows in self.lists.items():
            if rows.set_text(value):
                self.show(key)

    def sort_by(self, key, column):
        self.lists[key].sort_by(column)
        self.show(key)

    def go_to_page(self, key, index):
        self.lists[key].go_to(index)
        self.show(key)

    def open(self, qualification_id):
        enterprise_id = self.enterprise_of.get(qualification_id)
        if enterprise_id is None:
            return None
        return self.view.open_record(enterprise_id)

    # --- output ----------------------------------------------------------------------------
    def export_output(self):
        """导出Excel of the 有效资质 tab: its kind's list, of the chosen street."""
        return list_output.qualification_export(self.registry, self.kind, self.street)

    def print_output(self, key):
        """打印名单 of tab ``key`` as it is on screen."""
        rows = self.lists[key]
        headers = [heading for _, heading, _ in LISTS[key][1]]
        if key == "valid":
            title = T.QUAL_VALID_REPORT.format(kind=self.kind)
            kind = self.kind
        else:
            kind = self.expiring_kind or T.QUAL_ANY_KIND
            title = T.QUAL_EXPIRING_REPORT.format(kind=kind, days=self.days)
            kind = None  # never one of the standard lists
        return list_output.qualification_print(
            self.registry, kind, self.street, rows.text, rows.matching(), headers, title
        )


class QualificationsView(ttk.Frame):
    """Street filter and name filter on top, then a notebook: 有效资质 and 即将到期."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.on_open_record = on_open or self._open_form
        self.on_count = on_count
        self.presenter = QualificationsPresenter(registry, self)
        self.output = OutputRunner(self)
        self._pending = None
        choices = self.presenter.choices()
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        ttk.Button(bar, text=T.OPEN, command=self.open_selected).pack(side="left", padx=(0, 6))
        self.excel_button = ttk.Button(bar, text=T.EXPORT_EXCEL, command=self.export_excel)
        self.excel_button.pack(side="left", padx=(10, 6))
        self.print_button = ttk.Button(bar, text=T.PRINT_LIST, command=self.print_list)
        self.print_button.pack(side="left", padx=(0, 16))
        ttk.Label(bar, text=T.SEARCH_LABEL).pack(side="left")
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=26)
        self.search.pack(side="left", padx=(6, 4))
        ttk.Label(bar, text=T.QUAL_SEARCH_HINT, style="Muted.TLabel").pack(
            side="left", padx=(0, 16)
        )
        self.search_var.trace_add("write", lambda *a: self._schedule())
        self.search.bind("<Return>", lambda e: self.search_now())
        self.search.bind("<Down>", lambda e: self.current_panel().focus_first())
        self.street_box = None
        if self.presenter.street_filter:
            ttk.Label(bar, text=T.FILTER_STREET).pack(side="left", padx=(0, 4))
            self.street_box = self._combo(bar, [T.FILTER_ALL] + choices["street"], 16)
            self.street_box.bind(
                "<<ComboboxSelected>>", lambda e: self.presenter.set_street(self.street_box.get())
            )
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True)
        self.notebook.enable_traversal()  # Ctrl+Tab / Ctrl+Shift+Tab switch the lists
        self.panels = {}
        menu = [(T.OPEN, self.open_selected)]
        for key, (title, columns) in LISTS.items():
            page = ttk.Frame(self.notebook, padding=(0, 8, 0, 0))
            filters = ttk.Frame(page)
            filters.pack(fill="x", pady=(0, 8))
            panel = ListPanel(
                page,
                columns,
                on_open=self.presenter.open,
                on_sort=lambda column, k=key: self.presenter.sort_by(k, column),
                on_page=lambda index, k=key: self.presenter.go_to_page(k, index),
                menu_items=menu,
            )
            panel.pack(fill="both", expand=True)
            panel.filters = filters
            self.notebook.add(page, text=title)
            self.panels[key] = panel
        valid_bar = self.panels["valid"].filters
        ttk.Label(valid_bar, text=T.QUAL_KIND_LABEL).pack(side="left", padx=(0, 4))
        self.kind_box = self._combo(valid_bar, choices["kind"], 16)
        self.kind_box.set(self.presenter.kind)
        self.kind_box.bind(
            "<<ComboboxSelected>>", lambda e: self.presenter.set_kind(self.kind_box.get())
        )
        soon_bar = self.panels["expiring"].filters
        ttk.Label(soon_bar, text=T.QUAL_KIND_LABEL).pack(side="left", padx=(0, 4))
        self.expiring_kind_box = self._combo(soon_bar, [T.FILTER_ALL] + choices["kind"], 16)
        self.expiring_kind_box.bind(
            "<<ComboboxSelected>>",
            lambda e: self.presenter.set_expiring_kind(self.expiring_kind_box.get()),
        )
        ttk.Label(soon_bar, text=T.QUAL_WITHIN_LABEL).pack(side="left", padx=(0, 4))
        self.days_box = self._combo(soon_bar, choices["days"], 10)
        self.days_box.set(T.QUAL_WITHIN_CHOICE.format(days=DEFAULT_DAYS))
        self.days_box.bind(
            "<<ComboboxSelected>>", lambda e: self.presenter.set_days(self.days_box.get())
        )
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._tab_changed())
        self.presenter.load()

    def _combo(self, parent, values, width):
        box = ttk.Combobox(parent, values=values, state="readonly", width=width)
        box.set(values[0])
        box.pack(side="left", padx=(0, 12))
        return box

    # --- presenter's view interface ---------------------------------------------------
    def show_list(self, key, rows, total, page, pages, sort_key, sort_desc):
        panel = self.panels[key]
        panel.show(rows, total, page, pages, sort_key, sort_desc)
        title = T.TAB_COUNT.format(label=LISTS[key][0], count=total)
        self.notebook.tab(panel.master, text=title)
        if key == self.current_key():
            self._report_count()

    def open_record(self, enterprise_id):
        if self.on_open_record:
            return self.on_open_record(enterprise_id)
        return None

    # --- behaviour ---------------------------------------------------------------------
    def current_key(self):
        selected = self.notebook.select()
        for key, panel in self.panels.items():
            if str(panel.master) == selected:
                return key
        return "valid"

    def current_panel(self):
        return self.panels[self.current_key()]

    def _tab_changed(self):
        self._report_count()
        # the expiring list has no standard export; it can be printed
        valid = self.current_key() == "valid"
        self.excel_button.state(["!disabled"] if valid else ["disabled"])

    def export_excel(self):
        if self.current_key() != "valid":
            return None
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output(self.current_key()))

    def select(self, key):
        self.notebook.select(self.panels[key].master)
        self.update_idletasks()

    @property
    def row_count(self):
        return self.presenter.total(self.current_key())

    def _report_count(self):
        if self.on_count:
            self.on_count(self.row_count)

    def _schedule(self):
        if self._pending is not None:
            self.after_cancel(self._pending)
        self._pending = self.after(DEBOUNCE_MS, self.search_now)

    def search_now(self):
        if self._pending is not None:
            self.after_cancel(self._pending)
            self._pending = None
        self.presenter.set_text(self.search_var.get())

    def refresh(self):
        self.presenter.load()

    def open_selected(self):
        qualification_id = self.current_panel().selected_id()
        if qualification_id is not None:
            return self.presenter.open(qualification_id)
        return None

    def _open_form(self, enterprise_id):
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(
            self.winfo_toplevel(), self.registry, enterprise_id, on_saved=lambda r: self.refresh()
        )

    def focus_search(self):
        self.search.focus_set()
        self.search.select_range(0, "end")
