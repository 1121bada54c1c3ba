"""A notebook of lists: one ListPanel per tab, each tab titled with its row count
(「在孵企业（3）」); the chain and qualification screens.  Ctrl+Tab / Ctrl+Shift+Tab switch
the lists."""

from tkinter import ttk

from ui import texts as T
from ui.widgets.listpanel import ListPanel

PAGE_PADDING = (0, 8, 0, 0)


class ListNotebook(ttk.Notebook):
    def __init__(self, parent, lists, on_open, on_sort, on_page, menu_items=(), filters=False):
        """``lists`` is {key: (title, columns)}; ``on_sort(key, column)`` and
        ``on_page(key, index)`` name the list.  With ``filters`` every tab has a bar above its
        list for the view's own boxes: ``filter_bars[key]``."""
        super().__init__(parent)
        self.enable_traversal()
        self.titles, self.pages, self.panels, self.filter_bars = {}, {}, {}, {}
        for key, (title, columns) in lists.items():
            options = dict(
                on_open=on_open,
                on_sort=lambda column, k=key: on_sort(k, column),
                on_page=lambda index, k=key: on_page(k, index),
                menu_items=menu_items,
            )
            if filters:
                page = ttk.Frame(self, padding=PAGE_PADDING)
                self.filter_bars[key] = ttk.Frame(page)
                self.filter_bars[key].pack(fill="x", pady=(0, 8))
                panel = ListPanel(page, columns, **options)
                panel.pack(fill="both", expand=True)
            else:
                page = panel = ListPanel(self, columns, padding=PAGE_PADDING, **options)
            self.add(page, text=title)
            self.titles[key], self.pages[key], self.panels[key] = title, page, panel

    def show(self, key, rows, total, page, pages, sort_key=None, sort_desc=False):
        """Show one page of list ``key`` and its row count in the tab's title."""
        self.panels[key].show(rows, total, page, pages, sort_key, sort_desc)
        self.tab(self.pages[key], text=T.TAB_COUNT.format(label=self.titles[key], count=total))

    def current_key(self):
        """The key of the tab on screen (the first one before any is shown)."""
        selected = self.select()
        for key, page in self.pages.items():
            if str(page) == selected:
                return key
        return next(iter(self.pages))

    def select_list(self, key):
        self.select(self.pages[key])
