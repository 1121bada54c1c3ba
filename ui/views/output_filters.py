"""The street, year and assessment period that 导入导出's exports and 报表's reports are made for.

``OutputFilters`` is the presenters' part (no Tk): the chosen values, the streets the user may
choose (a street user only their own: no 「全部」, and it is chosen from the start), and the
目标完成情况 workbook of the chosen period, which both screens offer.  ``FilterBoxes`` is the
views' part: the three read-only boxes, left to right, passing each choice to the presenter.
"""

from tkinter import ttk

from ui import files, jobs
from ui import texts as T
from ui.list_output import Output, district, period_choices, year_choices
from ui.views.list_presenter import chosen
from ui.views.list_view import add_choice

GAP = 14  # pixels after each box


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


class FilterBoxes(ttk.Frame):
    """所属街道, 年度 and 考核期 boxes (``street_box``, ``year_box``, ``period_box``) calling
    ``presenter``'s set_street, set_year and set_period (an OutputFilters)."""

    def __init__(self, parent, presenter):
        super().__init__(parent)
        p = presenter
        streets = p.street_choices()
        self.street_box = add_choice(self, T.FILTER_STREET, streets, 14, p.set_street, GAP)
        years = {label: year for year, label in year_choices()}
        self.year_box = add_choice(
            self, T.FILTER_YEAR, list(years), 8, lambda label: p.set_year(years.get(label)), GAP
        )
        codes = {label: code for code, label in p.periods}
        labels = list(codes) or [T.NO_PLAN]
        self.period_box = add_choice(
            self, T.FILTER_PERIOD, labels, 14, lambda label: p.set_period(codes.get(label)), GAP
        )
        self.period_box.set(p.period_label() or labels[0])
