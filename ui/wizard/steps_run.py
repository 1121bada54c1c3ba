"""The wizard's last three steps: the import options, the progress, the result.

The options start from the presenter's rule (none for an administrator: 开始导入 waits until
one is chosen) and say when 开始导入 will run a dry run first.  The result lists every
rejected row with its reason and every changed field of a registered record, old → new, with
the count per column (two tabs); 保存错误清单… copies the error workbook the service wrote (the
rejected rows, bad cells red, a 原因 column) to where the user wants it — starting in the
imported file's folder — and 打开 shows the saved copy in the system viewer.
The rejection list's columns are as wide as their texts, it scrolls sideways and a reason
cut short shows whole in a tooltip.
"""

import tkinter as tk
from tkinter import messagebox, ttk

from gjz_registry.errors import RegistryError
from ui import errors, files, theme
from ui import texts as T
from ui.widgets.columns import ColumnFit
from ui.widgets.tooltip import tree_tooltip

LIST_WIDTH = 920  # the rejection list asks for this, not for its columns' width (it scrolls)

NO_POLICY = "-"  # the radio buttons' variable while no rule is chosen (matches none)


class OptionsStep(ttk.Frame):
    """``on_change()`` after each choice (the window relabels and enables 开始导入)."""

    def __init__(self, parent, presenter, on_change=None):
        super().__init__(parent)
        self.presenter = presenter
        self.on_change = on_change
        self.summary = ttk.Label(self, wraplength=920, justify="left")
        self.summary.pack(anchor="w", pady=(0, 12))
        ttk.Label(self, text=T.WIZ_POLICY_HEADING, style="Heading.TLabel").pack(anchor="w")
        self.policy = tk.StringVar(value=presenter.on_conflict or NO_POLICY)
        self.policy_buttons = {}
        for code, label, explanation in presenter.policies():
            button = ttk.Radiobutton(
                self, text=label, value=code, variable=self.policy, command=self._changed
            )
            button.pack(anchor="w", pady=(6, 0))
            ttk.Label(self, text=explanation, style="Muted.TLabel", wraplength=880).pack(
                anchor="w", padx=(24, 0)
            )
            self.policy_buttons[code] = button
        self.policy_note = ttk.Label(self, style="Error.TLabel", wraplength=880, justify="left")
        self.policy_note.pack(anchor="w", pady=(6, 0))
        ttk.Label(self, text=T.WIZ_SAFETY_HEADING, style="Heading.TLabel").pack(
            anchor="w", pady=(16, 0)
        )
        self.all_or_nothing = tk.BooleanVar(value=presenter.all_or_nothing)
        self.all_button = ttk.Checkbutton(
            self, text=T.WIZ_ALL_OR_NOTHING, variable=self.all_or_nothing, command=self._changed
        )
        self.all_button.pack(anchor="w", pady=(6, 0))
        ttk.Label(self, text=T.WIZ_ALL_OR_NOTHING_NOTE, style="Muted.TLabel", wraplength=880).pack(
            anchor="w", padx=(24, 0)
        )
        self.dry_run = tk.BooleanVar(value=presenter.dry_run)
        self.dry_button = ttk.Checkbutton(
            self, text=T.WIZ_DRY_RUN, variable=self.dry_run, command=self._changed
        )
        self.dry_button.pack(anchor="w", pady=(6, 0))
        ttk.Label(self, text=T.WIZ_DRY_RUN_NOTE, style="Muted.TLabel", wraplength=880).pack(
            anchor="w", padx=(24, 0)
        )
        self.error = ttk.Label(self, style="Error.TLabel", wraplength=920)
        self.error.pack(anchor="w", pady=(12, 0))

    def show(self):
        presenter = self.presenter
        p = presenter.preview
        self.summary.configure(
            text=T.WIZ_OPTIONS_SUMMARY.format(
                file=p.file_name, sheet=p.sheet, title=p.kind_title, total=p.total_rows
            )
        )
        self.policy.set(presenter.on_conflict or NO_POLICY)
        self.all_or_nothing.set(presenter.all_or_nothing)
        self.dry_run.set(presenter.dry_run)
        self.error.configure(text="")
        self._note()

    def _changed(self):
        policy = self.policy.get()
        self.presenter.on_conflict = None if policy == NO_POLICY else policy
        self.presenter.all_or_nothing = self.all_or_nothing.get()
        self.presenter.dry_run = self.dry_run.get()
        self._note()
        if self.on_change:
            self.on_change()

    def _note(self):
        p = self.presenter
        if p.on_conflict is None:
            note = T.WIZ_POLICY_CHOOSE
        elif not p.changes_shown():
            note = T.WIZ_POLICY_CHECK_FIRST
        else:
            note = ""
        self.policy_note.configure(text=note)

    def failed(self, message):
        self.error.configure(text=message)


class RunningStep(ttk.Frame):
    def __init__(self, parent, presenter):
        super().__init__(parent)
        self.presenter = presenter
        self.label = ttk.Label(self, text=T.WIZ_IMPORTING, style="Heading.TLabel")
        self.label.pack(anchor="w", pady=(40, 12))
        self.bar = ttk.Progressbar(self, mode="determinate", length=560)
        self.bar.pack(anchor="w")
        self.count = ttk.Label(self, style="Muted.TLabel")
        self.count.pack(anchor="w", pady=(8, 0))
        ttk.Label(self, text=T.WIZ_CANCEL_NOTE, style="Muted.TLabel", wraplength=880).pack(
            anchor="w", pady=(24, 0)
        )

    def start(self):
        self.label.configure(text=T.WIZ_IMPORTING)
        self.bar.configure(value=0, maximum=max(1, self.presenter.preview.total_rows))
        self.count.configure(text=T.WIZ_READING)

    def progress(self, done, total=None, text=None):
        if total:
            self.bar.configure(maximum=total, value=done or 0)
            self.count.configure(text=T.WIZ_PROGRESS.format(done=done or 0, total=total))

    def cancelling(self):
        self.label.configure(text=T.WIZ_CANCELLING)


class ResultStep(ttk.Frame):
    def __init__(self, parent, presenter):
        super().__init__(parent)
        self.presenter = presenter
        self.status = ttk.Label(self, style="Heading.TLabel", wraplength=920, justify="left")
        self.status.pack(anchor="w", pady=(0, 10))
        self.counts = ttk.Frame(self)
        self.counts.pack(anchor="w")
        self.count_labels = {}
        # two tabs: the rejected rows, and the fields changed in registered records
        self.tabs = ttk.Notebook(self)
        self.tabs.pack(fill="both", expand=True, pady=(12, 0))
        rejected = ttk.Frame(self.tabs, padding=(0, 6, 0, 0))
        table = ttk.Frame(rejected, width=LIST_WIDTH)
        table.grid_propagate(False)
        table.pack(fill="both", expand=True)
        keys = [k for k, _, _ in T.WIZ_REJECTION_COLUMNS]
        self.tree = ttk.Treeview(table, columns=keys, show="headings", height=9)
        for key, heading, width in T.WIZ_REJECTION_COLUMNS:
            self.tree.heading(key, text=heading, anchor="w")  # 原因 stays in sight
            self.tree.column(key, width=width, stretch=False)
        scroll = ttk.Scrollbar(table, orient="vertical", command=self.tree.yview)
        xscroll = ttk.Scrollbar(table, orient="horizontal", command=self.tree.xview)
        self.tree.configure(yscrollcommand=scroll.set, xscrollcommand=xscroll.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        scroll.grid(row=0, column=1, sticky="ns")
        xscroll.grid(row=1, column=0, sticky="ew")
        table.configure(height=self.tree.winfo_reqheight() + xscroll.winfo_reqheight())
        self.columns = ColumnFit(self.tree, scroll=True)
        self.tooltip = tree_tooltip(self.tree)
        table.rowconfigure(0, weight=1)
        table.columnconfigure(0, weight=1)
        theme.zebra(self.tree)
        changed = ttk.Frame(self.tabs, padding=(0, 6, 0, 0))
        self.changes_summary = ttk.Label(changed, wraplength=900, justify="left")
        self.changes_summary.pack(anchor="w", pady=(0, 6))
        self.changes_tree = _table(changed, T.WIZ_CHANGE_COLUMNS, "changes")
        self.tabs.add(rejected, text=T.WIZ_REJECTED_TAB.format(rows=0))
        self.tabs.add(changed, text=T.WIZ_CHANGES_TAB.format(rows=0))
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(8, 0))
        self.save_button = ttk.Button(buttons, text=T.WIZ_SAVE_ERRORS, command=self.save_errors)
        self.save_button.pack(side="left")
        self.open_button = ttk.Button(buttons, text=T.OPEN_FILE, command=self.open_errors)
        self.open_button.pack(side="left", padx=(8, 0))
        self.saved = ttk.Label(buttons, style="Muted.TLabel")
        self.saved.pack(side="left", padx=(12, 0))

    def show(self):
        p = self.presenter
        self.status.configure(text=p.result_status(), style="Heading.TLabel")
        for child in self.counts.winfo_children():
            child.destroy()
        self.count_labels = {}
        for column, (label, number) in enumerate(p.result_counts()):
            ttk.Label(self.counts, text=label, style="Muted.TLabel").grid(
                row=0, column=column, padx=(0, 26), sticky="w"
            )
            value = ttk.Label(self.counts, text=str(number), style="Title.TLabel")
            value.grid(row=1, column=column, padx=(0, 26), sticky="w")
            self.count_labels[label] = value
        rejections = p.rejection_rows()
        _fill(self.tree, rejections)
        self.columns.refit()
        changes = p.change_rows()
        _fill(self.changes_tree, changes)
        self.changes_summary.configure(text=p.result_changes_summary())
        self.tabs.tab(0, text=T.WIZ_REJECTED_TAB.format(rows=len(rejections)))
        self.tabs.tab(1, text=T.WIZ_CHANGES_TAB.format(rows=len(changes)))
        # a dry run of 更新 is about the changes; otherwise the rejections come first
        self.tabs.select(1 if changes and (p.result.dry_run or not rejections) else 0)
        self._buttons()
        self.saved.configure(text="")

    def show_cancelled(self):
        self.status.configure(text=T.WIZ_CANCELLED, style="Heading.TLabel")
        for child in self.counts.winfo_children():
            child.destroy()
        _fill(self.tree, [])
        _fill(self.changes_tree, [])
        self.changes_summary.configure(text="")
        self._buttons()

    def _buttons(self):
        p = self.presenter
        self.save_button.state(["!disabled"] if p.has_errors_file else ["disabled"])
        self.open_button.state(["!disabled"] if p.saved_errors else ["disabled"])

    def save_errors(self):
        p = self.presenter
        path = files.ask_save_path(
            self, T.WIZ_SAVE_ERRORS, p.errors_file_name(), "xlsx", initialdir=p.errors_folder()
        )
        if not path:
            return None
        try:
            p.save_errors(path)
        except RegistryError as exc:  # the database, a backup, a file held open… (outputs)
            errors.show(exc, parent=self.winfo_toplevel())
            return None
        except OSError as exc:  # the error workbook itself cannot be read
            messagebox.showerror(
                T.ERROR_TITLE, T.WIZ_SAVE_FAILED.format(reason=exc.strerror or exc), parent=self
            )
            return None
        self.saved.configure(text=T.SAVED_TO.format(path=path))
        self._buttons()
        return path

    def open_errors(self):
        if self.presenter.saved_errors:
            files.open_with_system(self.presenter.saved_errors, parent=self)


def _table(parent, columns, stretch):
    """A Treeview of ``columns`` ((key, heading, width)…) with a vertical scroll bar, packed
    into ``parent``; the ``stretch`` column takes the spare width."""
    frame = ttk.Frame(parent)
    frame.pack(fill="both", expand=True)
    tree = ttk.Treeview(frame, columns=[k for k, _, _ in columns], show="headings", height=8)
    for key, heading, width in columns:
        tree.heading(key, text=heading)
        tree.column(key, width=width, stretch=key == stretch)
    scroll = ttk.Scrollbar(frame, orient="vertical", command=tree.yview)
    tree.configure(yscrollcommand=scroll.set)
    tree.grid(row=0, column=0, sticky="nsew")
    scroll.grid(row=0, column=1, sticky="ns")
    frame.rowconfigure(0, weight=1)
    frame.columnconfigure(0, weight=1)
    theme.zebra(tree)
    return tree


def _fill(tree, rows):
    tree.delete(*tree.get_children())
    for n, values in enumerate(rows):
        tree.insert("", "end", values=values, tags=("odd" if n % 2 else "even",))
