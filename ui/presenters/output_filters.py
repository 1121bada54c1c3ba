"""The street, year and assessment period that 导入导出's exports and 报表's reports are made for.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.output_filters.
"""

from ui import files, jobs
from ui import texts as T
from ui.list_output import Output, district, period_choices
from ui.views.list_presenter import chosen


class OutputFilters:
    """``street`` (None: all; a street user's own street for them), ``year`` (None: this
    year) and ``period`` (a code of ``periods``, [(code, label)] of the action plan; none
    without a plan)."""

    def __init__(self, registry):
        self.registry = registry
        actor = registry.actor
        self.street = actor.street if actor.scoped else None
        self.year = None
        self.periods, self.period = period_choices(registry)

    def street_choices(self):
        """What the 街道 box offers, the chosen one first: 全部 and every street — for a street
        user only their own street (their outputs hold nothing else)."""
        if self.registry.actor.scoped:
            return [self.registry.actor.street]
        return [T.FILTER_ALL] + self.registry.reference.streets()

    def set_street(self, value):
        self.street = chosen(value)

    def set_year(self, value):
        self.year = value

    def set_period(self, value):
        self.period = value

    def period_label(self):
        """「2019年下半年」 of the chosen period ('' without a plan)."""
        return dict(self.periods).get(self.period, "")

    def targets_workbook_output(self):
        """The Output of the 目标完成情况 workbook (xlsx) of the chosen period."""
        where = district(self.registry)
        name = files.safe_name(f"{where}{self.period_label()}{T.TARGETS_FILE}") + ".xlsx"
        job = jobs.targets_workbook(self.registry, self.period)
        return Output(T.OUT_XLSX_TITLE, name, "xlsx", job)
