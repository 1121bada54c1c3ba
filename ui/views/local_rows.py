"""Rows held in memory by a presenter: a text filter, sorting by a column, and pages.

The carrier, chain and qualification lists are short (dozens to a few thousand rows) and
their services return them whole, so presenters filter, sort and page here instead of
asking the service again.  No Tk: presenters using it stay testable with a fake view.
"""

import math
from decimal import Decimal, InvalidOperation

PAGE_SIZE = 100


def sort_value(text):
    """A key that orders numbers as numbers, text as text, and empty cells last."""
    if text is None or text == "":
        return (2, Decimal(0), "")
    try:
        number = Decimal(str(text).replace(",", ""))
    except (InvalidOperation, ValueError):
        return (1, Decimal(0), str(text))
    if not number.is_finite():
        return (1, Decimal(0), str(text))
    return (0, number, "")


class LocalRows:
    """``rows`` are [(id, values)] with values in the order of ``keys`` (column keys)."""

    def __init__(self, keys, page_size=PAGE_SIZE, sort_key=None):
        self.keys = list(keys)
        self.page_size = page_size
        self.rows = []
        self.text = ""
        self.sort_key = sort_key
        self.sort_desc = False
        self.page = 0

    def replace(self, rows):
        self.rows = list(rows)
        self.page = max(0, min(self.page, self.pages - 1))

    def set_text(self, text):
        """Keep only rows with ``text`` in some cell; True when the filter changed."""
        text = (text or "").strip().lower()
        if text == self.text:
            return False
        self.text = text
        self.page = 0
        return True

    def sort_by(self, key):
        """Sort by column ``key``; a second click on the same column reverses the order."""
        self.sort_key, self.sort_desc = next_sort(self.sort_key, self.sort_desc, key)
        self.page = 0

    def go_to(self, index):
        self.page = max(0, min(index, self.pages - 1))

    def matching(self):
        rows = self.rows
        if self.text:
            rows = [r for r in rows if any(self.text in str(v).lower() for v in r[1])]
        if self.sort_key in self.keys:
            index = self.keys.index(self.sort_key)
            rows = sorted(rows, key=lambda r: sort_value(r[1][index]), reverse=self.sort_desc)
        return rows

    @property
    def total(self):
        return len(self.matching())

    @property
    def pages(self):
        return max(1, math.ceil(self.total / self.page_size))

    def current(self):
        """(rows of the current page, total, page, pages, sort_key, sort_desc)."""
        rows = self.matching()
        pages = max(1, math.ceil(len(rows) / self.page_size))
        self.page = max(0, min(self.page, pages - 1))
        start = self.page * self.page_size
        return (
            rows[start : start + self.page_size],
            len(rows),
            self.page,
            pages,
            self.sort_key,
            self.sort_desc,
        )


def text(value):
    """How a service value is shown in a cell: dates ISO, Decimals without trailing zeros."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def next_sort(sort_key, sort_desc, key):
    """(sort key, descending) after a click on column ``key``: a second click on the same
    column reverses the order, another column sorts ascending."""
    return key, (not sort_desc) if sort_key == key else False
