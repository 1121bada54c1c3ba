"""The wizard's last three steps: the import options, the progress, the result.

The result lists every rejected row with its reason (the columns as wide as their texts, the
list scrolling sideways, a reason cut short shown whole in a tooltip); 保存错误清单… copies the
error workbook the service wrote (the rejected rows, bad cells red, a 原因 column) to where
the user wants it, and 打开 shows the saved copy in the system viewer.
"""

import tkinter as tk
from tkinter import messagebox, ttk

from gjz_registry.errors import RegistryError
from ui import errors, files, theme
from ui import texts as T
from ui.widgets.columns import ColumnFit
from ui.widgets.tooltip import tree_tooltip

LIST_WIDTH = 920  # the rejection list asks for this, not for its columns' width (it scrolls)


class OptionsStep(ttk.Frame):
    def __init__(self, parent, presenter):
        super().__init__(parent)
        self.presenter = presenter
        self.summary = ttk.Label(self, wraplength=920, justify="left")
        self.summary.pack(anchor="w", pady=(0, 12))
        ttk.Label(self, text=T.WIZ_POLICY_HEADING, style="Heading.TLabel").pack(anchor="w")
        self.policy = tk.StringVar(value=presenter.on_conflict)
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
        p = self.presenter.preview
        self.summary.configure(
            text=T.WIZ_OPTIONS_SUMMARY.format(
                file=p.file_name, sheet=p.sheet, title=p.kind_title, total=p.total_rows
            )
        )
        self.error.configure(text="")

    def _changed(self):
        self.presenter.on_conflict = self.policy.get()
        self.presenter.all_or_nothing = self.all_or_nothing.get()
        self.presenter.dry_run = self.dry_run.get()

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
        self.rejected_heading = ttk.Label(self, text=T.WIZ_REJECTED_HEADING)
        self.rejected_heading.pack(anchor="w", pady=(12, 2))
        table = ttk.Frame(self, width=LIST_WIDTH)
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
        self.tree.delete(*self.tree.get_children())
        for n, values in enumerate(p.rejection_rows()):
            self.tree.insert("", "end", values=values, tags=("odd" if n % 2 else "even",))
        self.columns.refit()
        self._buttons()
        self.saved.configure(text="")

    def show_cancelled(self):
        self.status.configure(text=T.WIZ_CANCELLED, style="Heading.TLabel")
        for child in self.counts.winfo_children():
            child.destroy()
        self.tree.delete(*self.tree.get_children())
        self._buttons()

    def _buttons(self):
        p = self.presenter
        self.save_button.state(["!disabled"] if p.has_errors_file else ["disabled"])
        self.open_button.state(["!disabled"] if p.saved_errors else ["disabled"])

    def save_errors(self):
        p = self.presenter
        path = files.ask_save_path(self, T.WIZ_SAVE_ERRORS, p.errors_file_name(), "xlsx")
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
            files.open_with_system(self.presenter.saved_errors)
