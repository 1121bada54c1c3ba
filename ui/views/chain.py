"""The incubation chain at a glance: 在孵企业, 超期在孵 and 可毕业 in one notebook.

A summary line on top counts the enterprises in each stage (statistics.street_stage
totals) and the alerts.  Rows are keyed by enterprise id (an enterprise has at most one open
residency) and open the enterprise form; writers get 晋级/迁移, 毕业 and 迁出 on the selected
row through the dialogs of ui/dialogs/chain.py, administrators also 更正 / 撤回 of the selected
enterprise's last step, and every list is refreshed afterwards.
The presenter has no Tk; it holds the three lists in memory (LocalRows).
"""

from tkinter import ttk

from gjz_registry import RegistryError
from gjz_registry import reference as ref
from ui import texts as T
from ui.dialogs.chain import STEP_DIALOGS, CarrierDialog, GraduateDialog, LeaveDialog
from ui.views.list_presenter import LocalListsPresenter
from ui.views.list_view import TabbedListView, add_buttons
from ui.views.local_rows import text

LISTS = {
    "residents": (T.CHAIN_TAB_RESIDENTS, T.CHAIN_COLUMNS),
    "overdue": (T.CHAIN_TAB_OVERDUE, T.CHAIN_OVERDUE_COLUMNS),
    "candidates": (T.CHAIN_TAB_CANDIDATES, T.CHAIN_CANDIDATE_COLUMNS),
}
ACTIONS = ("move", "graduate", "leave")
ADMIN_ACTIONS = ("correct", "withdraw")  # the last step of the enterprise's chain


def row(record, with_basis=False):
    values = (
        record.enterprise_name,
        record.carrier,
        record.stage,
        text(record.entered_on),
        record.months,
    )
    return (record.enterprise_id, values + ((record.basis or "",) if with_basis else ()))


class ChainPresenter(LocalListsPresenter):
    """The three lists and the summary for a view with show_list(key, rows, total, page,
    pages, sort_key, sort_desc), show_summary(stages, outside, overdue, candidates),
    open_record(enterprise_id), run_action(kind, enterprise, step=None) → result,
    show_message(text)."""

    def __init__(self, registry, view, page_size=100):
        super().__init__(registry, view, LISTS, page_size)

    @property
    def can_act(self):
        return self.registry.actor.can_write

    @property
    def can_fix(self):
        """更正 / 撤回 of the last step: administrators."""
        return self.registry.actor.is_admin

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

    def open(self, enterprise_id):
        return self.view.open_record(enterprise_id)

    def act(self, kind, enterprise_id):
        """Run 晋级/迁移 (move), 毕业 (graduate), 迁出 (leave) or — administrators — 更正 /
        撤回 of the last step (correct, withdraw) for one enterprise."""
        allowed = (ACTIONS if self.can_act else ()) + (ADMIN_ACTIONS if self.can_fix else ())
        if kind not in allowed:
            return None
        if enterprise_id is None:
            self.view.show_message(T.NOTHING_SELECTED)
            return None
        try:
            enterprise = self.registry.enterprises.get(enterprise_id)
            step = None
            if kind in ADMIN_ACTIONS:
                step = self.registry.incubation.last_step(enterprise_id)
                if step is None:
                    self.view.show_message(T.NO_STEP)
                    return None
        except RegistryError as exc:
            self.view.show_message(str(exc))
            return None
        if step is None:
            return self.finished(self.view.run_action(kind, enterprise))
        return self.finished(self.view.run_action(kind, enterprise, step))

    def finished(self, result):
        """After a dialog: reload everything when it changed something."""
        if result is not None:
            self.load()
        return result


class ChainView(TabbedListView):
    """Summary line, toolbar, name filter and a notebook with the three lists."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, registry, on_open=on_open, on_count=on_count)
        self.dialog_options = {}  # tests pass {"_utest": True}
        self.last_dialog = None
        self.presenter = ChainPresenter(registry, self)
        self.summary = self.add_bar(gap=10)
        toolbar = self.add_bar()
        self.actions = [(T.OPEN, self.open_selected)]
        if self.presenter.can_act:
            self.actions += [
                (T.ACTION_MOVE, lambda: self.act("move")),
                (T.ACTION_GRADUATE, lambda: self.act("graduate")),
                (T.ACTION_LEAVE, lambda: self.act("leave")),
            ]
        if self.presenter.can_fix:
            self.actions += [
                (T.ACTION_CORRECT, lambda: self.act("correct")),
                (T.ACTION_WITHDRAW, lambda: self.act("withdraw")),
            ]
        self.buttons = add_buttons(toolbar, self.actions)
        self.message = ttk.Label(toolbar, style="Error.TLabel")
        self.message.pack(side="left", padx=(10, 0))
        self.add_search(toolbar, T.CHAIN_SEARCH_HINT, width=24, side="right", before=16)
        self.add_notebook(LISTS, self.actions)
        self.presenter.load()

    # --- presenter's view interface ---------------------------------------------------
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

    def run_action(self, kind, enterprise, step=None):
        self.message.configure(text="")
        if kind in STEP_DIALOGS:
            self.last_dialog = STEP_DIALOGS[kind](
                self.winfo_toplevel(), self.registry, enterprise, step, **self.dialog_options
            )
            return self.last_dialog.result
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
    def refresh(self):
        self.message.configure(text="")
        super().refresh()

    def selected_id(self):
        return self.current_panel().selected_id()

    def open_selected(self):
        if self.selected_id() is None:
            self.show_message(T.NOTHING_SELECTED)
            return None
        return super().open_selected()

    def act(self, kind):
        return self.presenter.act(kind, self.selected_id())
