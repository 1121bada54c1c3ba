"""系统 › 操作日志 (admin): the audit log, newest first, with filters and pages.

Filters: 操作人, 操作, a date range (OptionalDateEntry), the record (对象 + 编号).  The log
stores codes (``update``, ``enterprise``, field names, reference ids); ui.audit_text shows them
in Chinese where a name is known, codes otherwise.

The presenter part (no Tk) is ui.presenters.system_audit.
"""

from tkinter import ttk

from gjz_registry import InvalidValueError
from ui import texts as T
from ui.audit_text import (
    describe,  # noqa: F401  (re-exported: callers import it from here)
)
from ui.presenters.system_audit import AuditPresenter
from ui.widgets.dateentry import OptionalDateEntry
from ui.widgets.listpanel import ListPanel


class AuditTab(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=10)
        self.presenter = p = AuditPresenter(registry, self)
        choices = p.choices()
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 6))
        self.boxes = {}
        for key, label, width in (
            ("user", T.AUDIT_FILTER_USER, 10),
            ("action", T.AUDIT_FILTER_ACTION, 8),
            ("entity", T.AUDIT_FILTER_ENTITY, 9),
        ):
            ttk.Label(bar, text=label).pack(side="left", padx=(0, 4))
            # the user box is editable: command-line entries read like cli:<name>
            state = "normal" if key == "user" else "readonly"
            box = ttk.Combobox(bar, values=[""] + choices[key], width=width, state=state)
            box.pack(side="left", padx=(0, 8))
            box.bind("<<ComboboxSelected>>", lambda e: self.search())
            self.boxes[key] = box
        ttk.Label(bar, text=T.AUDIT_FILTER_ID).pack(side="left", padx=(0, 4))
        self.entity_id = ttk.Entry(bar, width=6)
        self.entity_id.pack(side="left", padx=(0, 8))
        ttk.Label(bar, text=T.AUDIT_FILTER_SINCE).pack(side="left", padx=(0, 4))
        self.since = OptionalDateEntry(bar)
        self.since.pack(side="left")
        ttk.Label(bar, text=T.AUDIT_FILTER_UNTIL).pack(side="left", padx=4)
        self.until = OptionalDateEntry(bar)
        self.until.pack(side="left", padx=(0, 8))
        self.search_button = ttk.Button(bar, text=T.AUDIT_SEARCH, command=self.search)
        self.search_button.pack(side="left")
        ttk.Button(bar, text=T.AUDIT_RESET, command=self.reset).pack(side="left", padx=(6, 0))
        self.message = ttk.Label(self, style="Error.TLabel")
        self.message.pack(fill="x")
        self.panel = ListPanel(self, T.AUDIT_LOG_COLUMNS, on_page=p.go_to_page)
        self.panel.pack(fill="both", expand=True, pady=(4, 0))
        for widget in (self.entity_id, self.since, self.until, self.boxes["user"]):
            widget.bind("<Return>", lambda e: self.search())
        p.set_filters()

    def search(self):
        try:
            since, until = self.since.get_date(), self.until.get_date()
        except InvalidValueError as exc:
            self.show_message(str(exc))
            return False
        return self.presenter.set_filters(
            self.boxes["user"].get(),
            self.boxes["action"].get(),
            since,
            until,
            self.boxes["entity"].get(),
            self.entity_id.get(),
        )

    def reset(self):
        for box in self.boxes.values():
            box.set("")
        self.entity_id.delete(0, "end")
        self.since.set_date(None)
        self.until.set_date(None)
        return self.presenter.set_filters()

    # --- presenter's view interface ---------------------------------------------------
    def show_page(self, rows, total, page, pages):
        self.panel.show(rows, total, page, pages)

    def show_message(self, value):
        self.message.configure(text=value)

    def refresh(self):
        self.presenter.load()
