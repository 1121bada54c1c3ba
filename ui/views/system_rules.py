"""Two sections of 系统 › 基础数据: 孵化规则 and 证书文字 (admin).

孵化规则: the numbers of the graduation and entry rules, the stages the entry rule applies
to, the long-cycle fields, and the time limit of each stage (months, and months in a
long-cycle field; blank: no limit) with the rule in words below them (incubation.rules /
set_rules / time_limit_text); each value is checked here first, and the reason shows under
the field.
证书文字: the wording of each certificate kind (certificates.template / set_template) with
the placeholders that kind knows; a bad template is refused by the service, inline.

The presenter part (no Tk) is ui.presenters.system_rules.
"""

import tkinter as tk
from tkinter import ttk

from gjz_registry import reference as ref
from ui import texts as T
from ui.presenters.system_rules import (
    FIELD_LIST,
    STAGE_LISTS,
    TIME_LIMITS,
    CertificatePresenter,
    RulesPresenter,
    limit_key,
)

LAYOUT = (  # (key, row, column) in the section's grid; column None: the whole row
    ("investment_threshold", 0, 0),
    ("revenue_two_year_threshold", 0, 1),
    ("entry_max_age_months", 1, 0),
    ("entry_age_stages", 2, None),
    ("long_cycle_fields", 3, None),
)
LIMITS_ROW = 4  # the time limits per stage: a heading row, then one row per stage


class RulesSection(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent)
        self.presenter = RulesPresenter(registry, self)
        head = ttk.Frame(self)
        head.pack(fill="x")
        ttk.Label(head, text=T.REF_RULES, style="Heading.TLabel").pack(side="left")
        self.save_button = ttk.Button(head, text=T.SAVE, command=self.save)
        self.save_button.pack(side="left", padx=(12, 0))
        self.message = ttk.Label(head, style="Error.TLabel")
        self.message.pack(side="left", padx=(10, 0))
        grid = ttk.Frame(self)
        grid.pack(fill="x", pady=(6, 0))
        self.widgets, self.errors, self.stage_vars = {}, {}, {}
        for key, row, column in LAYOUT:
            span = 3 if column is None else 1
            column = column or 0
            ttk.Label(grid, text=T.RULE_LABELS[key]).grid(
                row=row * 2, column=column * 2, sticky="e", padx=(0 if column == 0 else 16, 6)
            )
            if key in STAGE_LISTS:
                widget = ttk.Frame(grid)
                self.stage_vars[key] = {}
                for stage in ref.STAGES:
                    var = tk.BooleanVar(self)
                    ttk.Checkbutton(widget, text=stage, variable=var).pack(side="left")
                    self.stage_vars[key][stage] = var
            else:
                widget = ttk.Entry(grid, width=10)
                if key == FIELD_LIST:
                    widget = ttk.Entry(grid, width=46)
            widget.grid(
                row=row * 2, column=column * 2 + 1, columnspan=span, sticky="w", pady=(3, 0)
            )
            self.widgets[key] = widget
            error = ttk.Label(grid, style="FieldError.TLabel")
            error.grid(row=row * 2 + 1, column=column * 2 + 1, columnspan=span, sticky="w")
            error.grid_remove()  # takes room only while it has something to say
            self.errors[key] = error
        self._limits(grid)
        self.rule_text = ttk.Label(self, style="Muted.TLabel", justify="left")
        self.rule_text.pack(fill="x", pady=(6, 0))
        self.bind("<Configure>", lambda e: self.rule_text.configure(wraplength=e.width - 10))
        self.presenter.load()

    def _limits(self, grid):
        """The time limit of each stage: months, and months in a long-cycle field."""
        row = LIMITS_ROW * 2
        ttk.Label(grid, text=T.RULE_LIMITS).grid(row=row, column=0, sticky="e", padx=(0, 6))
        for column, text in enumerate(T.RULE_LIMIT_COLUMNS):
            ttk.Label(grid, text=text, style="Muted.TLabel").grid(
                row=row, column=column + 1, sticky="w", pady=(6, 0)
            )
        for stage in ref.STAGES:
            row += 1
            ttk.Label(grid, text=stage).grid(row=row, column=0, sticky="e", padx=(0, 6))
            for column, key in enumerate(("months", "long_cycle_months")):
                entry = ttk.Entry(grid, width=10)
                entry.grid(row=row, column=column + 1, sticky="w", padx=(0, 8), pady=(3, 0))
                self.widgets[f"{key}:{stage}"] = entry
            row += 1
            error = ttk.Label(grid, style="FieldError.TLabel")
            error.grid(row=row, column=1, columnspan=3, sticky="w")
            error.grid_remove()
            self.errors[limit_key(stage)] = error

    def values(self):
        raw = {TIME_LIMITS: {}}
        for key, widget in self.widgets.items():
            if ":" in key:
                continue
            if key in STAGE_LISTS:
                raw[key] = [s for s, var in self.stage_vars[key].items() if var.get()]
            else:
                raw[key] = widget.get()
        for stage in ref.STAGES:
            raw[TIME_LIMITS][stage] = tuple(
                self.widgets[f"{key}:{stage}"].get() for key in ("months", "long_cycle_months")
            )
        return raw

    def save(self):
        return self.presenter.save(self.values())

    # --- presenter's view interface ---------------------------------------------------
    def show_rules(self, values):
        for key, value in values.items():
            if key == TIME_LIMITS:
                for stage, texts in value.items():
                    for name, text in zip(("months", "long_cycle_months"), texts):
                        widget = self.widgets[f"{name}:{stage}"]
                        widget.delete(0, "end")
                        widget.insert(0, text)
            elif key in STAGE_LISTS:
                for stage, var in self.stage_vars[key].items():
                    var.set(stage in value)
            else:
                self.widgets[key].delete(0, "end")
                self.widgets[key].insert(0, value)

    def show_rule_text(self, text):
        self.rule_text.configure(text=text)

    def show_error(self, key, message):
        self.errors[key].configure(text=message or "")
        if message:
            self.errors[key].grid()
        else:
            self.errors[key].grid_remove()

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")


class CertificateSection(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent)
        self.presenter = p = CertificatePresenter(registry, self)
        self.titles = {title: key for key, title in p.kinds()}
        head = ttk.Frame(self)
        head.pack(fill="x")
        ttk.Label(head, text=T.REF_CERT, style="Heading.TLabel").pack(side="left")
        ttk.Label(head, text=T.FIELD_CERT_KIND).pack(side="left", padx=(16, 6))
        self.kind = ttk.Combobox(head, values=list(self.titles), state="readonly", width=22)
        self.kind.pack(side="left")
        self.kind.set(next(iter(self.titles)))
        self.kind.bind("<<ComboboxSelected>>", lambda e: self.choose())
        self.restore_button = ttk.Button(head, text=T.CERT_RESTORE, command=p.restore)
        self.restore_button.pack(side="right")
        self.save_button = ttk.Button(head, text=T.SAVE, command=self.save)
        self.save_button.pack(side="right", padx=(0, 6))
        self.message = ttk.Label(self, style="Error.TLabel", wraplength=620)
        self.message.pack(side="bottom", anchor="w")
        self.placeholders = ttk.Label(self, style="Muted.TLabel", wraplength=620, justify="left")
        self.placeholders.pack(side="bottom", anchor="w", pady=(4, 0))
        self.text = tk.Text(self, height=4, wrap="word", relief="solid", borderwidth=1)
        self.text.pack(fill="both", expand=True, pady=(6, 0))
        self.bind("<Configure>", self._wrap)
        p.load()

    def choose(self):
        self.show_message("", False)
        self.presenter.load(self.titles[self.kind.get()])

    def save(self):
        return self.presenter.save(self.text.get("1.0", "end").rstrip("\n"))

    # --- presenter's view interface ---------------------------------------------------
    def show_template(self, value, placeholders):
        self.text.delete("1.0", "end")
        self.text.insert("1.0", value)
        # no space inside an item, so a line never breaks between a name and its meaning
        names = "  ".join(f"{{{name}}}（{label}）" for name, label in placeholders)
        self.placeholders.configure(text=T.CERT_PLACEHOLDERS + names)

    def show_message(self, value, error=True):
        self.message.configure(text=value, style="Error.TLabel" if error else "Muted.TLabel")

    def _wrap(self, event):
        for label in (self.message, self.placeholders):
            label.configure(wraplength=max(300, event.width - 10))
