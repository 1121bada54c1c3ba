"""The carrier list (众创空间/孵化器/加速器/产业化基地): presenter (no Tk) and its Tk view.

Every user sees every carrier (an enterprise may move to a carrier in another street); the
service filters by kind, street, level and name, and the presenter sorts and pages the result
in memory, since a district has dozens of carriers, not thousands.  导出Excel and 打印名单
write the list with its current filters (ui.list_output).
"""

from gjz_registry import reference as ref
from ui import list_output
from ui import texts as T
from ui.output import OutputRunner
from ui.views.list_presenter import chosen
from ui.views.list_view import SingleListView, add_buttons
from ui.views.local_rows import LocalRows, text

FILTER_LABELS = {"kind": T.FILTER_KIND, "street": T.FILTER_STREET, "level": T.FILTER_LEVEL}
FILTERS = tuple(FILTER_LABELS)
ALL_CARRIERS = 100000  # the service pages; a district never comes near this many


def row_values(c):
    return (c.name, c.kind, c.level, c.street or "", text(c.area_m2), c.residents, c.status)


def _kind_order(kind):
    return ref.CARRIER_KINDS.index(kind) if kind in ref.CARRIER_KINDS else len(ref.CARRIER_KINDS)


class CarrierListPresenter:
    """State of the list; ``view`` needs show_page(rows, total, page, pages, sort_key,
    sort_desc) and open_record(record_id)."""

    def __init__(self, registry, view, page_size=100):
        self.registry = registry
        self.view = view
        self.text = ""
        self.filters = {key: None for key in FILTERS}
        self.rows = LocalRows([c[0] for c in T.CARRIER_COLUMNS], page_size)

    @property
    def can_create(self):
        return self.registry.actor.can_write

    def filter_choices(self):
        return {
            "kind": list(ref.CARRIER_KINDS),
            "street": self.registry.reference.streets(),
            "level": list(ref.CARRIER_LEVELS),
        }

    @property
    def total(self):
        return self.rows.total

    def load(self):
        page = self.registry.carriers.list(
            text=self.text or None, offset=0, limit=ALL_CARRIERS, **self.filters
        )
        # the chain's order (苗圃 → 产业化基地), then by name, until a heading is clicked
        items = sorted(page.items, key=lambda c: (_kind_order(c.kind), c.name))
        self.rows.replace([(c.id, row_values(c)) for c in items])
        return self.show()

    def show(self):
        current = self.rows.current()
        self.view.show_page(*current)
        return current

    def set_text(self, value):
        value = (value or "").strip()
        if value == self.text:
            return None
        self.text = value
        self.rows.page = 0
        return self.load()

    def set_filter(self, key, value):
        self.filters[key] = chosen(value)
        self.rows.page = 0
        return self.load()

    def sort_by(self, key):
        self.rows.sort_by(key)
        return self.show()

    def go_to_page(self, index):
        self.rows.go_to(index)
        return self.show()

    def open(self, record_id):
        return self.view.open_record(record_id)

    def new(self):
        """Open an empty form (writers only); returns what the view's open_record returns."""
        return self.view.open_record(None) if self.can_create else None

    def export_output(self):
        return list_output.carrier_export(self.registry, self.filters, self.text)

    def print_output(self):
        headers = [heading for _, heading, _ in T.CARRIER_COLUMNS]
        rows = self.rows.matching()
        return list_output.carrier_print(self.registry, self.filters, self.text, rows, headers)


class CarrierListView(SingleListView):
    """Toolbar (新增 for writers, 打开), name filter, kind/street/level boxes, table, pager."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, registry, on_open=on_open, on_count=on_count)
        self.presenter = CarrierListPresenter(registry, self)
        self.output = OutputRunner(self)
        toolbar = self.add_bar()
        self.actions = self.record_actions(self.presenter.can_create)
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        self.buttons = add_buttons(toolbar, self.actions, outputs)
        bar = self.add_bar()
        self.add_search(bar, T.CARRIER_SEARCH_HINT, width=26, after=16)
        self.filter_boxes = self.add_filter_boxes(bar, FILTER_LABELS, extra=2)
        self.add_panel(T.CARRIER_COLUMNS, self.actions)
        self.presenter.load()

    def new_record(self):
        return self.presenter.new()

    def form_window(self):
        from ui.views.carrier_form import CarrierWindow

        return CarrierWindow

    def export_excel(self):
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output())
