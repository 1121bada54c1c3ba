"""Presenter plumbing the list screens share; no Tk, so presenters stay testable with a
fake view.

``chosen(value)`` turns what a filter box shows into a filter value.  ``LocalListsPresenter``
holds several lists in memory (LocalRows), keyed like the view's tabs, and sends each to the
view's ``show_list``: the chain and qualification screens build on it.
"""

from ui import texts as T
from ui.views.local_rows import PAGE_SIZE, LocalRows


def chosen(value):
    """The filter a box asks for: None for 全部, a blank or None, else ``value`` itself."""
    return None if value in (None, "", T.FILTER_ALL) else value


class LocalListsPresenter:
    """Filtering, sorting and paging of several in-memory lists.

    ``lists`` is {key: (title, columns)}; the view needs show_list(key, rows, total, page,
    pages, sort_key, sort_desc).  Subclasses fill ``self.lists[key]`` (LocalRows.replace) and
    call ``show(key)``.
    """

    def __init__(self, registry, view, lists, page_size=PAGE_SIZE):
        self.registry = registry
        self.view = view
        self.lists = {
            key: LocalRows([c[0] for c in columns], page_size)
            for key, (_, columns) in lists.items()
        }

    def show(self, key):
        self.view.show_list(key, *self.lists[key].current())

    def total(self, key):
        return self.lists[key].total

    def set_text(self, value):
        """The name filter applies to every list; only those it changes are shown again."""
        for key, rows in self.lists.items():
            if rows.set_text(value):
                self.show(key)

    def sort_by(self, key, column):
        self.lists[key].sort_by(column)
        self.show(key)

    def go_to_page(self, key, index):
        self.lists[key].go_to(index)
        self.show(key)
