"""导入导出: the import wizard, the standard Excel exports, and 导入记录 with 撤销.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.exchange.
"""

from gjz_registry import output_kinds
from ui import files, jobs
from ui import texts as T
from ui.list_output import Output, district
from ui.presenters.output_filters import OutputFilters
from ui.views.local_rows import LocalRows, text


def batch_values(b):
    kind = T.IMPORT_KIND_TITLES.get(b.kind, b.kind)
    return (
        b.id,
        text(b.at)[:16].replace("T", " "),
        b.user,
        b.file_name,
        kind,
        *b.counts(),
        b.status,
    )


class ExchangePresenter(OutputFilters):
    """``view`` needs show_batches(rows, total, page, pages, sort_key, sort_desc)."""

    def __init__(self, registry, view, page_size=100):
        super().__init__(registry)
        self.view = view
        self.batches = LocalRows([c[0] for c in T.BATCH_COLUMNS], page_size)

    @property
    def can_import(self):
        return self.registry.actor.can_write

    def load(self):
        records = self.registry.exchange.batches()
        self.batches.replace([(b.id, batch_values(b)) for b in records])
        self.show()

    def show(self):
        self.view.show_batches(*self.batches.current())

    def sort_by(self, key):
        self.batches.sort_by(key)
        self.show()

    def go_to_page(self, index):
        self.batches.go_to(index)
        self.show()

    def undo(self, batch_id):
        """Undo the batch; returns the UndoResult (RegistryError when refused)."""
        result = self.registry.exchange.undo(batch_id)
        self.load()
        return result

    def exports(self):
        """[(kind, title, available)] of the export buttons (gjz_registry.output_kinds); one
        taking an assessment period is available only with a plan."""
        return [
            (k.code, k.title, "period" not in k.takes or bool(self.periods))
            for k in output_kinds.export_kinds()
        ]

    def export_output(self, kind):
        """The Output of export ``kind`` with the filters it takes."""
        spec = output_kinds.export_kind(kind)
        takes = spec.takes
        street = self.street if "street" in takes else None
        year = self.year if "year" in takes else None
        if spec.source == "template":
            name = files.safe_name(T.TEMPLATE_FILE if kind == "template" else spec.title)
            name += ".xlsx"
            return Output(T.OUT_XLSX_TITLE, name, "xlsx", jobs.export(self.registry, kind))
        if spec.source == "targets":
            return self.targets_workbook_output()
        where = district(self.registry)
        title = spec.title
        if "year" in takes:
            name = files.default_name(title, "xlsx", where, street, year)
        else:
            name = files.default_name(title, "xlsx", where, street, stamp=True)
        filters = {k: v for k, v in (("street", street), ("year", year)) if v}
        return Output(T.OUT_XLSX_TITLE, name, "xlsx", jobs.export(self.registry, kind, **filters))
