"""The 目标考核 screen's widgets (the behaviour is in ui.views.targets.TargetsPresenter).

Top: the period box, the report's title and subtitle, 打印报告 / 导出表格.  Then the actions
on the selected target (填报实际值 and 删除填报值 for admins only; 查看企业明细 for all), the
notebook with the four tabs, and under it the selected target's source text and the plan's
self-contradiction notes.
"""

from tkinter import ttk

from gjz_registry.assessment import heading
from ui import texts as T
from ui.dialogs import confirm
from ui.dialogs.targets import ActualDialog, DrillDownWindow, TaskDialog
from ui.views.targets import TargetsPresenter
from ui.widgets.bartable import BarTable
from ui.widgets.table import Table

TASK_TAGS = {"已完成": "#2e7d32", "滞后": "#b85c00", "推进中": "#1f6fb2"}
NOTE_COLOUR = "#8a5a00"  # the plan's own problems: no plan in force, self-contradictions


class TargetsView(ttk.Frame):
    def __init__(self, parent, registry, on_count=None, today=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.dialog_options = {}  # tests pass {"_utest": True}
        self.last_dialog = None
        self.drill_windows = []
        self.plan_window = None  # 计划管理 (administrators)
        self.runner = None  # ui.output.OutputRunner, made on the first print/export
        self.presenter = p = TargetsPresenter(registry, self, today)
        choices, default = p.periods()
        self.period_texts = dict((label, text) for text, label in choices)
        plans = p.plans()
        self.plan_ids = {label: plan_id for plan_id, label in plans}
        pick = ttk.Frame(self)
        pick.pack(fill="x", pady=(0, 6))
        ttk.Label(pick, text=T.TARGETS_PLAN).pack(side="left")
        self.plan_box = ttk.Combobox(
            pick, values=[label for _, label in plans], state="readonly", width=48
        )
        self.plan_box.pack(side="left", padx=(6, 16))
        self.plan_box.set(next((label for i, label in plans if i == p.plan_id), ""))
        self.plan_box.bind("<<ComboboxSelected>>", lambda e: self.choose_plan())
        if p.can_enter:
            self.manage_button = ttk.Button(pick, text=T.PLANS_MANAGE, command=self.manage_plans)
            self.manage_button.pack(side="left")
        top = ttk.Frame(self)
        top.pack(fill="x")
        ttk.Label(top, text=T.TARGETS_PERIOD).pack(side="left")
        self.period_box = ttk.Combobox(
            top, values=[label for _, label in choices], state="readonly", width=14
        )
        self.period_box.pack(side="left", padx=(6, 16))
        self.period_box.bind("<<ComboboxSelected>>", lambda e: self.choose_period())
        self.title_label = ttk.Label(top, style="Heading.TLabel")
        self.title_label.pack(side="left")
        self.export_button = ttk.Button(top, text=T.TARGETS_EXPORT, command=self.export_table)
        self.export_button.pack(side="right")
        self.print_button = ttk.Button(top, text=T.TARGETS_PRINT, command=self.print_report)
        self.print_button.pack(side="right", padx=(0, 6))
        line, current = p.plan_line()
        self.plan_label = ttk.Label(self, text=line, style="Muted.TLabel")
        if not current:
            self.plan_label.configure(foreground=NOTE_COLOUR)
        self.plan_label.pack(fill="x", pady=(6, 0))
        self.subtitle = ttk.Label(self, style="Muted.TLabel")
        self.subtitle.pack(fill="x", pady=(4, 8))
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        self.buttons = {}
        actions = [("drill", T.TARGETS_DRILL, lambda: p.drill(self.selected_target()))]
        if p.can_enter:
            actions = [
                ("enter", T.TARGETS_ENTER, lambda: p.enter_actual(self.selected_target())),
                ("clear", T.TARGETS_CLEAR, lambda: p.clear_actual(self.selected_target())),
            ] + actions
        for key, label, command in actions:
            self.buttons[key] = ttk.Button(bar, text=label, command=command)
            self.buttons[key].pack(side="left", padx=(0, 6))
        self.message = ttk.Label(bar, style="Error.TLabel")
        self.message.pack(side="left", padx=(10, 0))
        hint = T.TARGETS_HINT_ADMIN if p.can_enter else T.TARGETS_HINT
        ttk.Label(bar, text=hint, style="Muted.TLabel").pack(side="right")
        # under the notebook (packed first so a short window shrinks the table, not these)
        self.notes = ttk.Label(self, style="Muted.TLabel", foreground=NOTE_COLOUR, wraplength=1000)
        self.notes.pack(side="bottom", fill="x", pady=(6, 0))
        self.detail = ttk.Label(self, style="Muted.TLabel", wraplength=1000, justify="left")
        self.detail.pack(side="bottom", fill="x", pady=(6, 0))
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True)
        self.tables = {}
        for key, title, columns in (
            ("main", T.TARGETS_TAB_MAIN, T.TARGETS_COLUMNS),
            ("fields", T.TARGETS_TAB_FIELDS, T.TARGETS_FIELD_COLUMNS),
        ):
            table = BarTable(self.notebook, columns, on_open=p.open, on_select=p.select, height=10)
            self.notebook.add(table, text=title)
            self.tables[key] = table
        self.streets_page = ttk.Frame(self.notebook, padding=(0, 8, 0, 0))
        ttk.Label(self.streets_page, text=T.TARGETS_STREETS_HINT, style="Muted.TLabel").pack(
            anchor="w", pady=(0, 6)
        )
        self.streets = None
        self.notebook.add(self.streets_page, text=T.TARGETS_TAB_STREETS)
        tasks_page = ttk.Frame(self.notebook, padding=(0, 8, 0, 0))
        if p.can_enter:
            task_bar = ttk.Frame(tasks_page)
            task_bar.pack(fill="x", pady=(0, 6))
            self.buttons["task"] = ttk.Button(
                task_bar, text=T.TARGETS_TASK, command=self.task_progress
            )
            self.buttons["task"].pack(side="left")
        self.tasks = Table(tasks_page, T.TARGETS_TASK_COLUMNS, on_open=self.open_task, height=12)
        self.tasks.pack(fill="both", expand=True)
        for status, colour in TASK_TAGS.items():
            self.tasks.tree.tag_configure(status, foreground=colour)
        self.notebook.add(tasks_page, text=T.TARGETS_TAB_TASKS)
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._tab_changed())
        self.bind("<Configure>", self._wrap)
        if default is not None:
            self.period_box.set(dict(choices)[default])
            p.load(default)
        else:
            self.title_label.configure(text=T.DASH_TARGETS_NONE)

    # --- presenter's view interface ---------------------------------------------------
    def show_heading(self, title, subtitle):
        self.title_label.configure(text=title)
        self.subtitle.configure(text=subtitle)

    def show_targets(self, key, rows):
        self.tables[key].set_rows(rows)

    def show_streets(self, headers, rows):
        if self.streets is not None:
            self.streets.destroy()
        widths = [110] + [max(90, 14 * len(h)) for h in headers[1:]]
        columns = [(f"c{i}", h, w) for i, (h, w) in enumerate(zip(headers, widths))]
        self.streets = Table(self.streets_page, columns, height=12)
        self.streets.pack(fill="both", expand=True)
        for key, _, _ in columns[1:]:  # figures line up on the right
            self.streets.tree.column(key, anchor="e")
            self.streets.tree.heading(key, anchor="center")
        self.streets.tree.bind("<Double-1>", self._street_double)
        self.streets.set_rows(rows)

    def show_tasks(self, rows):
        self.tasks.set_rows(rows)
        for row_id, values in rows:
            self.tasks.tree.item(str(row_id), tags=(values[3],))

    def show_notes(self, value):
        self.notes.configure(text=value)

    def show_detail(self, value):
        self.detail.configure(text=value if self.current_key() in self.tables else "")

    def set_actions(self, enabled):
        on_targets = self.current_key() in self.tables
        for key, on in enabled.items():
            if key in self.buttons:
                self.buttons[key].state(["!disabled"] if on and on_targets else ["disabled"])

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")

    def ask_actual(self, row, period, note):
        self.show_message("")
        self.last_dialog = ActualDialog(
            self.winfo_toplevel(), self.registry, row, period, note, **self.dialog_options
        )
        return self.last_dialog.result

    def ask_task(self, task, period):
        self.show_message("")
        self.last_dialog = TaskDialog(
            self.winfo_toplevel(), self.registry, task, period, **self.dialog_options
        )
        return self.last_dialog.result

    def ask_confirm(self, question):
        return confirm.ask(self, T.TARGETS_CLEAR_TITLE, question, ok=T.TARGETS_CLEAR_OK)

    def show_drill(self, result):
        window = DrillDownWindow(self.winfo_toplevel(), self.registry, result)
        self.drill_windows.append(window)
        return window

    # --- behaviour ---------------------------------------------------------------------
    def current_key(self):
        index = self.notebook.index(self.notebook.select())
        return ("main", "fields", "streets", "tasks")[index]

    def select(self, key):
        keys = ("main", "fields", "streets", "tasks")
        self.notebook.select(keys.index(key))
        self.update_idletasks()

    def selected_target(self):
        table = self.tables.get(self.current_key())
        return table.selected_id() if table is not None else None

    def _tab_changed(self):
        # each target table keeps its own selection; the other tabs have no target actions
        self.presenter.select(self.selected_target())

    def choose_period(self):
        self.show_message("")
        period = self.period_texts.get(self.period_box.get())
        if period:
            self.presenter.load(period)

    def choose_plan(self, label=None):
        """Show the plan chosen in the plan box (or labelled ``label``)."""
        if label is not None:
            self.plan_box.set(label)
        plan_id = self.plan_ids.get(self.plan_box.get())
        if plan_id is None:
            return
        self.show_message("")
        choices, default = self.presenter.choose_plan(plan_id)
        self.period_texts = dict((lab, text) for text, lab in choices)
        self.period_box.configure(values=[lab for _, lab in choices])
        self.period_box.set(dict(choices).get(default, ""))
        line, current = self.presenter.plan_line()
        self.plan_label.configure(text=line, foreground="" if current else NOTE_COLOUR)

    def manage_plans(self):
        """计划管理: the administrator's window of plans and their targets."""
        from ui.views.plan_window import PlanWindow

        if self.plan_window is not None and self.plan_window.winfo_exists():
            self.plan_window.lift()
        else:
            self.plan_window = PlanWindow(self.winfo_toplevel(), self.registry, self.plans_changed)
        return self.plan_window

    def plans_changed(self):
        """After the plan window changed something: the plan list and the shown plan again."""
        plans = self.presenter.plans()
        self.plan_ids = {label: plan_id for plan_id, label in plans}
        self.plan_box.configure(values=[label for _, label in plans])
        label = next((lab for i, lab in plans if i == self.presenter.plan_id), None)
        if label:
            self.choose_plan(label)

    def refresh(self):
        self.show_message("")
        self.presenter.load()

    def open_task(self, task_id):
        if self.presenter.can_enter:
            return self.presenter.task_progress(task_id)
        return None

    def task_progress(self):
        ids = self.tasks.selected_ids()
        if not ids:
            self.show_message(T.NOTHING_SELECTED)
            return None
        return self.presenter.task_progress(ids[0])

    def _street_double(self, event):
        tree = self.streets.tree
        row = tree.identify_row(event.y)
        column = tree.identify_column(event.x)  # "#1" is the first column
        if row and column:
            self.presenter.drill_street(int(row), int(column[1:]) - 1)
        return "break"

    def print_report(self):
        """打印报告: the assessment PDF of the shown period, written in the background."""
        return self._output("pdf")

    def export_table(self):
        """导出表格: the assessment workbook of the shown period."""
        return self._output("xlsx")

    def _output(self, kind):
        # the export engineer's runner: save-as, a worker thread, progress with 取消, 打开
        from ui import files, jobs
        from ui.list_output import Output
        from ui.output import OutputRunner

        progress = self.presenter.progress
        if progress is None:
            return None
        if self.runner is None:
            self.runner = OutputRunner(self)
        name = files.safe_name(heading(progress)[0]) + "." + kind
        if kind == "pdf":
            output = Output(
                T.PRINT_TITLE,
                name,
                kind,
                jobs.targets_pdf(self.registry, progress.period, self.presenter.plan_id),
            )
        else:
            job = jobs.targets_workbook(self.registry, progress.period, self.presenter.plan_id)
            output = Output(T.EXPORT_TITLE, name, kind, job)
        return self.runner.save(output)

    def _wrap(self, event):
        for label in (self.notes, self.detail):
            label.configure(wraplength=max(300, event.width - 30))
