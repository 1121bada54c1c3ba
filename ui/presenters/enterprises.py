"""The enterprise list.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.enterprises.
"""

from gjz_registry import reference as ref
from gjz_registry.fields import ENTERPRISE
from ui import list_output
from ui import texts as T
from ui.views.list_presenter import chosen
from ui.views.local_rows import next_sort

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
        self.shown = None  # the Page on screen: its keys lead to the pages beside it

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

    def load(self, beside=None):
        """Show page ``self.page``; ``beside`` (after/before) when it is the page after or
        before the one on screen, found from that page's last or first row (keyset paging:
        services.paging), so paging on from page 5 000 is as fast as from page 1."""
        page = self.registry.enterprises.list(
            text=self.text or None,
            order_by=self.order_by,
            offset=self.page * self.page_size,
            limit=self.page_size,
            **(beside or {}),
            **{k: v for k, v in self.filters.items() if v},
        )
        self.total = page.total
        self.shown = page
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
        self.sort_key, self.sort_desc = next_sort(self.sort_key, self.sort_desc, key)
        self.page = 0
        return self.load()

    def go_to_page(self, index):
        index = max(0, min(index, self.pages - 1))
        shown, beside = self.shown, None
        if shown is not None and shown.items and shown.offset == self.page * self.page_size:
            if index == self.page + 1:
                beside = {"after": shown.last_key, "total": shown.total}
            elif index == self.page - 1:
                beside = {"before": shown.first_key, "total": shown.total}
        self.page = index
        return self.load(beside)

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
