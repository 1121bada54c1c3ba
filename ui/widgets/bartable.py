"""A table drawn on a Canvas, so a column can hold a real progress bar.

A ttk.Treeview shows images only in its first column, and bars made of block characters
(▇▇▇░░) come out uneven in proportional Chinese fonts; the target table is short (a few dozen
rows), so drawing it is simple and reads better.  It behaves like the other lists: zebra
rows, a click selects, Up/Down move, Enter or a double-click opens (``on_open(row_id)``).

Columns are ``[(key, heading, width, anchor)]``; the first one stretches.  A cell value is a
plain value (shown as text) or a :class:`Cell`: coloured text, or a bar when ``fraction`` is
set (filled to the completion, with a tick at the expected share).
"""

import tkinter as tk
from tkinter import font as tkfont
from tkinter import ttk

from ui import theme
from ui.presenters.data import Cell
from ui.widgets.charts import TEXT, draw_progress
from ui.widgets.tooltip import canvas_tooltip
from ui.widgets.wrap import shorten

HEADER_BG = "#e9eef4"
SELECTED = "#d4e4f4"


class BarTable(ttk.Frame):
    def __init__(self, parent, columns, on_open=None, on_select=None, height=8):
        super().__init__(parent)
        self.columns = list(columns)
        self.on_open = on_open
        self.on_select = on_select
        self.rows = []
        self.selected = None
        self.font = tkfont.nametofont("TkDefaultFont", self)
        self.bold = self.font.copy()
        self.bold.configure(weight="bold")
        self.row_h = self.font.metrics("linespace") + 12
        self.header = tk.Canvas(
            self, height=self.row_h + 2, highlightthickness=0, background=HEADER_BG
        )
        self.header.grid(row=0, column=0, sticky="ew")
        self.canvas = tk.Canvas(
            self,
            height=self.row_h * height,
            highlightthickness=1,
            highlightbackground="#c9d2dc",
            highlightcolor=theme.ACCENT,
            background=theme.BACKGROUND,
            takefocus=1,
        )
        self.canvas.grid(row=1, column=0, sticky="nsew")
        scroll = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        scroll.grid(row=1, column=1, sticky="ns")
        self.canvas.configure(yscrollcommand=scroll.set)
        self.rowconfigure(1, weight=1)
        self.columnconfigure(0, weight=1)
        self.elided = {}  # canvas item → the whole text of a cell cut short
        self.tooltip = canvas_tooltip(self.canvas, lambda: self.elided)
        self.canvas.bind("<Configure>", lambda e: self.redraw())
        self.canvas.bind("<Button-1>", self._click)
        self.canvas.bind("<Double-1>", self._double)
        self.canvas.bind("<Return>", lambda e: self.open_selected())
        self.canvas.bind("<KP_Enter>", lambda e: self.open_selected())
        self.canvas.bind("<Up>", lambda e: self.move(-1))
        self.canvas.bind("<Down>", lambda e: self.move(1))
        self.canvas.bind("<MouseWheel>", self._wheel)
        self.canvas.bind("<Button-4>", lambda e: self.canvas.yview_scroll(-2, "units"))
        self.canvas.bind("<Button-5>", lambda e: self.canvas.yview_scroll(2, "units"))

    # --- data ----------------------------------------------------------------------------
    def set_rows(self, rows):
        """Replace the rows ([(row_id, values)]); keeps the selection when the id survives."""
        self.rows = list(rows)
        if self.selected not in self.row_ids():
            self.selected = None
        self.redraw()

    def row_ids(self):
        return [row_id for row_id, _ in self.rows]

    def values(self, row_id):
        for rid, values in self.rows:
            if rid == row_id:
                return values
        return None

    def text(self, row_id, key):
        """The text shown in column ``key`` of a row (for tests and copy)."""
        index = [c[0] for c in self.columns].index(key)
        value = self.values(row_id)[index]
        return value.text if isinstance(value, Cell) else _plain(value)

    # --- drawing -------------------------------------------------------------------------
    def _widths(self, total):
        widths = [c[2] for c in self.columns]
        widths[0] = max(widths[0], total - sum(widths[1:]))
        return widths

    def redraw(self):
        width = max(self.canvas.winfo_width(), 200)
        widths = self._widths(width)
        self.header.delete("all")
        self.canvas.delete("all")
        self.elided = {}
        x = 0
        for (_key, heading, _, anchor), w in zip(self.columns, widths):
            self._text(self.header, x, w, self.row_h / 2 + 1, heading, anchor, self.bold, TEXT)
            x += w
        for index, (row_id, values) in enumerate(self.rows):
            y0 = index * self.row_h
            fill = SELECTED if row_id == self.selected else (theme.ZEBRA if index % 2 else "")
            if fill:
                self.canvas.create_rectangle(0, y0, width, y0 + self.row_h, fill=fill, outline="")
            if row_id == self.selected:
                self.canvas.create_rectangle(0, y0, 3, y0 + self.row_h, fill=theme.ACCENT, width=0)
            x = 0
            for (key, _, _, anchor), w, value in zip(self.columns, widths, values):
                self._cell(x, y0, w, value, anchor, (f"row{index}", f"cell-{key}"))
                x += w
        self.canvas.configure(scrollregion=(0, 0, width, max(1, len(self.rows) * self.row_h)))

    def _cell(self, x, y0, w, value, anchor, tags):
        mid = y0 + self.row_h / 2
        if isinstance(value, Cell) and value.is_bar:
            text_w = self.font.measure("000.0%") + 8
            box = (x + 8, mid - 5, x + w - text_w - 4, mid + 5)
            draw_progress(self.canvas, box, value.fraction, value.expected, value.bar_colour, tags)
            self._text(
                self.canvas, x + w - text_w, text_w, mid, value.text, "e", self.font, TEXT, tags
            )
            return
        colour = value.colour if isinstance(value, Cell) and value.colour else TEXT
        text = value.text if isinstance(value, Cell) else _plain(value)
        self._text(self.canvas, x, w, mid, text, anchor, self.font, colour, tags)

    def _text(self, canvas, x, w, mid, text, anchor, font, colour, tags=()):
        pad = 8
        shown = shorten(font.measure, text, w - 2 * pad)
        if anchor == "e":
            item = canvas.create_text(
                x + w - pad, mid, text=shown, anchor="e", font=font, fill=colour, tags=tags
            )
        elif anchor == "center":
            item = canvas.create_text(x + w / 2, mid, text=shown, font=font, fill=colour, tags=tags)
        else:
            item = canvas.create_text(
                x + pad, mid, text=shown, anchor="w", font=font, fill=colour, tags=tags
            )
        if shown != text and canvas is self.canvas:
            self.elided[item] = text

    # --- behaviour -----------------------------------------------------------------------
    def row_at(self, y):
        """The row id at widget y (None below the last row)."""
        index = int(self.canvas.canvasy(y) // self.row_h)
        return self.rows[index][0] if 0 <= index < len(self.rows) else None

    def row_y(self, row_id):
        """Widget y of the middle of a visible row (for tests generating clicks)."""
        index = self.row_ids().index(row_id)
        top = self.canvas.canvasy(0)
        return int(index * self.row_h + self.row_h / 2 - top)

    def select(self, row_id):
        self.selected = row_id
        self.redraw()
        if row_id is not None:
            index = self.row_ids().index(row_id)
            total = max(1, len(self.rows) * self.row_h)
            first, last = self.canvas.yview()
            if not first * total <= index * self.row_h < last * total - self.row_h:
                self.canvas.yview_moveto(max(0, index * self.row_h - self.row_h) / total)
        if self.on_select:
            self.on_select(row_id)

    def selected_id(self):
        return self.selected

    def move(self, step):
        ids = self.row_ids()
        if not ids:
            return "break"
        index = ids.index(self.selected) + step if self.selected in ids else 0
        self.select(ids[max(0, min(index, len(ids) - 1))])
        return "break"

    def open_selected(self):
        if self.selected is not None and self.on_open:
            self.on_open(self.selected)
        return "break"

    def focus_first(self):
        self.canvas.focus_set()
        if self.rows and self.selected is None:
            self.select(self.rows[0][0])

    def _click(self, event):
        self.canvas.focus_set()
        row_id = self.row_at(event.y)
        if row_id is not None:
            self.select(row_id)

    def _double(self, event):
        row_id = self.row_at(event.y)
        if row_id is not None:
            self.selected = row_id
            self.open_selected()
        return "break"

    def _wheel(self, event):
        self.canvas.yview_scroll(-1 if event.delta > 0 else 1, "units")


def _plain(value):
    return "" if value is None else str(value)
