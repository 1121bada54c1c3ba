"""报表证书: printed reports, the certificate register, and certificate checking.

报表 lists the reports of the command line's ``report`` (high-tech-list, tech-sme-list,
carrier-list, residents, statistics, targets); each takes the filters it understands (street
and year for the lists, the year for the statistics, the assessment period for targets) and
is written in the background to where the user chooses (ui.output).  The other two tabs are
in ui.views.certificates.
"""

import tkinter as tk
from tkinter import ttk

from ui import files, jobs
from ui import texts as T
from ui.list_output import Output, district
from ui.output import OutputRunner
from ui.views.certificates import CertificatesPanel, VerifyPanel
from ui.views.output_filters import FilterBoxes, OutputFilters

LIST_KINDS = ("high-tech-list", "tech-sme-list", "carrier-list", "residents")
# report kind → the filters it takes
REPORTS = {kind: ("street", "year") for kind in LIST_KINDS}
REPORTS["statistics"] = ("year",)
REPORTS["targets"] = ("period",)


class ReportsPresenter(OutputFilters):
    """The chosen report and its filters; :meth:`output` makes what 生成PDF… writes."""

    def __init__(self, registry):
        super().__init__(registry)
        self.kind = LIST_KINDS[0]

    def kinds(self):
        """[(kind, title, description)] of the reports on offer (targets only with a plan)."""
        return [
            (kind, T.REPORT_KINDS[kind], T.REPORT_NOTES[kind])
            for kind in REPORTS
            if kind != "targets" or self.periods
        ]

    def takes(self, kind=None):
        return REPORTS[kind or self.kind]

    def set_kind(self, kind):
        self.kind = kind

    def output(self):
        """The Output of the chosen report as PDF."""
        kind, where = self.kind, district(self.registry)
        title = T.REPORT_KINDS[kind]
        if kind in LIST_KINDS:
            name = files.default_name(title, "pdf", where, self.street, self.year)
            job = jobs.listing_pdf(self.registry, kind, self.street, self.year)
        elif kind == "statistics":
            name = files.default_name(title, "pdf", where, None, self.year)
            job = jobs.statistics_pdf(self.registry, self.year)
        else:
            name = files.safe_name(f"{where}{self.period_label()}{title}") + ".pdf"
            job = jobs.targets_pdf(self.registry, self.period)
        return Output(T.OUT_PDF_TITLE, name, "pdf", job)

    def excel_output(self):
        """导出Excel… of the assessment (the other reports have their exports in 导入导出)."""
        return self.targets_workbook_output()


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
        self.excel_button.state(["!disabled"] if p.kind == "targets" else ["disabled"])
        self.note.configure(text=T.REPORT_FILTER_NOTES[p.kind])

    def make_pdf(self):
        return self.output.save(self.presenter.output())

    def make_excel(self):
        if self.presenter.kind != "targets":
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
