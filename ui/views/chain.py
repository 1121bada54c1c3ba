"""The incubation chain at a glance: 在孵企业, 超期在孵 and 可毕业 in one notebook.

A summary line on top counts the enterprises in each stage (statistics.street_stage
totals) and the alerts.  Rows are keyed by enterprise id (an enterprise has at most one open
residency) and open the enterprise form; writers get 晋级/迁移, 毕业 and 迁出 on the selected
row through the dialogs of ui/dialogs/chain.py, and every list is refreshed afterwards.
The presenter has no Tk; it holds the three lists in memory (LocalRows).
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from gjz_registry import reference as ref
from ui import texts as T
from ui.dialogs.chain import CarrierDialog, GraduateDialog, LeaveDialog
from ui.views.local_rows import LocalRows, text
from ui.widgets.listpanel import ListPanel

DEBOUNCE_MS = 200
LISTS = {
    "residents": (T.CHAIN_TAB_RESIDENTS, T.CHAIN_COLUMNS),
    "overdue": (T.CHAIN_TAB_OVERDUE, T.CHAIN_OVERDUE_COLUMNS),
    "candidates": (T.CHAIN_TAB_CANDIDATES, T.CHAIN_CANDIDATE_COLUMNS),
}
ACTIONS = ("move", "graduate", "leave")


def row(record, with_basis=False):
    values = (
        record.enterprise_name,
        record.carrier,
        record.stage,
        text(record.entered_on),
        record.months,
    )
    return (record.enterprise_id, values + ((record.basis or "",) if with_basis else ()))


class ChainPresenter:
    """The three lists and the summary for a view with show_list(key, rows, total, page,
    pages, sort_key, sort_desc), show_summary(stages, outside, overdue, candidates),
    open_record(enterprise_id), run_action(kind, enterprise) → result, show_message(text)."""

    def __init__(self, registry, view, page_size=100):
        self.registry = registry
        self.view = view
        self.lists = {
            key: LocalRows([c[0] for c in columns], page_size)
            for key, (_, columns) in LISTS.items()
        }

    @property
    def can_act(self):
        return self.registry.actor.can_write

    def load(self, as_of=None):
        incubation = self.registry.incubation
        fetched = {
            "residents": [row(r) for r in incubation.residents(as_of=as_of)],
            "overdue": [row(r, True) for r in incubation.overdue(as_of)],
            "candidates": [row(r, True) for r in incubation.graduation_candidates(as_of)],
        }
        for key, rows in fetched.items():
            self.lists[key].replace(rows)
            self.show(key)
        table = self.registry.statistics.street_stage()
        totals = dict(zip(table.columns, table.totals))
        stages = [(stage, totals.get(stage, 0)) for stage in ref.STAGES]
        outside = sum(v for k, v in totals.items() if k not in ref.STAGES)
        self.view.show_summary(stages, outside, len(fetched["overdue"]), len(fetched["candidates"]))

    def show(self, key):
        self.view.show_list(key, *self.lists[key].current())

    def total(self, key):
        return self.lists[key].total

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

    def open(self, enterprise_id):
        return self.view.open_record(enterprise_id)

    def act(self, kind, enterprise_id):
        """Run 晋级/迁移 (move), 毕业 (graduate) or 迁出 (leave) for one enterprise."""
        if not self.can_act or kind not in ACTIONS:
            return None
        if enterprise_id is None:
            self.view.show_message(T.NOTHING_SELECTED)
            return None
        try:
            enterprise = self.registry.enterprises.get(enterprise_id)
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        return self.finished(self.view.run_action(kind, enterprise))

    def finished(self, result):
        """After a dialog: reload everything when it changed something."""
        if result is not None:
            self.load()
        return result


class ChainView(ttk.Frame):
    """Summary line, toolbar, name filter and a notebook with the three lists."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.on_open_record = on_open or self._open_form
        self.on_count = on_count
        self.dialog_options = {}  # tests pass {"_utest": True}
        self.last_dialog = None
        self.presenter = ChainPresenter(registry, self)
        self._pending = None
        self.summary = ttk.Frame(self)
        self.summary.pack(fill="x", pady=(0, 10))
        toolbar = ttk.Frame(self)
        toolbar.pack(fill="x", pady=(0, 8))
        self.actions = [(T.OPEN, self.open_selected)]
        if self.presenter.can_act:
            self.actions += [
                (T.ACTION_MOVE, lambda: self.act("move")),
                (T.ACTION_GRADUATE, lambda: self.act("graduate")),
                (T.ACTION_LEAVE, lambda: self.act("leave")),
            ]
        self.buttons = {}
        for label, command in self.actions:
            button = ttk.Button(toolbar, text=label, command=command)
            button.pack(side="left", padx=(0, 6))
            self.buttons[label] = button
        self.message = ttk.Label(toolbar, style="Error.TLabel")
        self.message.pack(side="left", padx=(10, 0))
        ttk.Label(toolbar, text=T.CHAIN_SEARCH_HINT, style="Muted.TLabel").pack(
            side="right", padx=(4, 0)
        )
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(toolbar, textvariable=self.search_var, width=24)
        self.search.pack(side="right", padx=(6, 0))
        ttk.Label(toolbar, text=T.SEARCH_LABEL).pack(side="right", padx=(16, 0))
        self.search_var.trace_add("write", lambda *a: self._schedule())
        self.search.bind("<Return>", lambda e: self.search_now())
        self.search.bind("<Down>", lambda e: self.current_panel().focus_first())
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True)
        self.notebook.enable_traversal()  # Ctrl+Tab / Ctrl+Shift+Tab switch the lists
        self.panels = {}
        for key, (title, columns) in LISTS.items():
            panel = ListPanel(
                self.notebook,
                columns,
                on_open=self.presenter.open,
                on_sort=lambda column, k=key: self.presenter.sort_by(k, column),
                on_page=lambda index, k=key: self.presenter.go_to_page(k, index),
                menu_items=self.actions,
                padding=(0, 8, 0, 0),
            )
            self.notebook.add(panel, text=title)
            self.panels[key] = panel
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._report_count())
        self.presenter.load()

    # --- presenter's view interface ---------------------------------------------------
    def show_list(self, key, rows, total, page, pages, sort_key, sort_desc):
        panel = self.panels[key]
        panel.show(rows, total, page, pages, sort_key, sort_desc)
        title = T.TAB_COUNT.format(label=LISTS[key][0], count=total)
        self.notebook.tab(panel, text=title)
        if key == self.current_key():
            self._report_count()

    def show_summary(self, stages, outside, overdue, candidates):
        for child in self.summary.winfo_children():
            child.destroy()
        ttk.Label(self.summary, text=T.CHAIN_FUNNEL + "：").pack(side="left")
        for index, (stage, count) in enumerate(stages):
            if index:
                ttk.Label(self.summary, text=T.CHAIN_ARROW, style="Muted.TLabel").pack(
                    side="left", padx=8
                )
            ttk.Label(self.summary, text=stage, style="Muted.TLabel").pack(side="left")
            ttk.Label(self.summary, text=str(count), style="Heading.TLabel").pack(
                side="left", padx=(4, 0)
            )
        ttk.Label(
            self.summary, text=T.CHAIN_FUNNEL_OUTSIDE.format(count=outside), style="Muted.TLabel"
        ).pack(side="left", padx=(24, 0))
        ttk.Label(
            self.summary,
            text=T.CHAIN_FUNNEL_ALERTS.format(overdue=overdue, candidates=candidates),
        ).pack(side="right")

    def open_record(self, enterprise_id):
        if self.on_open_record:
            return self.on_open_record(enterprise_id)
        return None

    def run_action(self, kind, enterprise):
        self.message.configure(text="")
        factory = {
            "move": lambda: CarrierDialog(
                self.winfo_toplevel(), self.registry, enterprise, move=True, **self.dialog_options
            ),
            "graduate": lambda: GraduateDialog(
                self.winfo_toplevel(), self.registry, enterprise, **self.dialog_options
            ),
            "leave": lambda: LeaveDialog(
                self.winfo_toplevel(), self.registry, enterprise, **self.dialog_options
            ),
        }[kind]
        self.last_dialog = factory()
        return self.last_dialog.result

    def show_message(self, value):
        self.message.configure(text=value)

    # --- behaviour ---------------------------------------------------------------------
    def current_key(self):
        selected = self.notebook.select()
        for key, panel in self.panels.items():
            if str(panel) == selected:
                return key
        return "residents"

    def current_panel(self):
        return self.panels[self.current_key()]

    def select(self, key):
        self.notebook.select(self.panels[key])
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
        self.message.configure(text="")
        self.presenter.load()

    def selected_id(self):
        return self.current_panel().selected_id()

    def open_selected(self):
        enterprise_id = self.selected_id()
        if enterprise_id is None:
            self.show_message(T.NOTHING_SELECTED)
            return None
        return self.presenter.open(enterprise_id)

    def act(self, kind):
        return self.presenter.act(kind, self.selected_id())

    def _open_form(self, enterprise_id):
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(
            self.winfo_toplevel(), self.registry, enterprise_id, on_saved=lambda r: self.refresh()
        )

    def focus_search(self):
        self.search.focus_set()
        self.search.select_range(0, "end")
