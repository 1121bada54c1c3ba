"""The enterprise list: presenter (no Tk, testable with a fake view) and its Tk view.

The search box filters as you type (debounced 200 ms by the view); filters, sorting and
paging all go through :class:`EnterpriseListPresenter`, which calls the facade only.
导出Excel and 打印名单 write the list with its current filters (ui.list_output); 颁发证书…
issues certificates to the selected enterprises, one PDF (ui.dialogs.certificates).
"""

import tkinter as tk
from tkinter import messagebox, ttk

from gjz_registry import reference as ref
from ui import list_output
from ui import texts as T
from ui.output import OutputRunner, describe_certificates
from ui.widgets.pager import Pager
from ui.widgets.table import Table

PAGE_SIZE = 100
DEBOUNCE_MS = 200
FILTERS = ("street", "industry", "stage", "qualification", "status", "carrier")


def row_values(e):
    return (
        e.name,
        e.credit_code,
        e.street,
        e.industry or "",
        e.stage or T.NOT_IN_CHAIN,
        e.carrier or "",
        e.status,
    )


class EnterpriseListPresenter:
    """State and behaviour of the list; ``view`` needs show_page(rows, total, page, pages,
    sort_key, sort_desc) and open_record(record_id)."""

    def __init__(self, registry, view, page_size=PAGE_SIZE):
        self.registry = registry
        self.view = view
        self.page_size = page_size
        self.text = ""
        self.filters = {key: None for key in FILTERS}
        self.sort_key = "name"
        self.sort_desc = False
        self.page = 0
        self.total = 0

    # choices for the filter boxes
    def filter_choices(self):
        reference = self.registry.reference
        streets = reference.streets()
        if self.registry.actor.scoped:
            streets = [self.registry.actor.street]
        return {
            "street": streets,
            "industry": reference.industries(),
            "stage": list(ref.STAGES) + [T.NOT_IN_CHAIN],
            "qualification": list(ref.QUALIFICATION_KINDS),
            "status": list(ref.ENTERPRISE_STATUSES),
            "carrier": self.registry.carriers.names(),
        }

    @property
    def pages(self):
        return max(1, -(-self.total // self.page_size))

    @property
    def order_by(self):
        if self.sort_key is None:
            return "relevance"  # best search matches first
        return ("-" if self.sort_desc else "") + self.sort_key

    def load(self):
        page = self.registry.enterprises.list(
            text=self.text or None,
            order_by=self.order_by,
            offset=self.page * self.page_size,
            limit=self.page_size,
            **{k: v for k, v in self.filters.items() if v},
        )
        self.total = page.total
        rows = [(e.id, row_values(e)) for e in page.items]
        self.view.show_page(rows, page.total, self.page, self.pages, self.sort_key, self.sort_desc)
        return page

    def set_text(self, text):
        text = text.strip()
        if text == self.text:
            return None
        self.text = text
        self.page = 0
        # best matches first while searching; the user can still sort by a column
        self.sort_key = None if text else "name"
        self.sort_desc = False
        return self.load()

    def set_filter(self, key, value):
        self.filters[key] = None if value in (None, "", T.FILTER_ALL) else value
        if key == "stage" and value == T.NOT_IN_CHAIN:
            self.filters[key] = "未入驻"
        self.page = 0
        return self.load()

    def sort_by(self, key):
        if self.sort_key == key:
            self.sort_desc = not self.sort_desc
        else:
            self.sort_key, self.sort_desc = key, False
        self.page = 0
        return self.load()

    def go_to_page(self, index):
        self.page = max(0, min(index, self.pages - 1))
        return self.load()

    def open(self, record_id):
        self.view.open_record(record_id)

    # --- output with the current filters -------------------------------------------------
    def export_output(self):
        """导出Excel: the 企业信息 sheet of exactly the enterprises listed."""
        return list_output.enterprise_export(self.registry, self.filters, self.text)

    def print_output(self):
        """打印名单: a standard list when the filters are one, else the rows listed."""
        return list_output.enterprise_print(self.registry, self.filters, self.text, self.order_by)

    @property
    def can_issue(self):
        return self.registry.actor.can_write


class EnterpriseListView(ttk.Frame):
    """Widgets only: toolbar, search box, filter boxes, table and pager.

    Enter or double-click opens the record in its own form window; Ctrl+N makes a new one.
    """

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.on_open_record = on_open or self._open_form
        self.on_count = on_count
        self.presenter = EnterpriseListPresenter(registry, self)
        self.output = OutputRunner(self)
        self._pending = None
        toolbar = ttk.Frame(self)
        toolbar.pack(fill="x", pady=(0, 8))
        self.actions = [(T.OPEN, self.open_selected)]
        if registry.actor.can_write:
            self.actions.insert(0, (T.NEW + "（Ctrl+N）", self.new_record))
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        if self.presenter.can_issue:
            outputs.append((T.ISSUE_CERTIFICATES, self.issue_certificates))
        self.buttons = {}
        for index, (label, command) in enumerate(self.actions + outputs):
            button = ttk.Button(toolbar, text=label, command=command)
            button.pack(side="left", padx=(16 if index == len(self.actions) else 0, 6))
            self.buttons[label] = button
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, 8))
        ttk.Label(bar, text=T.SEARCH_LABEL).pack(side="left")
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(bar, textvariable=self.search_var, width=34)
        self.search.pack(side="left", padx=(6, 4))
        ttk.Label(bar, text=T.SEARCH_HINT, style="Muted.TLabel").pack(side="left", padx=(0, 12))
        self.search_var.trace_add("write", lambda *a: self._schedule())
        self.search.bind("<Return>", lambda e: self.search_now())
        self.search.bind("<Down>", lambda e: self.table.focus_first())
        self.filter_boxes = {}
        labels = {
            "street": T.FILTER_STREET,
            "industry": T.FILTER_INDUSTRY,
            "stage": T.FILTER_STAGE,
            "qualification": T.FILTER_QUALIFICATION,
            "status": T.FILTER_STATUS,
            "carrier": T.FILTER_CARRIER,
        }
        choices = self.presenter.filter_choices()
        filters = ttk.Frame(self)
        filters.pack(fill="x", pady=(0, 8))
        for key in FILTERS:
            ttk.Label(filters, text=labels[key]).pack(side="left", padx=(0, 4))
            box = ttk.Combobox(
                filters,
                values=[T.FILTER_ALL] + choices[key],
                state="readonly",
                width=max(6, min(16, max((len(c) for c in choices[key]), default=4) + 1)),
            )
            box.set(T.FILTER_ALL)
            box.bind(
                "<<ComboboxSelected>>",
                lambda e, k=key: self.presenter.set_filter(k, self.filter_boxes[k].get()),
            )
            box.pack(side="left", padx=(0, 12))
            self.filter_boxes[key] = box
        self.table = Table(
            self,
            T.ENTERPRISE_COLUMNS,
            on_open=self.presenter.open,
            on_sort=self.presenter.sort_by,
            menu_items=self.actions + outputs[2:],
        )
        self.table.pack(fill="both", expand=True)
        self.pager = Pager(self, self.presenter.go_to_page)
        self.pager.pack(fill="x", pady=(8, 0))
        self.presenter.load()

    # --- presenter's view interface ---------------------------------------------------
    def show_page(self, rows, total, page, pages, sort_key, sort_desc):
        self.table.set_rows(rows)
        self.table.show_sort(sort_key, sort_desc)
        self.pager.show(total, page, pages)
        if self.on_count:
            self.on_count(total)

    def open_record(self, record_id):
        if self.on_open_record:
            self.on_open_record(record_id)

    # --- behaviour ---------------------------------------------------------------------
    @property
    def row_count(self):
        return self.presenter.total

    def _schedule(self):
        if self._pending is not None:
            self.after_cancel(self._pending)
        self._pending = self.after(DEBOUNCE_MS, self.search_now)

    def search_now(self):
        if self._pending is not None:
            self.after_cancel(self._pending)
            self._pending = None
        self.presenter.set_text(self.search_var.get())

    def refresh(self):
        self.presenter.load()

    def open_selected(self):
        ids = self.table.selected_ids()
        if ids:
            self.presenter.open(ids[0])

    def new_record(self):
        if self.registry.actor.can_write:
            return self._open_form(None)
        return None

    def _open_form(self, record_id):
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(
            self.winfo_toplevel(), self.registry, record_id, on_saved=lambda record: self.refresh()
        )

    def focus_search(self):
        self.search.focus_set()
        self.search.select_range(0, "end")

    # --- output ------------------------------------------------------------------------
    def export_excel(self):
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output())

    def issue_certificates(self):
        """颁发证书… to the selected enterprises: one PDF, the refused ones listed."""
        from ui.dialogs.certificates import BatchIssueDialog

        ids = self.table.selected_ids()
        if not ids:
            messagebox.showinfo(T.ERROR_TITLE, T.SELECT_ENTERPRISES, parent=self)
            return None
        dialog = BatchIssueDialog(self, self.registry, ids)
        if dialog.result is None:
            return None
        return self.output.save(dialog.result, describe=describe_certificates)
