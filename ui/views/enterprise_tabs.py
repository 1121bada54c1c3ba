"""The enterprise form's record tabs: 资质, 年度数据 (ui.views.year_tab), 孵化历程 (with chain
actions; an administrator also corrects or withdraws the last step there), 操作记录."""

from tkinter import messagebox, ttk

from ui import texts as T
from ui.dialogs.chain import STEP_DIALOGS, CarrierDialog, GraduateDialog, LeaveDialog
from ui.dialogs.records import QualificationDialog, RevokeDialog
from ui.presenters.yearly import AnnualYearPresenter
from ui.views.record_window import TableTab
from ui.views.year_tab import YearTab


class RecordTab(TableTab):
    """A row of buttons above the table (none for read-only users)."""

    def __init__(self, window, title, columns, rows, actions=(), on_open=None):
        super().__init__(window, title, columns, rows, on_open=on_open)
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8), before=self.table)
        bar.lower(self.table)  # the keyboard focus visits the buttons before the table
        self.buttons = {}
        if window.presenter.editable:
            for label, command in actions:
                button = ttk.Button(bar, text=label, command=command)
                button.pack(side="left", padx=(0, 6))
                self.buttons[label] = button

    def selected(self):
        ids = self.table.selected_ids()
        if not ids:
            messagebox.showinfo(T.ERROR_TITLE, T.NOTHING_SELECTED, parent=self.window)
            return None
        return ids[0]


def build_tabs(window):
    p = window.presenter
    registry = window.registry
    window.dialog_options = {}  # tests pass {"_utest": True}
    window.last_dialog = None

    def after(dialog):
        if dialog.result is not None:
            window.presenter.load()
            window.refresh_tabs()
            if window.on_saved:
                window.on_saved(dialog.result)

    def enterprise():
        return registry.enterprises.get(p.enterprise_id)

    def last_step(kind):
        """更正 / 撤回 the last step: its dialog, or a word when there is no step."""
        step = registry.incubation.last_step(p.enterprise_id)
        if step is None:
            window.show_message(T.NO_STEP)
            return None
        window.last_dialog = STEP_DIALOGS[kind](
            window, registry, enterprise(), step, **window.dialog_options
        )
        after(window.last_dialog)
        return window.last_dialog

    def revoke():
        qid = window.tabs["qualifications"].selected()
        if qid is not None:
            after(RevokeDialog(window, registry, qid))

    window.tabs["qualifications"] = RecordTab(
        window,
        T.TAB_QUALIFICATIONS,
        T.QUAL_COLUMNS,
        p.qualification_rows,
        [
            (
                T.ADD_QUALIFICATION,
                lambda: after(QualificationDialog(window, registry, p.enterprise_id)),
            ),
            (T.REVOKE_QUALIFICATION, revoke),
        ],
    )
    window.tabs["annual"] = YearTab(window, T.TAB_ANNUAL, AnnualYearPresenter)
    window.tabs["history"] = RecordTab(
        window,
        T.TAB_HISTORY,
        T.HISTORY_COLUMNS,
        p.history_rows,
        [
            (T.ACTION_ADMIT, lambda: after(CarrierDialog(window, registry, enterprise()))),
            (
                T.ACTION_MOVE,
                lambda: after(CarrierDialog(window, registry, enterprise(), move=True)),
            ),
            (T.ACTION_GRADUATE, lambda: after(GraduateDialog(window, registry, enterprise()))),
            (T.ACTION_LEAVE, lambda: after(LeaveDialog(window, registry, enterprise()))),
        ]
        + (
            [
                (T.ACTION_CORRECT, lambda: last_step("correct")),
                (T.ACTION_WITHDRAW, lambda: last_step("withdraw")),
            ]
            if registry.actor.is_admin
            else []
        ),
    )
    window.tabs["audit"] = RecordTab(window, T.TAB_AUDIT, T.AUDIT_COLUMNS, p.audit_rows)
