"""The carrier list (众创空间/孵化器/加速器/产业化基地): presenter (no Tk) and its Tk view.

Every user sees every carrier (an enterprise may move to a carrier in another street); the
service filters by kind, street, level and name, and the presenter sorts and pages the result
in memory, since a district has dozens of carriers, not thousands.  导出Excel and 打印名单
write the list with its current filters (ui.list_output).
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import reference as ref
from ui import list_output
from ui import texts as T
from ui.output import OutputRunner
from ui.views.local_rows import LocalRows, text
from ui.widgets.listpanel import ListPanel

DEBOUNCE_MS = 200
FILTERS = ("kind", "street", "level")
ALL_CARRIERS = 100000  # the service pages; a district never comes near this many


def row_values(c):
    return (c.name, c.kind, c.level, c.street or "", text(c.area_m2), c.residents, c.status)


def _kind_order(kind):
    return ref.CARRIER_KINDS.index(kind) if kind in ref.CARRIER_KINDS else len(ref.CARRIER_KINDS)


class CarrierListPresenter:
    """State of the list; ``view`` needs show_page(rows, total, page, pages, sort_key,
    sort_desc) and open_record(record_id)."""

    def __init__(self, registry, view, page_size=100):
        self.registry = registry
        self.view = view
        self.text = ""
        self.filters = {key: None for key in FILTERS}
        self.rows = LocalRows([c[0] for c in T.CARRIER_COLUMNS], page_size)

    @property
    def can_create(self):
        return self.registry.actor.can_write

    def filter_choices(self):
        return {
            "kind": list(ref.CARRIER_KINDS),
            "street": self.registry.reference.streets(),
            "level": list(ref.CARRIER_LEVELS),
        }

    @property
    def total(self):
        return self.rows.total

    def load(self):
        page = self.registry.carriers.list(
            text=self.text or None, offset=0, limit=ALL_CARRIERS, **self.filters
        )
        # the chain's order (苗圃 → 产业化基地), then by name, until a heading is clicked
        items = sorted(page.items, key=lambda c: (_kind_order(c.kind), c.name))
        self.rows.replace([(c.id, row_values(c)) for c in items])
        return self.show()

    def show(self):
        current = self.rows.current()
        self.view.show_page(*current)
        return current

    def set_text(self, value):
        value = (value or "").strip()
        if value == self.text:
            return None
        self.text = value
        self.rows.page = 0
        return self.load()

    def set_filter(self, key, value):
        self.filters[key] = None if value in (None, "", T.FILTER_ALL) else value
        self.rows.page = 0
        return self.load()

    def sort_by(self, key):
        self.rows.sort_by(key)
        return self.show()

    def go_to_page(self, index):
        self.rows.go_to(index)
        return self.show()

    def open(self, record_id):
        return self.view.open_record(record_id)

    def new(self):
        """Open an empty form (writers only); returns what the view's open_record returns."""
        return self.view.open_record(None) if self.can_create else None

    def export_output(self):
        return list_output.carrier_export(self.registry, self.filters, self.text)

    def print_output(self):
        headers = [heading for _, heading, _ in T.CARRIER_COLUMNS]
        rows = self.rows.matching()
        return list_output.carrier_print(self.registry, self.filters, self.text, rows, headers)


class CarrierListView(ttk.Frame):
    """Toolbar (新增 for writers, 打开), name filter, kind/street/level boxes, table, pager."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.on_open_record = on_open or self._open_form
        self.on_count = on_count
        self.presenter = CarrierListPresenter(registry, self)
        self.output = OutputRunner(self)
        self._pending = None
        toolbar = ttk.Frame(self)
        toolbar.pack(fill="x", pady=(0, 8))
        self.actions = [(T.OPEN, self.open_selected)]
        if self.presenter.can_create:
            self.actions.insert(0, (T.NEW + "（Ctrl+N）", self.new_record))
        self.buttons = {}
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        for index, (label, command) in enumerate(self.actions + outputs):
            button = ttk.Button(toolbar, text=label, command=command)
            button.pack(side="left", padx=(16 if index == len(self.actions) else 0, 6))
            self.buttons[label] = button
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        ttk.Label(bar, text=T.SEARCH_LABEL).pack(side="left")
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=26)
        self.search.pack(side="left", padx=(6, 4))
        ttk.Label(bar, text=T.CARRIER_SEARCH_HINT, style="Muted.TLabel").pack(
            side="left", padx=(0, 16)
        )
        self.search_var.trace_add("write", lambda *a: self._schedule())
        self.search.bind("<Return>", lambda e: self.search_now())
        self.search.bind("<Down>", lambda e: self.panel.focus_first())
        labels = {"kind": T.FILTER_KIND, "street": T.FILTER_STREET, "level": T.FILTER_LEVEL}
        choices = self.presenter.filter_choices()
        self.filter_boxes = {}
        for key in FILTERS:
            ttk.Label(bar, text=labels[key]).pack(side="left", padx=(0, 4))
            box = ttk.Combobox(
                bar,
                values=[T.FILTER_ALL] + choices[key],
                state="readonly",
                width=max(6, min(16, max(len(c) for c in choices[key]) + 2)),
            )
            box.set(T.FILTER_ALL)
            box.bind(
                "<<ComboboxSelected>>",
                lambda e, k=key: self.presenter.set_filter(k, self.filter_boxes[k].get()),
            )
            box.pack(side="left", padx=(0, 12))
            self.filter_boxes[key] = box
        self.panel = ListPanel(
            self,
            T.CARRIER_COLUMNS,
            on_open=self.presenter.open,
            on_sort=self.presenter.sort_by,
            on_page=self.presenter.go_to_page,
            menu_items=self.actions,
        )
        self.panel.pack(fill="both", expand=True)
        self.table = self.panel.table
        self.presenter.load()

    # --- presenter's view interface ---------------------------------------------------
    def show_page(self, rows, total, page, pages, sort_key, sort_desc):
        self.panel.show(rows, total, page, pages, sort_key, sort_desc)
        if self.on_count:
            self.on_count(total)

    def open_record(self, record_id):
        if self.on_open_record:
            return self.on_open_record(record_id)
        return None

    # --- behaviour ---------------------------------------------------------------------
    @property
    def row_count(self):
        return self.presenter.total

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
        record_id = self.panel.selected_id()
        if record_id is not None:
            self.presenter.open(record_id)

    def new_record(self):
        return self.presenter.new()

    def _open_form(self, record_id):
        from ui.views.carrier_form import CarrierWindow

        return CarrierWindow(
            self.winfo_toplevel(), self.registry, record_id, on_saved=lambda record: self.refresh()
        )

    def focus_search(self):
        self.search.focus_set()
        self.search.select_range(0, "end")

    def export_excel(self):
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output())
