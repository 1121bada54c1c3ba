"""报表证书: printed reports, the certificate register, and certificate checking.

报表 lists the reports of the command line's ``report`` (gjz_registry.output_kinds: the lists,
the statistics, the plan assessment); each takes the filters the registry says it takes and
is written in the background to where the user chooses (ui.output).  The other two tabs are
in ui.views.certificates.

The presenter part (no Tk) is ui.presenters.reports.
"""

import tkinter as tk
from tkinter import ttk

from ui import texts as T
from ui.output import OutputRunner
from ui.presenters.reports import ReportsPresenter
from ui.views.certificates import CertificatesPanel, VerifyPanel
from ui.views.output_filters import FilterBoxes


class ReportsPanel(ttk.Frame):
    def __init__(self, parent, registry):
        super().__init__(parent, padding=(0, 12, 0, 0))
        self.presenter = ReportsPresenter(registry)
        self.output = OutputRunner(self)
        p = self.presenter
        ttk.Label(self, text=T.REPORTS_CHOOSE, style="Heading.TLabel").pack(anchor="w")
        choices = ttk.Frame(self)
        choices.pack(anchor="w", fill="x", pady=(6, 12))
        self.kind_var = tk.StringVar(value=p.kind)
        self.kind_buttons = {}
        for row, (kind, title, note) in enumerate(p.kinds()):
            button = ttk.Radiobutton(
                choices, text=title, value=kind, variable=self.kind_var, command=self._kind
            )
            button.grid(row=row, column=0, sticky="w", pady=3)
            ttk.Label(choices, text=note, style="Muted.TLabel").grid(
                row=row, column=1, sticky="w", padx=(18, 0)
            )
            self.kind_buttons[kind] = button
        ttk.Label(self, text=T.REPORTS_FILTERS, style="Heading.TLabel").pack(anchor="w")
        filters = FilterBoxes(self, p)
        filters.pack(anchor="w", pady=(6, 12))
        self.street_box, self.year_box = filters.street_box, filters.year_box
        self.period_box = filters.period_box
        buttons = ttk.Frame(self)
        buttons.pack(anchor="w")
        self.pdf_button = ttk.Button(
            buttons, text=T.MAKE_PDF, style="Accent.TButton", command=self.make_pdf
        )
        self.pdf_button.pack(side="left")
        self.excel_button = ttk.Button(buttons, text=T.EXPORT_EXCEL, command=self.make_excel)
        self.excel_button.pack(side="left", padx=(8, 0))
        self.note = ttk.Label(self, style="Muted.TLabel", wraplength=760, justify="left")
        self.note.pack(anchor="w", pady=(10, 0))
        self._kind()

    def choose(self, kind):
        """Select report ``kind`` as a click on its button would."""
        self.kind_var.set(kind)
        self._kind()

    def _kind(self):
        p = self.presenter
        p.set_kind(self.kind_var.get())
        takes = p.takes()
        for key, box in (("street", self.street_box), ("year", self.year_box)):
            box.state(["!disabled", "readonly"] if key in takes else ["disabled"])
        self.period_box.state(
            ["!disabled", "readonly"] if "period" in takes and p.periods else ["disabled"]
        )
        self.excel_button.state(["!disabled"] if p.has_excel() else ["disabled"])
        self.note.configure(text=p.filter_note())

    def make_pdf(self):
        return self.output.save(self.presenter.output())

    def make_excel(self):
        if not self.presenter.has_excel():
            return None
        return self.output.save(self.presenter.excel_output())


class ReportsView(ttk.Frame):
    """Three tabs: 报表, 证书登记簿, 证书核验."""

    def __init__(self, parent, registry, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.on_count = on_count
        self.notebook = ttk.Notebook(self)
        self.notebook.pack(fill="both", expand=True)
        self.notebook.enable_traversal()
        self.reports = ReportsPanel(self.notebook, registry)
        self.certificates = CertificatesPanel(self.notebook, registry, on_count=self._count)
        self.verify = VerifyPanel(self.notebook, registry)
        self.notebook.add(self.reports, text=T.TAB_REPORTS)
        self.notebook.add(self.certificates, text=T.TAB_CERTIFICATES)
        self.notebook.add(self.verify, text=T.TAB_VERIFY)
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._count())

    def select(self, key):
        tab = {"reports": self.reports, "certificates": self.certificates, "verify": self.verify}
        self.notebook.select(tab[key])
        self.update_idletasks()

    def _register_shown(self):
        panel = getattr(self, "certificates", None)  # None while the panel is being built
        return panel is not None and str(self.notebook.select()) == str(panel)

    @property
    def row_count(self):
        """The certificates listed when 证书登记簿 is the tab on screen, else None."""
        return self.certificates.presenter.total if self._register_shown() else None

    def _count(self, total=None):
        if not self.on_count:
            return
        if self._register_shown():
            self.on_count(self.certificates.presenter.total if total is None else total)
        elif total is None:  # the tab changed to one without a list
            self.on_count(None)

    def refresh(self):
        self.certificates.refresh()

    def focus_search(self):
        self.select("certificates")
        self.certificates.search.focus_set()
