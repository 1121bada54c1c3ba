"""The carrier list (众创空间/孵化器/加速器/产业化基地): presenter (no Tk) and its Tk view.

Every user sees every carrier (an enterprise may move to a carrier in another street); the
service filters by kind, street, level and name, and the presenter sorts and pages the result
in memory, since a district has dozens of carriers, not thousands.  导出Excel and 打印名单
write the list with its current filters (ui.list_output).

The presenter part (no Tk) is ui.presenters.carriers.
"""

from ui import texts as T
from ui.output import OutputRunner
from ui.presenters.carriers import FILTER_LABELS, CarrierListPresenter
from ui.views.list_view import SingleListView, add_buttons


class CarrierListView(SingleListView):
    """Toolbar (新增 for writers, 打开), name filter, kind/street/level boxes, table, pager."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, registry, on_open=on_open, on_count=on_count)
        self.presenter = CarrierListPresenter(registry, self)
        self.output = OutputRunner(self)
        toolbar = self.add_bar()
        self.actions = self.record_actions(self.presenter.can_create)
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        self.buttons = add_buttons(toolbar, self.actions, outputs)
        bar = self.add_bar()
        self.add_search(bar, T.CARRIER_SEARCH_HINT, width=26, after=16)
        self.filter_boxes = self.add_filter_boxes(bar, FILTER_LABELS, extra=2)
        self.add_panel(T.CARRIER_COLUMNS, self.actions)
        self.presenter.load()

    def new_record(self):
        return self.presenter.new()

    def form_window(self):
        from ui.views.carrier_form import CarrierWindow

        return CarrierWindow

    def export_excel(self):
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output())
