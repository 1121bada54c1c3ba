"""Qualifications: the valid ones of a kind, and those about to expire, with days left.

Two tabs: 有效资质 (qualifications.current(kind, street)) and 即将到期
(qualifications.expiring(N days, kind), N one of 30/60/90/180).  District users may filter by
street; a street user's lists are their street's already (the service scopes them).  Rows
are keyed by qualification id and open the enterprise form.  The presenter has no Tk.
导出Excel writes the 有效资质 list's standard export; 打印名单 prints the tab on screen
(the standard 高企/科小 list when it is one of those).

The presenter part (no Tk) is ui.presenters.qualifications.
"""

from ui import texts as T
from ui.output import OutputRunner
from ui.presenters.qualifications import DEFAULT_DAYS, LISTS, QualificationsPresenter
from ui.views.list_view import TabbedListView, add_buttons, add_choice


class QualificationsView(TabbedListView):
    """Street filter and name filter on top, then a notebook: 有效资质 and 即将到期."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, registry, on_open=on_open, on_count=on_count)
        self.presenter = QualificationsPresenter(registry, self)
        self.output = OutputRunner(self)
        choices = self.presenter.choices()
        bar = self.add_bar()
        menu = [(T.OPEN, self.open_selected)]
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        self.buttons = add_buttons(bar, menu, outputs, gap=10)
        self.excel_button = self.buttons[T.EXPORT_EXCEL]
        self.print_button = self.buttons[T.PRINT_LIST]
        self.add_search(bar, T.QUAL_SEARCH_HINT, width=26, before=10, after=16)
        self.street_box = None
        if self.presenter.street_filter:
            streets = [T.FILTER_ALL] + choices["street"]
            self.street_box = add_choice(
                bar, T.FILTER_STREET, streets, 16, self.presenter.set_street
            )
        self.add_notebook(LISTS, menu, filters=True)
        valid_bar = self.notebook.filter_bars["valid"]
        self.kind_box = add_choice(
            valid_bar, T.QUAL_KIND_LABEL, choices["kind"], 16, self.presenter.set_kind
        )
        self.kind_box.set(self.presenter.kind)
        soon_bar = self.notebook.filter_bars["expiring"]
        self.expiring_kind_box = add_choice(
            soon_bar,
            T.QUAL_KIND_LABEL,
            [T.FILTER_ALL] + choices["kind"],
            16,
            self.presenter.set_expiring_kind,
        )
        self.days_box = add_choice(
            soon_bar, T.QUAL_WITHIN_LABEL, choices["days"], 10, self.presenter.set_days
        )
        self.days_box.set(T.QUAL_WITHIN_CHOICE.format(days=DEFAULT_DAYS))
        self.presenter.load()

    # --- behaviour ---------------------------------------------------------------------
    def _tab_changed(self):
        super()._tab_changed()
        # the expiring list has no standard export; it can be printed
        valid = self.current_key() == "valid"
        self.excel_button.state(["!disabled"] if valid else ["disabled"])

    def export_excel(self):
        if self.current_key() != "valid":
            return None
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output(self.current_key()))
