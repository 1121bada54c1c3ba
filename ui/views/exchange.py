"""导入导出: the import wizard, the standard Excel exports, and 导入记录 with 撤销.

The presenter (no Tk) lists the import batches (the service shows a street user their own,
an administrator all), undoes one, and makes the export Outputs with the chosen street, year
and assessment period; the view lays out the three parts and runs the outputs in the
background (ui.output).
"""

from tkinter import messagebox, ttk

from gjz_registry import RegistryError
from ui import errors, files, jobs
from ui import texts as T
from ui.dialogs import confirm
from ui.events import announce_write
from ui.list_output import Output, district
from ui.output import OutputRunner
from ui.views.local_rows import LocalRows, text
from ui.views.output_filters import FilterBoxes, OutputFilters
from ui.widgets.listpanel import ListPanel

# export kind → (which filters it takes); in the order of the buttons
EXPORTS = {
    "enterprises": ("street",),
    "carriers": ("street",),
    "high-tech": ("street", "year"),
    "tech-sme": ("street", "year"),
    "residents": ("street",),
    "targets": ("period",),
    "template": (),
}


def batch_values(b):
    return (
        b.id,
        text(b.at)[:16].replace("T", " "),
        b.user,
        b.file_name,
        T.IMPORT_KIND_TITLES.get(b.kind, b.kind),
        b.total,
        b.created,
        b.updated,
        b.unchanged,
        b.skipped,
        b.rejected,
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

    def export_output(self, kind):
        """The Output of export ``kind`` with the filters it takes."""
        takes = EXPORTS[kind]
        street = self.street if "street" in takes else None
        year = self.year if "year" in takes else None
        if kind == "template":
            name = files.safe_name(T.TEMPLATE_FILE) + ".xlsx"
            return Output(T.OUT_XLSX_TITLE, name, "xlsx", jobs.export(self.registry, "template"))
        if kind == "targets":
            return self.targets_workbook_output()
        where = district(self.registry)
        title = T.EXPORT_KINDS[kind]
        if "year" in takes:
            name = files.default_name(title, "xlsx", where, street, year)
        else:
            name = files.default_name(title, "xlsx", where, street, stamp=True)
        filters = {k: v for k, v in (("street", street), ("year", year)) if v}
        return Output(T.OUT_XLSX_TITLE, name, "xlsx", jobs.export(self.registry, kind, **filters))


class ExchangeView(ttk.Frame):
    def __init__(self, parent, registry, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.on_count = on_count
        self.presenter = ExchangePresenter(registry, self)
        self.output = OutputRunner(self)
        self.wizard = None
        p = self.presenter
        ttk.Label(self, text=T.EXCHANGE_IMPORT, style="Heading.TLabel").pack(anchor="w")
        row = ttk.Frame(self)
        row.pack(fill="x", pady=(4, 14))
        self.import_button = ttk.Button(
            row, text=T.IMPORT_BUTTON, style="Accent.TButton", command=self.open_wizard
        )
        self.import_button.pack(side="left")
        hint = T.IMPORT_HINT if p.can_import else T.IMPORT_READONLY
        ttk.Label(row, text=hint, style="Muted.TLabel").pack(side="left", padx=(12, 0))
        if not p.can_import:
            self.import_button.state(["disabled"])
        ttk.Label(self, text=T.EXCHANGE_EXPORT, style="Heading.TLabel").pack(anchor="w")
        filters = FilterBoxes(self, p)
        filters.pack(fill="x", pady=(4, 6))
        self.street_box, self.year_box = filters.street_box, filters.year_box
        self.period_box = filters.period_box
        ttk.Label(filters, text=T.EXPORT_FILTER_NOTE, style="Muted.TLabel").pack(side="left")
        buttons = ttk.Frame(self)
        buttons.pack(fill="x", pady=(0, 14))
        self.export_buttons = {}
        for kind in EXPORTS:
            button = ttk.Button(
                buttons, text=T.EXPORT_KINDS[kind], command=lambda k=kind: self.export(k)
            )
            button.pack(side="left", padx=(0, 6))
            self.export_buttons[kind] = button
        if not p.periods:
            self.export_buttons["targets"].state(["disabled"])
        head = ttk.Frame(self)
        head.pack(fill="x")
        ttk.Label(head, text=T.EXCHANGE_BATCHES, style="Heading.TLabel").pack(side="left")
        ttk.Button(head, text=T.REFRESH, command=self.refresh).pack(side="right")
        self.undo_button = ttk.Button(head, text=T.UNDO_BATCH, command=self.undo_selected)
        self.undo_button.pack(side="right", padx=(0, 6))
        if not p.can_import:
            self.undo_button.state(["disabled"])
        self.undo_note = ttk.Label(head, style="Muted.TLabel")
        self.undo_note.pack(side="right", padx=(0, 12))
        self.panel = ListPanel(
            self,
            T.BATCH_COLUMNS,
            on_sort=p.sort_by,
            on_page=p.go_to_page,
            menu_items=[(T.UNDO_BATCH, self.undo_selected)] if p.can_import else (),
        )
        self.panel.pack(fill="both", expand=True, pady=(4, 0))
        p.load()

    # --- the presenter's view interface -------------------------------------------------
    def show_batches(self, rows, total, page, pages, sort_key, sort_desc):
        self.panel.show(rows, total, page, pages, sort_key, sort_desc)
        if self.on_count and self.winfo_ismapped():
            self.on_count(total)

    # --- behaviour ---------------------------------------------------------------------
    @property
    def row_count(self):
        return self.presenter.batches.total

    def refresh(self):
        self.presenter.load()

    def open_wizard(self, path=None):
        from ui.wizard.window import ImportWizard

        if self.wizard is not None and self.wizard.winfo_exists():
            self.wizard.lift()
            return self.wizard
        self.wizard = ImportWizard(self, self.registry, on_imported=self._imported, path=path)
        return self.wizard

    def _imported(self, result):
        self.refresh()
        announce_write(self)  # 首页, if the user went there meanwhile, catches up

    def export(self, kind):
        return self.output.save(self.presenter.export_output(kind))

    def undo_selected(self):
        batch_id = self.panel.selected_id()
        if batch_id is None:
            messagebox.showinfo(T.ERROR_TITLE, T.NOTHING_SELECTED, parent=self)
            return None
        question = T.UNDO_CONFIRM.format(batch=batch_id)
        if not confirm.ask(self, T.UNDO_CONFIRM_TITLE, question, ok=T.UNDO_OK):
            return None
        try:
            done = self.presenter.undo(batch_id)
        except RegistryError as exc:
            errors.show(exc, parent=self)
            return None
        self.undo_note.configure(
            text=T.UNDO_DONE.format(
                batch=done.batch_id, removed=done.removed, restored=done.restored
            )
        )
        return done
