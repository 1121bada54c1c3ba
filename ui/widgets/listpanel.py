"""A Table with its Pager underneath: the list part of the carrier, chain and qualification
screens.  ``show(...)`` takes exactly what a presenter's ``current()`` page gives."""

from tkinter import ttk

from ui.widgets.pager import Pager
from ui.widgets.table import Table


class ListPanel(ttk.Frame):
    def __init__(
        self, parent, columns, on_open=None, on_sort=None, on_page=None, menu_items=(), **kw
    ):
        super().__init__(parent, **kw)
        # the pager is packed first so that a short window shrinks the table, not the pager
        self.pager = Pager(self, on_page or (lambda index: None))
        self.pager.pack(side="bottom", fill="x", pady=(8, 0))
        self.table = Table(self, columns, on_open=on_open, on_sort=on_sort, menu_items=menu_items)
        self.table.pack(fill="both", expand=True)
        self.pager.lift(self.table)  # yet the keyboard focus visits the rows before the pager

    def show(self, rows, total, page, pages, sort_key=None, sort_desc=False):
        self.table.set_rows(rows)
        self.table.show_sort(sort_key, sort_desc)
        self.pager.show(total, page, pages)

    @property
    def tree(self):
        return self.table.tree

    def selected_id(self):
        ids = self.table.selected_ids()
        return ids[0] if ids else None

    def focus_first(self):
        self.table.focus_first()
