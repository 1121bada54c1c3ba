"""计划管理 (administrators): the plans, and the targets of the chosen one in an editable grid.

Top: every plan (drafts too) with 新建计划 / 复制为新计划 / 发布 / 废止.  Below: the chosen
plan's targets.  The grid is edited from the keyboard like a spreadsheet: Enter or F2 opens
the 目标值 cell of the selected row, Tab moves to the next editable cell (目标值 → 单位 →
目标期), Enter saves and opens the same cell of the next row, Escape cancels.  Each saved cell
is one ``update_target`` (a refusal is shown in red and the cell stays open).  分解到街道
splits the selected district or field target over the streets; the lines under the grid
say, per split target, whether the streets' parts add up.  ``on_change`` tells the 目标考核
screen to read the plans again.
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from ui import texts as T
from ui.dialogs.plans import PlanDialog, SplitDialog
from ui.views.local_rows import text
from ui.widgets.table import Table

EDITABLE = ("value", "unit", "period")  # the grid's editable columns, in Tab order
FIELD_OF = {"value": "value", "unit": "unit", "period": "period"}
MISMATCH_COLOUR = "#b85c00"


class PlanWindow(tk.Toplevel):
    def __init__(self, parent, registry, on_change=None):
        super().__init__(parent)
        self.registry = registry
        self.on_change = on_change or (lambda: None)
        self.dialog_options = {}  # tests pass {"_utest": True}
        self.last_dialog = None
        self.editor = None  # (entry, target id, column key) while a cell is edited
        self.title(T.PLANS_TITLE)
        outer = ttk.Frame(self, padding=12)
        outer.pack(fill="both", expand=True)
        bar = ttk.Frame(outer)
        bar.pack(fill="x", pady=(0, 6))
        self.buttons = {}
        for key, label, command in (
            ("new", T.PLANS_NEW, self.new_plan),
            ("copy", T.PLANS_COPY, self.copy_plan),
            ("publish", T.PLANS_PUBLISH, self.publish),
            ("retire", T.PLANS_RETIRE, self.retire),
        ):
            self.buttons[key] = ttk.Button(bar, text=label, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        self.message = ttk.Label(bar, style="Error.TLabel")
        self.message.pack(side="left", padx=(10, 0))
        self.plans = Table(outer, T.PLANS_COLUMNS, height=5)
        self.plans.pack(fill="x")
        self.plans.tree.bind("<<TreeviewSelect>>", lambda e: self.show_targets(), add="+")
        grid_bar = ttk.Frame(outer)
        grid_bar.pack(fill="x", pady=(10, 6))
        self.buttons["split"] = ttk.Button(grid_bar, text=T.PLANS_SPLIT, command=self.split)
        self.buttons["split"].pack(side="left")
        ttk.Label(grid_bar, text=T.PLANS_GRID_HINT, style="Muted.TLabel").pack(side="right")
        self.checks = ttk.Label(outer, foreground=MISMATCH_COLOUR, justify="left")
        self.checks.pack(side="bottom", fill="x", pady=(6, 0))
        self.grid = Table(outer, T.PLANS_TARGET_COLUMNS, height=14)
        self.grid.pack(fill="both", expand=True)
        tree = self.grid.tree
        tree.unbind("<Return>")
        tree.unbind("<KP_Enter>")
        for key in ("<Return>", "<KP_Enter>", "<F2>"):
            tree.bind(key, lambda e: self.edit(self.selected_target()) or "break")
        self.load()
        self.geometry("1100x640")

    # --- plans ---------------------------------------------------------------------------
    def load(self, select=None):
        plans = self.registry.targets.plans()
        self.plans.set_rows(
            [
                (p.id, (p.name, p.document or "", f"{p.starts_on} — {p.ends_on}", p.rhythm,
                        p.status, p.targets))
                for p in plans
            ]
        )  # fmt: skip
        chosen = select or (self.selected_plan() or (plans[-1].id if plans else None))
        if chosen is not None:
            self.plans.tree.selection_set(str(chosen))
            self.plans.tree.focus(str(chosen))
        self.show_targets()

    def selected_plan(self):
        ids = self.plans.selected_ids()
        return ids[0] if ids else None

    def new_plan(self):
        return self._plan_dialog(None)

    def copy_plan(self):
        plan_id = self.selected_plan()
        if plan_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        return self._plan_dialog(self.registry.targets.plan(plan_id))

    def _plan_dialog(self, source):
        self.show_message("")
        self.last_dialog = PlanDialog(self, self.registry, source, **self.dialog_options)
        if not self.dialog_options.get("_utest"):  # the modal dialog has closed
            self.dialog_done()
        return self.last_dialog

    def dialog_done(self):
        """After a plan dialog closed with a result (tests call it after invoking OK)."""
        result = self.last_dialog.result if self.last_dialog else None
        if result is not None:
            self.load(result.id)
            self.on_change()
        return result

    def publish(self):
        return self._status(self.registry.targets.publish_plan)

    def retire(self):
        return self._status(self.registry.targets.retire_plan)

    def _status(self, action):
        plan_id = self.selected_plan()
        if plan_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        try:
            result = action(plan_id)
        except RegistryError as exc:
            return self.show_message(str(exc))
        self.show_message("")
        self.load(plan_id)
        self.on_change()
        return result

    # --- the target grid -----------------------------------------------------------------
    def show_targets(self):
        self.cancel_edit()
        plan_id = self.selected_plan()
        if plan_id is None:
            self.grid.set_rows([])
            self.checks.configure(text="")
            return
        service = self.registry.targets
        targets = service.targets(plan_id)
        number = {t.id: i for i, t in enumerate(targets, 1)}
        self.grid.set_rows(
            [
                (t.id, (number[t.id], t.indicator, t.scope, text(t.value), t.unit or "",
                        t.period, t.comparison, t.measure or T.PLANS_HAND,
                        number.get(t.parent_id, "")))
                for t in targets
            ]
        )  # fmt: skip
        lines = [
            T.PLANS_CHECK.format(indicator=c.indicator, scope=c.scope, message=c.message)
            for c in service.split_checks(plan_id)
        ]
        self.checks.configure(text="\n".join(lines))

    def selected_target(self):
        ids = self.grid.selected_ids()
        return ids[0] if ids else None

    def edit(self, target_id, column="value"):
        """Open the cell ``column`` of the target's row for typing; returns the Entry."""
        self.cancel_edit()
        if target_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        tree = self.grid.tree
        item = str(target_id)
        tree.see(item)
        tree.update_idletasks()
        box = tree.bbox(item, column)
        entry = ttk.Entry(tree)
        entry.insert(0, tree.set(item, column))
        entry.select_range(0, "end")
        if box:
            x, y, width, height = box
            entry.place(x=x, y=y, width=max(width, 60), height=height)
        entry.focus_set()
        entry.bind("<Return>", lambda e: self.save_edit(move="down") or "break")
        entry.bind("<KP_Enter>", lambda e: self.save_edit(move="down") or "break")
        entry.bind("<Tab>", lambda e: self.save_edit(move="right") or "break")
        entry.bind("<Escape>", lambda e: self.cancel_edit() or "break")
        self.editor = (entry, target_id, column)
        return entry

    def save_edit(self, move=None):
        """Save the open cell; then open the next row's (``down``) or next cell (``right``)."""
        if self.editor is None:
            return None
        entry, target_id, column = self.editor
        value = entry.get().strip()
        try:
            current = self.registry.targets.target(target_id)
            saved = self.registry.targets.update_target(
                target_id, {FIELD_OF[column]: value}, version=current.version
            )
        except RegistryError as exc:
            self.show_message(str(exc))
            return None
        self.show_message("")
        self.show_targets()  # the grid again: a changed value moves the split checks
        tree = self.grid.tree
        tree.selection_set(str(target_id))
        if move == "down":
            following = tree.next(str(target_id))
            if following:
                tree.selection_set(following)
                self.edit(int(following), column)
        elif move == "right":
            self.edit(target_id, EDITABLE[(EDITABLE.index(column) + 1) % len(EDITABLE)])
        return saved

    def cancel_edit(self):
        if self.editor is not None:
            self.editor[0].destroy()
            self.editor = None
            self.grid.tree.focus_set()

    def split(self):
        target_id = self.selected_target()
        if target_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        target = self.registry.targets.target(target_id)
        self.last_dialog = SplitDialog(self, self.registry, target, **self.dialog_options)
        if not self.dialog_options.get("_utest"):
            self.split_done()
        return self.last_dialog

    def split_done(self):
        """After the split dialog closed (tests call it after invoking OK)."""
        result = self.last_dialog.result if self.last_dialog else None
        if result is not None:
            self.show_targets()
        return result

    def show_message(self, value):
        self.message.configure(text=value)
        return None
