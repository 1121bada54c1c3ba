"""报表证书: printed reports, the certificate register, and certificate checking.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.reports.
"""

from gjz_registry import output_kinds
from ui import files, jobs
from ui import texts as T
from ui.list_output import Output, district
from ui.presenters.output_filters import OutputFilters


class ReportsPresenter(OutputFilters):
    """The chosen report and its filters; :meth:`output` makes what 生成PDF… writes."""

    def __init__(self, registry):
        super().__init__(registry)
        self.kind = output_kinds.report_kinds()[0].code

    def kinds(self):
        """[(kind, title, description)] of the reports on offer (gjz_registry.output_kinds;
        those taking an assessment period only with a plan)."""
        return [
            (k.code, k.title, k.note)
            for k in output_kinds.report_kinds()
            if "period" not in k.takes or self.periods
        ]

    def takes(self, kind=None):
        return output_kinds.report_kind(kind or self.kind).takes

    def filter_note(self):
        return output_kinds.report_kind(self.kind).filter_note

    def has_excel(self):
        """Whether the chosen report is also written as a workbook (导出Excel…)."""
        return "xlsx" in output_kinds.report_kind(self.kind).formats

    def set_kind(self, kind):
        self.kind = kind

    def output(self):
        """The Output of the chosen report as PDF."""
        kind, where = output_kinds.report_kind(self.kind), district(self.registry)
        title = kind.title
        if kind.source == "listing":
            name = files.default_name(title, "pdf", where, self.street, self.year)
            job = jobs.listing_pdf(self.registry, kind.code, self.street, self.year)
        elif kind.source == "statistics":
            name = files.default_name(title, "pdf", where, None, self.year)
            job = jobs.statistics_pdf(self.registry, self.year)
        elif kind.source in ("review", "ranking"):
            year = self.year or self.registry.reviews.default_year()
            name = files.default_name(title, "pdf", where, None, year)
            job = jobs.review_pdf(self.registry, year, ranking=kind.source == "ranking")
        else:
            name = files.safe_name(f"{where}{self.period_label()}{title}") + ".pdf"
            job = jobs.targets_pdf(self.registry, self.period)
        return Output(T.OUT_PDF_TITLE, name, "pdf", job)

    def excel_output(self):
        """导出Excel… of the assessment (the other reports have their exports in 导入导出)."""
        return self.targets_workbook_output()
