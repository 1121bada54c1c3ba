"""The Excel exchange as one facade attribute: ``registry.exchange`` (DESIGN §3).

me.exchange.preview(path)                       # header, mapping, first rows + errors
me.exchange.import_file(path, dry_run=True)     # ImportResult
me.exchange.batches(); me.exchange.undo(batch_id)
me.exchange.export("enterprises", "out.xlsx", street="大连湾街道")
me.exchange.template("模板.xlsx")
"""

from gjz_registry.exchange.exporter import EXPORTS, ExportService, register_export
from gjz_registry.exchange.importer import ImportService
from gjz_registry.exchange.undo import UndoService
from gjz_registry.services.base import Service


class ExchangeService(Service):
    """Import, undo and export, as the registry's actor."""

    def __init__(self, registry):
        super().__init__(registry)
        self.importer = ImportService(registry)
        self.exporter = ExportService(registry)
        self.undoer = UndoService(registry)

    def preview(self, path, kind=None, sheet=None, mapping=None, **options):
        """See ImportService.preview."""
        return self.importer.preview(path, kind=kind, sheet=sheet, mapping=mapping, **options)

    def import_file(self, path, **options):
        """See ImportService.import_file."""
        return self.importer.import_file(path, **options)

    def batches(self, limit=100):
        """See UndoService.batches."""
        return self.undoer.batches(limit)

    def undo(self, batch_id):
        """See UndoService.undo."""
        return self.undoer.undo(batch_id)

    def export(self, kind, path, **filters):
        """See ExportService.export."""
        return self.exporter.export(kind, path, **filters)

    def template(self, path):
        """The blank import template (see exchange.template)."""
        return self.exporter.export("template", path)

    def export_kinds(self):
        """{kind: Chinese title} of the exports on offer."""
        return self.exporter.kinds()


__all__ = ["ExchangeService", "EXPORTS", "register_export"]
