"""A Treeview list with zebra rows, sortable headings (▲/▼), Enter/double-click to open and a
right-click menu.  Rows are keyed by record id (the Treeview item id).  The columns fit their
content within the list's width (ui.widgets.columns); a cell too narrow for its text shows
the whole text in a tooltip."""

import tkinter as tk
from tkinter import ttk

from ui import theme
from ui.widgets.columns import ColumnFit
from ui.widgets.tooltip import tree_tooltip


class Table(ttk.Frame):
    def __init__(self, parent, columns, on_open=None, on_sort=None, menu_items=(), height=10):
        """``columns`` is [(key, heading, width)] (the widths until the rows are in);
        ``menu_items`` [(label, callback)]."""
        super().__init__(parent)
        self.columns = list(columns)
        self.on_open = on_open
        self.on_sort = on_sort
        self.sort_key = None
        self.sort_desc = False
        keys = [c[0] for c in self.columns]
        self.tree = ttk.Treeview(
            self, columns=keys, show="headings", height=height, selectmode="extended"
        )
        for key, heading, width in self.columns:
            self.tree.heading(key, text=heading, command=lambda k=key: self._sort(k))
            self.tree.column(key, width=width, minwidth=40, stretch=True)
        scroll = ttk.Scrollbar(self, orient="vertical", command=self.tree.yview)
        self.tree.configure(yscrollcommand=scroll.set)
        self.tree.grid(row=0, column=0, sticky="nsew")
        scroll.grid(row=0, column=1, sticky="ns")
        self.rowconfigure(0, weight=1)
        self.columnconfigure(0, weight=1)
        theme.zebra(self.tree)
        self.fit = ColumnFit(self.tree, sortable=on_sort is not None)
        self.tooltip = tree_tooltip(self.tree)
        self.tree.bind("<Double-1>", self._open_event)
        self.tree.bind("<Return>", self._open_event)
        self.tree.bind("<KP_Enter>", self._open_event)
        # Tab into the list: without a focus row the arrow keys would do nothing
        self.tree.bind("<FocusIn>", self._focus_in, add="+")
        self.menu = tk.Menu(self, tearoff=False)
        for label, callback in menu_items:
            self.menu.add_command(label=label, command=callback)
        if menu_items:
            self.tree.bind("<Button-3>", self._popup)

    def set_rows(self, rows):
        """Replace the rows: [(id, values)]; keeps the selection where ids survive."""
        selected = set(self.tree.selection())
        focused = self.tree.focus()
        self.tree.delete(*self.tree.get_children())
        for index, (row_id, values) in enumerate(rows):
            self.tree.insert(
                "", "end", iid=str(row_id), values=values, tags=("odd" if index % 2 else "even",)
            )
        keep = [i for i in selected if self.tree.exists(i)]
        if keep:
            self.tree.selection_set(keep)
        if focused and self.tree.exists(focused):
            self.tree.focus(focused)
        self.fit.refit()

    def selected_ids(self):
        return [int(i) for i in self.tree.selection()]

    def focus_first(self):
        children = self.tree.get_children()
        if children:
            self.tree.focus_set()
            self.tree.focus(children[0])
            self.tree.selection_set(children[0])

    def _focus_in(self, event=None):
        if self.tree.focus():
            return
        selected = self.tree.selection()
        children = self.tree.get_children()
        row = selected[0] if selected else (children[0] if children else None)
        if row:
            self.tree.focus(row)
            self.tree.selection_set(row)
            self.tree.see(row)

    def show_sort(self, key, desc):
        self.sort_key, self.sort_desc = key, desc
        for k, heading, _ in self.columns:
            mark = (" ▼" if desc else " ▲") if k == key else ""
            self.tree.heading(k, text=heading + mark)

    def _sort(self, key):
        if self.on_sort:
            self.on_sort(key)

    def _open_event(self, event=None):
        row = self.tree.focus() or (self.tree.selection() or [None])[0]
        if row and self.on_open:
            self.on_open(int(row))
        return "break"

    def _popup(self, event):
        row = self.tree.identify_row(event.y)
        if row and row not in self.tree.selection():
            self.tree.selection_set(row)
            self.tree.focus(row)
        self.menu.tk_popup(event.x_root, event.y_root)
