"""The incubation chain at a glance: 在孵企业, 超期在孵 and 可毕业 in one notebook.

A summary line on top counts the enterprises in each stage (statistics.street_stage
totals) and the alerts.  Rows are keyed by enterprise id (an enterprise has at most one open
residency) and open the enterprise form; writers get 晋级/迁移, 毕业 and 迁出 on the selected
row through the dialogs of ui/dialogs/chain.py, administrators also 更正 / 撤回 of the selected
enterprise's last step, and every list is refreshed afterwards.
The presenter has no Tk; it holds the three lists in memory (LocalRows).

The presenter part (no Tk) is ui.presenters.chain.
"""

from tkinter import ttk

from ui import texts as T
from ui.dialogs.chain import STEP_DIALOGS, CarrierDialog, GraduateDialog, LeaveDialog
from ui.presenters.chain import LISTS, ChainPresenter
from ui.views.list_view import TabbedListView, add_buttons


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
