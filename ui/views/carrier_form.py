"""The carrier form: presenter (no Tk) and window, with the tabs 在孵企业, 毕业企业, 年度运营
(ui.views.year_tab), 操作记录.

Fields are checked as the user leaves them with the rules the service applies on save
(``CarrierService.clean``); a stale version is refused with the service's message.  Every
user may read every carrier; street users edit only their own street's carriers (the street
is fixed for them) and viewers edit nothing.  Admission starts from the enterprise (its
孵化历程 tab), not here: the 在孵企业 tab only lists and opens the residents.

The presenter part (no Tk) is ui.presenters.carrier_form.
"""

from tkinter import ttk

from ui import texts as T
from ui.presenters.carrier_form import CarrierFormPresenter
from ui.presenters.yearly import CarrierYearPresenter
from ui.views.record_window import RecordWindow, TableTab
from ui.views.year_tab import YearTab


class ListTab(TableTab):
    """A note line above the table."""

    def __init__(self, window, title, columns, rows, note="", on_open=None):
        super().__init__(window, title, columns, rows, on_open=on_open)
        self.note = ttk.Label(self, text=note, style="Muted.TLabel")
        self.note.pack(anchor="w", pady=(0, 6), before=self.table)


class CarrierWindow(RecordWindow):
    """The carrier form in its own window; ``on_saved(record)`` lets the list refresh."""

    presenter_class = CarrierFormPresenter
    title_format = T.CARRIER_TITLE
    new_title = T.CARRIER_NEW
    message_wrap = 820

    def build_tabs(self):
        p = self.presenter
        self.tabs["residents"] = ListTab(
            self,
            T.TAB_RESIDENTS,
            T.CARRIER_RESIDENT_COLUMNS,
            p.resident_rows,
            p.residents_note(),
            on_open=self.open_enterprise,
        )
        self.tabs["graduates"] = ListTab(
            self, T.TAB_GRADUATES, T.CARRIER_GRADUATE_COLUMNS, p.graduate_rows, T.GRADUATES_NOTE
        )
        self.tabs["years"] = YearTab(self, T.TAB_CARRIER_YEAR, CarrierYearPresenter)
        self.tabs["audit"] = TableTab(self, T.TAB_AUDIT, T.AUDIT_COLUMNS, p.audit_rows)

    def open_enterprise(self, enterprise_id):
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(
            self, self.registry, enterprise_id, on_saved=lambda record: self.refresh_tabs()
        )
