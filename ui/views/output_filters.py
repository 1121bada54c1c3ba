"""The street, year and assessment period that 导入导出's exports and 报表's reports are made for.

``OutputFilters`` is the presenters' part (no Tk): the chosen values, the streets the user may
choose (a street user only their own: no 「全部」, and it is chosen from the start), and the
目标完成情况 workbook of the chosen period, which both screens offer.  ``FilterBoxes`` is the
views' part: the three read-only boxes, left to right, passing each choice to the presenter.

The presenter part (no Tk) is ui.presenters.output_filters.
"""

from tkinter import ttk

from ui import texts as T
from ui.list_output import year_choices
from ui.views.list_view import add_choice

GAP = 14  # pixels after each box


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
