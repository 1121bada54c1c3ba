"""系统 › 绩效评价指标 (admin): the review indicators of one carrier kind, a grid and an editor.

Above: the kind; the list of its indicators (编号, 名称, 类别, 计算口径, 权重, 计分规则,
启用) with the running total of the active weights (red unless 100).  Below: the selected
indicator's fields; 应用 puts them into the list, 保存 writes the kind's set (the service
checks the weights), 放弃修改 reloads what is stored.

The presenter part (no Tk) is ui.presenters.system_review.
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry.services.review_indicators import LABELS
from gjz_registry.services.review_scoring import DIRECTIONS, RULES
from ui import texts as T
from ui.presenters.system_review import EDITOR, ReviewIndicatorsPresenter
from ui.widgets.table import Table

CHOICES = {"rule": RULES, "direction": DIRECTIONS}
COLUMNS = [  # (key, heading, width): the presenter's cells, in order
    ("code", LABELS["code"], 50),
    ("name", LABELS["name"], 160),
    ("category", LABELS["category"], 80),
    ("measure", LABELS["measure"], 160),
    ("weight", LABELS["weight"], 50),
    ("rule", T.REVIEW_RULE_COLUMN, 180),
    ("active", LABELS["active"], 50),
]


class ReviewIndicatorsTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=10)
        self.presenter = p = ReviewIndicatorsPresenter(registry, self)
        head = ttk.Frame(self)
        head.pack(fill="x")
        ttk.Label(head, text=T.REVIEW_KIND).pack(side="left")
        self.kind = ttk.Combobox(head, values=p.kinds(), state="readonly", width=16)
        self.kind.set(p.kind)
        self.kind.pack(side="left", padx=(8, 16))
        self.kind.bind("<<ComboboxSelected>>", lambda e: p.load(self.kind.get()))
        self.total = ttk.Label(head)
        self.total.pack(side="left")
        ttk.Label(self, text=T.REVIEW_HINT, style="Muted.TLabel").pack(anchor="w", pady=(4, 4))
        self.table = Table(self, COLUMNS, on_open=p.select, height=12)
        self.table.pack(fill="both", expand=True)
        self.table.tree.bind("<<TreeviewSelect>>", lambda e: p.select(self.sel()), add="+")
        editor = ttk.Frame(self)
        editor.pack(fill="x", pady=(8, 0))
        self.fields = {}
        for n, field in enumerate(EDITOR):
            row, column = divmod(n, 5)
            ttk.Label(editor, text=LABELS[field]).grid(
                row=row, column=column * 2, sticky="e", padx=(8, 4), pady=3
            )
            if field == "active":
                var = tk.BooleanVar(value=True)
                widget = ttk.Checkbutton(editor, variable=var)
                widget.var = var
            elif field in CHOICES or field == "measure":
                values = CHOICES.get(field) or p.measure_labels()
                widget = ttk.Combobox(editor, values=values, state="readonly", width=18)
            else:
                widget = ttk.Entry(editor, width=20 if field in ("name", "bands") else 10)
            widget.grid(row=row, column=column * 2 + 1, sticky="w", pady=3)
            self.fields[field] = widget
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(8, 0))
        self.apply_button = ttk.Button(buttons, text=T.REVIEW_APPLY, command=self.apply)
        self.apply_button.pack(side="left")
        self.save_button = ttk.Button(buttons, text=T.SAVE, style="Accent.TButton", command=p.save)
        self.save_button.pack(side="left", padx=(8, 0))
        self.discard_button = ttk.Button(buttons, text=T.REVIEW_DISCARD, command=p.load)
        self.discard_button.pack(side="left", padx=(8, 0))
        self.message = ttk.Label(buttons, style="Error.TLabel", wraplength=700)
        self.message.pack(side="left", padx=(12, 0))
        p.load()

    def sel(self):
        ids = self.table.selected_ids()
        return int(ids[0]) if ids else None

    def values(self):
        """What the editor holds, by field."""
        out = {}
        for field, widget in self.fields.items():
            out[field] = widget.var.get() if field == "active" else widget.get()
        return out

    def apply(self):
        return self.presenter.apply(self.values())

    # --- presenter's view interface ---------------------------------------------------
    def show_rows(self, rows):
        self.table.set_rows(rows)

    def show_total(self, text, ok):
        self.total.configure(text=text, style="TLabel" if ok else "Error.TLabel")

    def show_editor(self, values):
        for field, widget in self.fields.items():
            value = values.get(field)
            if field == "active":
                widget.var.set(True if value is None else bool(value))
            elif isinstance(widget, ttk.Combobox):
                widget.set("" if value is None else value)
            else:
                widget.delete(0, "end")
                widget.insert(0, "" if value is None else f"{value}")

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")

    def refresh(self):
        self.presenter.load()
