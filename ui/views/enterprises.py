"""The enterprise list: presenter (no Tk, testable with a fake view) and its Tk view.

The search box filters as you type (debounced 200 ms by the view); filters, sorting and
paging all go through :class:`EnterpriseListPresenter`, which calls the facade only.
导出Excel and 打印名单 write the list with its current filters (ui.list_output); 颁发证书…
issues certificates to the selected enterprises, one PDF (ui.dialogs.certificates).
"""

from tkinter import messagebox

from gjz_registry import reference as ref
from gjz_registry.fields import ENTERPRISE
from ui import list_output
from ui import texts as T
from ui.output import OutputRunner, describe_certificates
from ui.views.list_presenter import chosen
from ui.views.list_view import SingleListView, add_buttons

PAGE_SIZE = 100
FILTER_LABELS = {
    "street": T.FILTER_STREET,
    "industry": T.FILTER_INDUSTRY,
    "stage": T.FILTER_STAGE,
    "qualification": T.FILTER_QUALIFICATION,
    "status": T.FILTER_STATUS,
    "carrier": T.FILTER_CARRIER,
    # and the fields the spec marks as list filters (a vocabulary each)
    **{f.code: f.heading for f in ENTERPRISE.filters},
}
FILTERS = tuple(FILTER_LABELS)
COLUMN_CODES = tuple(code for code, _, _ in list_output.ENTERPRISE_COLUMNS)


def row_values(e):
    return tuple(list_output.enterprise_cells(e, COLUMN_CODES))


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
            **{f.code: list(f.vocabulary) for f in ENTERPRISE.filters},
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
        self.filters[key] = chosen(value)
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


class EnterpriseListView(SingleListView):
    """Widgets only: toolbar, search box, filter boxes, table and pager.

    Enter or double-click opens the record in its own form window; Ctrl+N makes a new one.
    """

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, registry, on_open=on_open, on_count=on_count)
        self.presenter = EnterpriseListPresenter(registry, self)
        self.output = OutputRunner(self)
        toolbar = self.add_bar()
        self.actions = self.record_actions(registry.actor.can_write)
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        if self.presenter.can_issue:
            outputs.append((T.ISSUE_CERTIFICATES, self.issue_certificates))
        self.buttons = add_buttons(toolbar, self.actions, outputs)
        self.add_search(self.add_bar(), T.SEARCH_HINT, width=34, after=12)
        self.filter_boxes = self.add_filter_boxes(self.add_bar(), FILTER_LABELS, extra=1)
        self.add_panel(list_output.ENTERPRISE_COLUMNS, self.actions + outputs[2:])
        self.presenter.load()

    def new_record(self):
        if self.registry.actor.can_write:
            return self._open_form(None)
        return None

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
