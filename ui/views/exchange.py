"""导入导出: the import wizard, the standard Excel exports, and 导入记录 with 撤销.

The presenter (no Tk) lists the import batches (the service shows a street user their own,
an administrator all), undoes one, and makes the export Outputs with the chosen street, year
and assessment period; the view lays out the three parts and runs the outputs in the
background (ui.output).

The presenter part (no Tk) is ui.presenters.exchange.
"""

from tkinter import messagebox, ttk

from gjz_registry import RegistryError
from ui import errors
from ui import texts as T
from ui.dialogs import confirm
from ui.events import announce_write
from ui.output import OutputRunner
from ui.presenters.exchange import ExchangePresenter
from ui.views.output_filters import FilterBoxes
from ui.widgets.listpanel import ListPanel


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
        for kind, title, available in p.exports():
            button = ttk.Button(buttons, text=title, command=lambda k=kind: self.export(k))
            button.pack(side="left", padx=(0, 6))
            if not available:
                button.state(["disabled"])
            self.export_buttons[kind] = button
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
