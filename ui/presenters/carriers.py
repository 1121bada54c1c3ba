"""The carrier list (众创空间/孵化器/加速器/产业化基地).

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.carriers.
"""

from gjz_registry import reference as ref
from ui import list_output
from ui import texts as T
from ui.views.list_presenter import chosen
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
