"""The enterprise list: presenter (no Tk, testable with a fake view) and its Tk view.

The search box filters as you type (debounced 200 ms by the view); filters, sorting and
paging all go through :class:`EnterpriseListPresenter`, which calls the facade only.
导出Excel and 打印名单 write the list with its current filters (ui.list_output); 颁发证书…
issues certificates to the selected enterprises, one PDF (ui.dialogs.certificates).

The presenter part (no Tk) is ui.presenters.enterprises.
"""

from tkinter import messagebox

from ui import list_output
from ui import texts as T
from ui.output import OutputRunner, describe_certificates
from ui.presenters.enterprises import FILTER_LABELS, EnterpriseListPresenter
from ui.views.list_view import SingleListView, add_buttons


class EnterpriseListView(SingleListView):
    """Widgets only: toolbar, search box, filter boxes, table and pager.

    Enter or double-click opens the record in its own form window; Ctrl+N makes a new one.
    """

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, registry, on_open=on_open, on_count=on_count)
        self.presenter = EnterpriseListPresenter(registry, self)
        self.output = OutputRunner(self)
        toolbar = self.add_bar()
        self.actions = self.record_actions(registry.actor.can_write)
        outputs = [(T.EXPORT_EXCEL, self.export_excel), (T.PRINT_LIST, self.print_list)]
        if self.presenter.can_issue:
            outputs.append((T.ISSUE_CERTIFICATES, self.issue_certificates))
        self.buttons = add_buttons(toolbar, self.actions, outputs)
        self.add_search(self.add_bar(), T.SEARCH_HINT, width=34, after=12)
        self.filter_boxes = self.add_filter_boxes(self.add_bar(), FILTER_LABELS, extra=1)
        self.add_panel(list_output.ENTERPRISE_COLUMNS, self.actions + outputs[2:])
        self.presenter.load()

    def new_record(self):
        if self.registry.actor.can_write:
            return self._open_form(None)
        return None

    # --- output ------------------------------------------------------------------------
    def export_excel(self):
        return self.output.save(self.presenter.export_output())

    def print_list(self):
        return self.output.save(self.presenter.print_output())

    def issue_certificates(self):
        """颁发证书… to the selected enterprises: one PDF, the refused ones listed."""
        from ui.dialogs.certificates import BatchIssueDialog

        ids = self.table.selected_ids()
        if not ids:
            messagebox.showinfo(T.ERROR_TITLE, T.SELECT_ENTERPRISES, parent=self)
            return None
        dialog = BatchIssueDialog(self, self.registry, ids)
        if dialog.result is None:
            return None
        return self.output.save(dialog.result, describe=describe_certificates)
