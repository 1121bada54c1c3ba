"""目标考核 dialogs: 填报实际值, 任务进展 (admin), and the window listing a figure's enterprises.

The two entry dialogs call the target service in :meth:`validate`; a refusal (a value that is
not a number, a computed indicator…) is shown inline in red and the dialog stays open.
:class:`DrillDownWindow` is a plain window, not modal: its rows open the enterprise (or
carrier) form, which a modal grab would block.
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry.services.periods import parse_period
from gjz_registry.services.target_entry import TASK_STATUSES
from ui import texts as T
from ui.dialogs.base import Dialog
from ui.views.local_rows import text
from ui.widgets import sizing
from ui.widgets.keys import tab_leaves
from ui.widgets.table import Table
from ui.windows import close_windows

DRILL_SIZE = (1000, 520)  # at 100 %: ui.widgets.sizing scales it and fits it to the content
DRILL_MIN_SIZE = (700, 360)


class _EntryDialog(Dialog):
    def _row(self, frame, row, label, widget, sticky="ne"):  # labels top-aligned: notes wrap
        return super()._row(frame, row, label, widget, sticky)

    def _fact(self, frame, row, label, value):
        return self._row(frame, row, label, ttk.Label(frame, text=value, wraplength=360))


class ActualDialog(_EntryDialog):
    """The figure of a hand-entered indicator for one period, with a note (admin)."""

    def __init__(self, parent, registry, row, period, note=None, _utest=False):
        self.registry = registry
        self.row = row
        self.period = period
        self.note_text = note
        super().__init__(parent, T.DLG_ACTUAL, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        unit = self.row.unit or ""
        self._fact(grid, 0, T.FIELD_INDICATOR, self.row.indicator)
        self._fact(grid, 1, T.FIELD_SCOPE, self.row.scope)
        self._fact(grid, 2, T.FIELD_PERIOD, parse_period(self.period).label)
        self._fact(grid, 3, T.FIELD_TARGET, f"{text(self.row.target)} {unit}")
        value = ttk.Frame(grid)
        self.value = ttk.Entry(value, width=16)
        self.value.pack(side="left")
        ttk.Label(value, text=unit).pack(side="left", padx=(6, 0))
        self._row(grid, 4, T.FIELD_VALUE, value)
        self.note = self._row(grid, 5, T.FIELD_NOTES, ttk.Entry(grid, width=40))
        if self.row.actual is not None:
            self.value.insert(0, text(self.row.actual))
        if self.note_text:
            self.note.insert(0, self.note_text)
        return self.value

    def validate(self):
        return self._call(
            lambda: self.registry.targets.set_actual(
                self.row.indicator,
                self.period,
                self.value.get().strip(),
                self.row.scope,
                self.note.get().strip() or None,
            )
        )


class TaskDialog(_EntryDialog):
    """A task's status (未开始/推进中/已完成/滞后) and note for one half-year (admin)."""

    def __init__(self, parent, registry, task, period, _utest=False):
        self.registry = registry
        self.task = task
        self.period = period
        super().__init__(parent, T.DLG_TASK, _utest=_utest)

    def body(self, frame):
        grid = ttk.Frame(frame)
        grid.pack(fill="x")
        self._fact(grid, 0, T.FIELD_TASK, f"{self.task.number}. {self.task.title}")
        self._fact(grid, 1, T.TARGETS_TASK_COLUMNS[2][1], self.task.lead_units or "")
        self._fact(grid, 2, T.FIELD_PERIOD, parse_period(self.period).label)
        self.status = ttk.Combobox(grid, values=list(TASK_STATUSES), state="readonly", width=12)
        self._row(grid, 3, T.FIELD_TASK_STATUS, self.status)
        self.status.set(self.task.status if self.task.status in TASK_STATUSES else "推进中")
        self.note = tk.Text(grid, height=4, width=44, wrap="word", relief="solid", borderwidth=1)
        tab_leaves(self.note)
        self._row(grid, 4, T.FIELD_NOTES, self.note)
        if self.task.note:
            self.note.insert("1.0", self.task.note)
        return self.status

    def validate(self):
        note = self.note.get("1.0", "end").strip() or None
        return self._call(
            lambda: self.registry.targets.set_task_progress(
                self.task.id, self.period, self.status.get(), note
            )
        )


class DrillDownWindow(tk.Toplevel):
    """The enterprises (or carriers) behind a computed figure; rows open their forms."""

    def __init__(self, parent, registry, result, on_open=None):
        super().__init__(parent)
        self.registry = registry
        self.result = result
        self.on_open = on_open
        self.title(T.DLG_DRILL + "：" + result.title)
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        ttk.Label(outer, text=result.title, style="Heading.TLabel").pack(anchor="w")
        ttk.Label(
            outer,
            text=T.TARGETS_DEFINITION.format(definition=result.definition),
            style="Muted.TLabel",
            wraplength=940,
        ).pack(anchor="w", pady=(2, 8))
        bottom = ttk.Frame(outer)
        bottom.pack(side="bottom", fill="x", pady=(8, 0))
        total = T.DRILL_TOTAL.format(
            count=len(result.rows), total=text(result.total), unit=result.unit or ""
        )
        self.total_label = ttk.Label(bottom, text=total)
        self.total_label.pack(side="left")
        ttk.Label(bottom, text=T.DASH_OPEN_HINT, style="Muted.TLabel").pack(side="left", padx=16)
        ttk.Button(bottom, text=T.CLOSE, command=self.close).pack(side="right")
        self.table = Table(outer, T.DRILL_COLUMNS, on_open=self.open_row, height=14)
        self.table.pack(fill="both", expand=True)
        self.table.set_rows(
            (
                index,
                (
                    r.name,
                    r.credit_code or "",
                    r.street or "",
                    r.field or "",
                    text(r.value),
                    r.detail or "",
                ),
            )
            for index, r in enumerate(result.rows)
        )
        self.bind("<Escape>", lambda e: self.close())
        self.protocol("WM_DELETE_WINDOW", self.close)
        sizing.fit(self, DRILL_SIZE, DRILL_MIN_SIZE)
        self.transient(parent)
        self.table.focus_first()

    def close(self):
        """Close, after the forms opened from here (a form with unsaved changes asks)."""
        if close_windows(self):
            self.destroy()

    def open_row(self, index):
        row = self.result.rows[index]
        if self.on_open is not None:
            return self.on_open(row)
        return open_holder(self, self.registry, row)


def open_holder(parent, registry, row):
    """Open the form of the enterprise (or carrier) of a drill-down row."""
    if row.enterprise_id is not None:
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(parent, registry, row.enterprise_id)
    if row.carrier_id is not None:
        from ui.views.carrier_form import CarrierWindow

        return CarrierWindow(parent, registry, row.carrier_id)
    return None
