"""Tooltips: the whole text of something shown cut short, in a small window by the pointer.

A :class:`Tooltip` asks ``text_at(x, y)`` what to show for the pointer at (x, y) in its widget
(None: nothing there is cut short) and shows it after a short pause, wrapped at word
boundaries (:mod:`ui.widgets.wrap`).  :func:`tree_tooltip` does it for the cells of a
Treeview that are narrower than their text, :func:`label_tooltip` for a label whose full text
is kept elsewhere, :func:`canvas_tooltip` for canvas items drawn cut short.
"""

import tkinter as tk

from ui.widgets import sizing
from ui.widgets.columns import CELL_PADDING, tree_measures
from ui.widgets.wrap import measurer, wrap_lines

DELAY_MS = 450  # the pause before a tip appears
WRAP = 520  # the widest tip, in pixels at 100 %
BACKGROUND = "#fffbe6"


class Tooltip:
    """Shows ``text_at(x, y)`` (None: no tip) near the pointer over ``widget``; the widget
    keeps it as ``widget.tooltip``."""

    def __init__(self, widget, text_at, delay=DELAY_MS):
        widget.tooltip = self
        self.widget = widget
        self.text_at = text_at
        self.delay = delay
        self.window = None
        self.label = None
        self.text = None  # what is shown or about to be
        self.pending = None
        self.where = (0, 0)
        widget.bind("<Enter>", self._moved, add="+")
        widget.bind("<Motion>", self._moved, add="+")
        widget.bind("<Leave>", self.hide, add="+")
        widget.bind("<ButtonPress>", self.hide, add="+")
        widget.bind("<KeyPress>", self.hide, add="+")
        widget.bind("<Destroy>", self.hide, add="+")

    def _moved(self, event):
        text = self.text_at(event.x, event.y)
        if text and text == self.text:
            return  # the same cell: the tip stays (or is on its way)
        self.hide()
        if text:
            self.text = text
            self.where = (event.x, event.y)
            self.pending = self.widget.after(self.delay, self.show)

    def show(self):
        """Open the tip for ``self.text`` now (normally after the pause)."""
        self.pending = None
        if not self.text or not self.widget.winfo_exists():
            return
        if self.window is None:
            self.window = tk.Toplevel(self.widget)
            self.window.wm_overrideredirect(True)
            self.label = tk.Label(
                self.window,
                justify="left",
                background=BACKGROUND,
                relief="solid",
                borderwidth=1,
                padx=6,
                pady=3,
                font="TkDefaultFont",
            )
            self.label.pack()
        measure = measurer(self.label, "TkDefaultFont")
        width = round(WRAP * sizing.scale_factor(self.widget))
        self.label.configure(text="\n".join(wrap_lines(self.text, measure, width)))
        self._place()

    def _place(self):
        """Below and right of the pointer, kept on the screen."""
        self.window.update_idletasks()
        x = self.widget.winfo_rootx() + self.where[0] + 12
        y = self.widget.winfo_rooty() + self.where[1] + 20
        width, height = self.window.winfo_reqwidth(), self.window.winfo_reqheight()
        x = max(0, min(x, self.widget.winfo_screenwidth() - width - 4))
        if y + height > self.widget.winfo_screenheight():
            y = self.widget.winfo_rooty() + self.where[1] - height - 8
        self.window.geometry(f"+{x}+{y}")

    def hide(self, event=None):
        if self.pending is not None:
            self.widget.after_cancel(self.pending)
            self.pending = None
        if self.window is not None:
            self.window.destroy()
            self.window = self.label = None
        self.text = None

    @property
    def shown(self):
        """The text of the tip on screen (None when there is none)."""
        return self.label.cget("text") if self.label is not None else None


def tree_tooltip(tree, delay=DELAY_MS):
    """A tip with the whole text of a Treeview cell shown cut: its column is too narrow for
    it, or (a list that scrolls sideways) part of it lies beyond the list's edge."""
    measure = tree_measures(tree)[0]

    def text_at(x, y):
        if tree.identify_region(x, y) != "cell":
            return None
        row, column = tree.identify_row(y), tree.identify_column(x)
        key = column_key(tree, column)
        if not row or key is None:
            return None
        values = tree.item(row, "values")
        index = list(tree["columns"]).index(key)
        text = str(values[index]) if index < len(values) else ""
        box = tree.bbox(row, key)
        if not text or not box:
            return None
        shown = min(box[0] + box[2], tree.winfo_width()) - max(box[0], 0)
        return text if measure(text) + CELL_PADDING * sizing.scale_factor(tree) > shown else None

    return Tooltip(tree, text_at, delay)


def column_key(tree, column):
    """The key of display column ``column`` ("#2") of ``tree`` (None for the tree column)."""
    number = int(column[1:]) if column.startswith("#") and column[1:].isdigit() else 0
    shown = list(tree["displaycolumns"])
    keys = list(tree["columns"]) if shown in (["#all"], []) else shown
    return keys[number - 1] if 0 < number <= len(keys) else None


def canvas_tooltip(canvas, elided, delay=DELAY_MS):
    """A tip on the canvas items drawn cut short: ``elided()`` maps an item to its whole text
    (the drawing code fills it as it draws)."""

    def text_at(x, y):
        cx, cy = canvas.canvasx(x), canvas.canvasy(y)
        shortened = elided()
        for item in reversed(canvas.find_overlapping(cx - 1, cy - 1, cx + 1, cy + 1)):
            if item in shortened:
                return shortened[item]
        return None

    return Tooltip(canvas, text_at, delay)


def label_tooltip(label, full_text, delay=DELAY_MS):
    """A tip on ``label`` with ``full_text()`` when the label shows less (None: it shows all)."""
    return Tooltip(label, lambda x, y: full_text(), delay)
