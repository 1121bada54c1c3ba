"""Pager: 共 N 条 · 首页 上一页 第 X/Y 页 下一页 末页."""

from tkinter import ttk

from ui import texts as T
from ui.widgets.keys import tab_in_order


class Pager(ttk.Frame):
    def __init__(self, parent, on_page):
        """``on_page(index)`` is called with the 0-based page wanted."""
        super().__init__(parent)
        self.on_page = on_page
        self.page = 0
        self.pages = 1
        self.total_label = ttk.Label(self, style="Muted.TLabel")
        self.total_label.pack(side="left")
        self.buttons = {}
        for key, text in (("last", T.PAGER_LAST), ("next", T.PAGER_NEXT)):
            self.buttons[key] = ttk.Button(self, text=text, command=lambda k=key: self._go(k))
            self.buttons[key].pack(side="right", padx=2)
        self.page_label = ttk.Label(self)
        self.page_label.pack(side="right", padx=10)
        for key, text in (("prev", T.PAGER_PREV), ("first", T.PAGER_FIRST)):
            self.buttons[key] = ttk.Button(self, text=text, command=lambda k=key: self._go(k))
            self.buttons[key].pack(side="right", padx=2)
        tab_in_order([self.buttons[key] for key in ("first", "prev", "next", "last")])

    def show(self, total, page, pages):
        self.page, self.pages = page, pages
        self.total_label.configure(text=T.TOTAL.format(total=total))
        self.page_label.configure(text=T.PAGER_PAGE.format(page=page + 1, pages=pages))
        for key in ("first", "prev"):
            self.buttons[key].state(["disabled"] if page <= 0 else ["!disabled"])
        for key in ("next", "last"):
            self.buttons[key].state(["disabled"] if page >= pages - 1 else ["!disabled"])

    def _go(self, key):
        target = {"first": 0, "prev": self.page - 1, "next": self.page + 1, "last": self.pages - 1}[
            key
        ]
        if 0 <= target < self.pages and target != self.page:
            self.on_page(target)
