"""A drop-down that narrows its list to what is typed (the carrier of 入驻 / 晋级/迁移 / 更正).

An editable ttk.Combobox: every change of its text sets the list to the items that match it
(``matches(item, text)``, the domain's rule, e.g. CarrierChoice.matches: name, pinyin or
initials), so ↓ opens a short list; choosing an item shows the whole list again.  The list is
in memory (tens or hundreds of carriers), so it narrows at once, without the debounce of
ui.widgets.search (which spares the database a query per keystroke).  :meth:`selected` is the
item chosen — the one whose label is the text, or the only item that matches it — or None.
"""

import tkinter as tk
from tkinter import ttk


class FilterCombobox(ttk.Combobox):
    """``items``: [(label, item)], shown in that order; ``matches(item, text)`` → bool."""

    def __init__(self, parent, items, matches, **kw):
        self.text = tk.StringVar(parent)
        super().__init__(parent, textvariable=self.text, **kw)
        self.items = list(items)
        self.by_label = dict(self.items)
        self.matches = matches
        self.on_change = []  # callables run after each change of the text
        self.configure(values=[label for label, _ in self.items])
        self.text.trace_add("write", self._changed)

    def shown(self):
        """The labels the list offers now."""
        return list(self.cget("values"))

    def matching(self):
        """[(label, item)] matching the text (all of them when it is a label or empty)."""
        text = self.text.get()
        if text in self.by_label:
            return self.items
        return [(label, item) for label, item in self.items if self.matches(item, text)]

    def selected(self):
        """The item chosen, or None when the text names none or more than one."""
        text = self.text.get()
        if text in self.by_label:
            return self.by_label[text]
        found = self.matching()
        return found[0][1] if len(found) == 1 and text.strip() else None

    def _changed(self, *args):
        self.configure(values=[label for label, _ in self.matching()])
        for callback in self.on_change:
            callback()
