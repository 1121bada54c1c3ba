"""计划管理 (administrators): the plans, and the targets and tasks of the chosen one in
editable grids.

Top: every plan (drafts too) with 新建计划 / 复制为新计划 / 发布 / 废止.  Below, two tabs: the
chosen plan's targets and its task ledger.  The grids are edited from the keyboard like a
spreadsheet: Enter or F2 opens a cell of the selected row (目标值; 任务名称), Tab saves and moves
to the next editable cell (指标 → 范围 → 目标值 → 单位 → 目标期 → 比较 → 取数; 任务名称 →
牵头单位 → 配合单位), Enter saves and opens the same cell of the next row, Escape cancels.
Each saved cell is one ``update_target`` / ``update_task`` (a refusal is shown in red and the
cell stays open).  添加目标 / 添加任务 add a row and open it; 删除目标 asks first.
分解到街道 splits the selected district or field target over the streets; the lines under
the grid say, per split target, whether the streets' parts add up.  ``on_change`` tells the
目标考核 screen to read the plans again.
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import RegistryError
from ui import texts as T
from ui.dialogs import confirm
from ui.dialogs.plans import PlanDialog, SplitDialog
from ui.views.local_rows import text
from ui.widgets.table import Table

# the grids' editable columns, in Tab order, and the cell the Enter key opens
EDITABLE = {
    "target": ("indicator", "scope", "value", "unit", "period", "comparison", "measure"),
    "task": ("title", "lead_units", "co_units"),
}
FIRST = {"target": "value", "task": "title"}
MISMATCH_COLOUR = "#b85c00"


class PlanWindow(tk.Toplevel):
    def __init__(self, parent, registry, on_change=None):
        super().__init__(parent)
        self.registry = registry
        self.on_change = on_change or (lambda: None)
        self.dialog_options = {}  # tests pass {"_utest": True}
        self.last_dialog = None
        self.editor = None  # (entry, grid kind, row id, column key) while a cell is edited
        self.versions = {}  # (grid kind, row id) → the version of the row shown
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
        ttk.Label(outer, text=T.PLANS_GRID_HINT, style="Muted.TLabel").pack(anchor="e")
        self.notebook = ttk.Notebook(outer)
        self.notebook.pack(fill="both", expand=True, pady=(4, 0))
        page = ttk.Frame(self.notebook, padding=(0, 6, 0, 0))
        self.notebook.add(page, text=T.PLANS_TAB_TARGETS)
        grid_bar = ttk.Frame(page)
        grid_bar.pack(fill="x", pady=(0, 6))
        for key, label, command in (
            ("add_target", T.PLANS_ADD_TARGET, self.add_target),
            ("delete_target", T.PLANS_DELETE_TARGET, self.delete_target),
            ("split", T.PLANS_SPLIT, self.split),
        ):
            self.buttons[key] = ttk.Button(grid_bar, text=label, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        self.checks = ttk.Label(page, foreground=MISMATCH_COLOUR, justify="left")
        self.checks.pack(side="bottom", fill="x", pady=(6, 0))
        self.grid = Table(page, T.PLANS_TARGET_COLUMNS, height=12)
        self.grid.pack(fill="both", expand=True)
        page = ttk.Frame(self.notebook, padding=(0, 6, 0, 0))
        self.notebook.add(page, text=T.PLANS_TAB_TASKS)
        task_bar = ttk.Frame(page)
        task_bar.pack(fill="x", pady=(0, 6))
        self.buttons["add_task"] = ttk.Button(
            task_bar, text=T.PLANS_ADD_TASK, command=self.add_task
        )
        self.buttons["add_task"].pack(side="left")
        self.task_grid = Table(page, T.PLANS_TASK_COLUMNS, height=12)
        self.task_grid.pack(fill="both", expand=True)
        self.grids = {"target": self.grid, "task": self.task_grid}
        for kind, table in self.grids.items():
            table.tree.unbind("<Return>")
            table.tree.unbind("<KP_Enter>")
            for key in ("<Return>", "<KP_Enter>", "<F2>"):
                table.tree.bind(
                    key, lambda e, k=kind: self.edit(self.selected(k), kind=k) or "break"
                )
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
            self.task_grid.set_rows([])
            self.checks.configure(text="")
            return
        service = self.registry.targets
        targets = service.targets(plan_id)
        tasks = service.tasks(plan_id)
        self.versions = {("target", t.id): t.version for t in targets}
        self.versions.update({("task", t.id): t.version for t in tasks})
        number = {t.id: i for i, t in enumerate(targets, 1)}
        self.grid.set_rows(
            [
                (t.id, (number[t.id], t.indicator, t.scope, text(t.value), t.unit or "",
                        t.period, t.comparison, t.measure or T.PLANS_HAND,
                        number.get(t.parent_id, "")))
                for t in targets
            ]
        )  # fmt: skip
        self.task_grid.set_rows(
            [
                (t.id, (t.number, t.section or "", t.title, t.lead_units or "", t.co_units or ""))
                for t in tasks
            ]
        )
        lines = [
            T.PLANS_CHECK.format(indicator=c.indicator, scope=c.scope, message=c.message)
            for c in service.split_checks(plan_id)
        ]
        self.checks.configure(text="\n".join(lines))

    def selected(self, kind="target"):
        ids = self.grids[kind].selected_ids()
        return ids[0] if ids else None

    def selected_target(self):
        return self.selected("target")

    def edit(self, row_id, column=None, kind="target"):
        """Open the cell ``column`` of a row of the ``kind`` grid for typing; returns the
        Entry."""
        self.cancel_edit()
        if row_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        column = column or FIRST[kind]
        tree = self.grids[kind].tree
        item = str(row_id)
        tree.see(item)
        tree.update_idletasks()
        box = tree.bbox(item, column)
        entry = ttk.Entry(tree)
        value = tree.set(item, column)
        entry.insert(0, "" if value == T.PLANS_HAND else value)
        entry.select_range(0, "end")
        if box:
            x, y, width, height = box
            entry.place(x=x, y=y, width=max(width, 60), height=height)
        entry.focus_set()
        entry.bind("<Return>", lambda e: self.save_edit(move="down") or "break")
        entry.bind("<KP_Enter>", lambda e: self.save_edit(move="down") or "break")
        entry.bind("<Tab>", lambda e: self.save_edit(move="right") or "break")
        entry.bind("<Escape>", lambda e: self.cancel_edit() or "break")
        self.editor = (entry, kind, row_id, column)
        return entry

    def save_edit(self, move=None):
        """Save the open cell; then open the next row's (``down``) or next cell (``right``)."""
        if self.editor is None:
            return None
        entry, kind, row_id, column = self.editor
        value = entry.get().strip()
        service = self.registry.targets
        update = service.update_target if kind == "target" else service.update_task
        try:  # against the version shown: a change saved by someone else meanwhile is refused
            saved = update(row_id, {column: value}, version=self.versions.get((kind, row_id)))
        except RegistryError as exc:
            self.show_message(str(exc))
            return None
        self.show_message("")
        self.show_targets()  # the grids again: a changed value moves the split checks
        tree = self.grids[kind].tree
        tree.selection_set(str(row_id))
        if move == "down":
            following = tree.next(str(row_id))
            if following:
                tree.selection_set(following)
                self.edit(int(following), column, kind)
        elif move == "right":
            columns = EDITABLE[kind]
            self.edit(row_id, columns[(columns.index(column) + 1) % len(columns)], kind)
        return saved

    def cancel_edit(self):
        if self.editor is not None:
            entry, kind = self.editor[:2]
            entry.destroy()
            self.editor = None
            self.grids[kind].tree.focus_set()

    def add_target(self):
        """A new target row (named 新指标, due at the plan's end, value 0), open for typing."""
        plan_id = self.selected_plan()
        if plan_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        service = self.registry.targets
        plan = service.plan(plan_id)
        row = service.add_target(plan_id, T.PLANS_NEW_INDICATOR, str(plan.ends_on.year), 0, None)
        self.show_targets()
        self.grid.tree.selection_set(str(row.id))
        return self.edit(row.id, "indicator")

    def delete_target(self):
        target_id = self.selected_target()
        if target_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        t = self.registry.targets.target(target_id)
        question = T.PLANS_DELETE_CONFIRM.format(indicator=t.indicator, scope=t.scope)
        if not self.ask_confirm(question):
            return None
        self.registry.targets.delete_target(target_id)
        self.show_targets()
        return True

    def ask_confirm(self, question):
        return confirm.ask(self, T.PLANS_DELETE_TARGET, question, ok=T.PLANS_DELETE_OK)

    def add_task(self):
        """A new task numbered after the last, open for typing its title."""
        plan_id = self.selected_plan()
        if plan_id is None:
            return self.show_message(T.NOTHING_SELECTED)
        service = self.registry.targets
        number = max((t.number for t in service.tasks(plan_id)), default=0) + 1
        task = service.add_task(plan_id, number, T.PLANS_NEW_TASK)
        self.show_targets()
        self.notebook.select(1)
        self.task_grid.tree.selection_set(str(task.id))
        return self.edit(task.id, "title", "task")

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
