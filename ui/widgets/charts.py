"""Small charts drawn on a Tk Canvas: horizontal bars, grouped columns, progress rows.

Why a Canvas and not matplotlib: the client needs four or five plain charts (a few bars and
progress bars with Chinese labels), and Canvas draws them with what Tk already has — no new
dependency to ship in the offline Windows install (matplotlib would add numpy and tens of MB),
no second font setup (Canvas text uses the UI font set by ``ui.theme``), and redrawing on a
resize is a few lines.  Text is measured with ``tkinter.font`` so Chinese labels never overlap
the bars; a title too long for the chart wraps onto a second line (ui.widgets.wrap), a label
too long for its room is cut with … and shows whole in a tooltip.  Each chart keeps what it
shows in ``self.data`` (tests read it there).
"""

import tkinter as tk
from tkinter import font as tkfont

from ui import texts as T
from ui import theme
from ui.widgets.tooltip import canvas_tooltip
from ui.widgets.wrap import shorten, wrap_lines

PALETTE = ("#1f6fb2", "#3a8d4f", "#d9822b", "#7b5ea7", "#2a9d9b", "#8c6d46")
TRACK = "#e6ebf1"  # the empty part of a bar
GRID = "#dde3ea"
MARK = "#2f3b48"  # the expected-progress tick
TEXT = "#1f2933"


def number_text(value):
    """12 → "12", 3.5 → "3.5", 0.125 → "0.13" (for labels on bars)."""
    if value is None:
        return ""
    if isinstance(value, int) or float(value) == int(value):
        return str(int(value))
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def draw_progress(canvas, box, fraction, expected=None, colour=theme.ACCENT, tags=()):
    """A bar in ``box`` (x0, y0, x1, y1): filled to ``fraction`` (capped at 1), with a dark
    tick at ``expected`` (the share of the plan's time elapsed) when given."""
    x0, y0, x1, y1 = box
    canvas.create_rectangle(x0, y0, x1, y1, fill=TRACK, outline="", tags=tags)
    share = max(0.0, min(1.0, fraction or 0.0))
    if share > 0:
        fill_to = x0 + max(2, (x1 - x0) * share)
        canvas.create_rectangle(x0, y0, fill_to, y1, fill=colour, outline="", tags=tags)
    if expected is not None:
        x = x0 + (x1 - x0) * max(0.0, min(1.0, expected))
        canvas.create_line(x, y0 - 3, x, y1 + 3, fill=MARK, width=2, tags=tags)


class Chart(tk.Canvas):
    """A canvas with a title that redraws itself when resized; subclasses draw the body."""

    def __init__(self, parent, title="", height=200, **kw):
        kw.setdefault("background", theme.BACKGROUND)
        super().__init__(parent, height=height, highlightthickness=0, **kw)
        self.title = title
        self.font = tkfont.nametofont("TkDefaultFont", self)
        self.bold = self.font.copy()
        self.bold.configure(weight="bold")
        self.small = self.font.copy()
        self.small.configure(size=max(8, self.font.cget("size") - 1))
        self.line = self.font.metrics("linespace")
        self.data = None
        self.elided = {}  # canvas item → the whole text it shows cut short
        self.tooltip = canvas_tooltip(self, lambda: self.elided)
        self.bind("<Configure>", lambda e: self.redraw())

    def redraw(self):
        self.delete("all")
        self.elided = {}
        width, height = self.winfo_width(), self.winfo_height()
        if width < 40 or height < 30:
            return
        top = 0
        if self.title:
            lines = wrap_lines(self.title, self.bold.measure, width)
            self.create_text(
                0, 0, text="\n".join(lines), anchor="nw", font=self.bold, fill=TEXT, tags=("title",)
            )
            top = self.bold.metrics("linespace") * len(lines) + 8
        if not self.data or not self._has_data():
            self.create_text(
                width // 2,
                (top + height) // 2,
                text=T.CHART_EMPTY,
                fill=theme.MUTED,
                font=self.font,
                tags=("empty",),
            )
            return
        self.draw(top, width, height)

    def _has_data(self):
        return True

    def draw(self, top, width, height):
        raise NotImplementedError

    def text_within(self, x, y, text, width, **options):
        """Canvas text cut with … to ``width`` pixels; the whole text shows in a tooltip."""
        font = options.setdefault("font", self.font)
        shown = shorten(font.measure, text, width)
        item = self.create_text(x, y, text=shown, **options)
        if shown != text:
            self.elided[item] = text
        return item

    def legend(self, x, y, items):
        """Coloured squares with names from (``x``, ``y``) on one line; returns the end x."""
        for colour, name in items:
            self.create_rectangle(x, y + 3, x + 11, y + 14, fill=colour, outline="")
            self.create_text(
                x + 15, y + 9, text=name, anchor="w", font=self.small, fill=TEXT, tags=("legend",)
            )
            x += 15 + self.small.measure(name) + 12
        return x


class BarChart(Chart):
    """Horizontal bars: ``show([(label, value)], unit)``; the value is written after the bar."""

    def show(self, items, unit="", colours=None, note=""):
        self.data = list(items)
        self.unit = unit
        self.colours = colours
        self.note = note
        self.redraw()

    def _has_data(self):
        return any(value for _, value in self.data)

    def draw(self, top, width, height):
        labels = [label for label, _ in self.data]
        label_w = min(max(self.font.measure(x) for x in labels) + 12, width * 0.4)
        largest = max(value for _, value in self.data) or 1
        value_w = self.font.measure(number_text(largest) + self.unit) + 10
        span = max(10, width - label_w - value_w)
        if self.note:
            height -= self.line + 4
            self.create_text(
                0,
                height + 4,
                text=self.note,
                anchor="nw",
                font=self.small,
                fill=theme.MUTED,
                tags=("note",),
            )
        row = min((height - top) / len(self.data), self.line + 16)
        thick = max(6, row * 0.58)
        for i, (label, value) in enumerate(self.data):
            mid = top + row * i + row / 2
            self.text_within(label_w - 8, mid, label, label_w - 12, anchor="e", fill=TEXT)
            colour = (self.colours or PALETTE)[i % len(self.colours or PALETTE)]
            length = span * (value or 0) / largest
            if value:
                self.create_rectangle(
                    label_w,
                    mid - thick / 2,
                    label_w + max(2, length),
                    mid + thick / 2,
                    fill=colour,
                    outline="",
                    tags=("bar", f"bar{i}"),
                )
            self.create_text(
                label_w + length + 6,
                mid,
                text=number_text(value) + self.unit,
                anchor="w",
                font=self.font,
                fill=TEXT,
                tags=("value", f"value{i}"),
            )


class ColumnChart(Chart):
    """Grouped vertical columns: ``show(categories, [(series name, values)])`` with a legend."""

    def show(self, categories, series):
        self.categories = [str(c) for c in categories]
        self.data = [(name, list(values)) for name, values in series]
        self.redraw()

    def _has_data(self):
        return any(any(values) for _, values in self.data)

    def draw(self, top, width, height):
        self.legend(0, top, [(PALETTE[i % len(PALETTE)], n) for i, (n, _) in enumerate(self.data)])
        top += self.line + 10
        step = nice_step(max(max(values) for _, values in self.data) / 4)
        ticks = [step * k for k in range(5)]
        while ticks[-2] >= max(max(values) for _, values in self.data) and len(ticks) > 2:
            ticks.pop()  # no empty band above the tallest column
        largest = ticks[-1]
        axis_w = max(self.small.measure(number_text(t)) for t in ticks) + 8
        bottom = height - self.line - 6
        plot_h = max(10, bottom - top - self.line)
        for value in ticks:
            y = bottom - plot_h * value / largest
            self.create_line(axis_w, y, width, y, fill=GRID)
            label = number_text(value)
            self.create_text(
                axis_w - 4,
                y,
                text=label,
                anchor="e",
                font=self.small,
                fill=theme.MUTED,
                tags=("tick",),
            )
        group_w = (width - axis_w) / len(self.categories)
        column_w = min(26, group_w * 0.8 / len(self.data))
        for c, category in enumerate(self.categories):
            left = axis_w + group_w * c + (group_w - column_w * len(self.data)) / 2
            for s, (_, values) in enumerate(self.data):
                value = values[c] or 0
                x0 = left + column_w * s
                y0 = bottom - plot_h * value / largest
                if value:
                    self.create_rectangle(
                        x0,
                        y0,
                        x0 + column_w - 2,
                        bottom,
                        fill=PALETTE[s % len(PALETTE)],
                        outline="",
                        tags=("column", f"column{c}-{s}"),
                    )
                    if column_w >= self.small.measure(number_text(value)) + 2:
                        self.create_text(
                            x0 + column_w / 2 - 1,
                            y0 - 2,
                            anchor="s",
                            text=number_text(value),
                            font=self.small,
                            fill=TEXT,
                        )
            self.create_text(
                axis_w + group_w * (c + 0.5),
                bottom + 4,
                text=category,
                anchor="n",
                font=self.font,
                fill=TEXT,
            )


def nice_step(raw):
    """The gridline step for about ``raw``: 1, 2, 2.5 or 5 × a power of ten, at least 1."""
    if raw <= 1:
        return 1
    power = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if factor * power >= raw:
            step = factor * power
            return int(step) if step == int(step) else step
    return 10 * power


class ProgressChart(Chart):
    """One entry per target: the label and a caption on one line, under them a bar filled to
    the completion with a tick at the expected share
    (``show([(label, fraction, expected, caption, colour)], note, legend)``); the note and
    the legend ([(colour, name)]) share the bottom line."""

    def show(self, rows, note="", legend=()):
        self.data = list(rows)
        self.note = note
        self.legend_items = list(legend)
        self.redraw()

    def draw(self, top, width, height):
        if self.note or self.legend_items:
            legend_w = sum(27 + self.small.measure(n) for _, n in self.legend_items)
            two_lines = self.small.measure(self.note) + 20 + legend_w > width
            height -= (self.line + 4) * (2 if two_lines else 1)
            self.create_line(0, height + 6, 0, height + 18, fill=MARK, width=2)
            self.create_text(
                6,
                height + 12,
                text=self.note,
                anchor="w",
                font=self.small,
                fill=theme.MUTED,
                tags=("note",),
            )
            if two_lines:
                self.legend(0, height + self.line + 7, self.legend_items)
            else:
                self.legend(self.small.measure(self.note) + 20, height + 3, self.legend_items)
        entry = min((height - top) / len(self.data), self.line + 26)
        thick = max(6, min(10, entry - self.line - 10))
        for i, (label, fraction, expected, caption, colour) in enumerate(self.data):
            y = top + entry * i
            caption_w = self.font.measure(caption)
            self.create_text(
                width,
                y,
                text=caption,
                anchor="ne",
                font=self.font,
                fill=TEXT,
                tags=(f"caption{i}",),
            )
            self.text_within(
                0, y, label, width - caption_w - 12, anchor="nw", fill=TEXT, tags=(f"label{i}",)
            )
            bar_top = y + self.line + 3
            box = (0, bar_top, width - 2, bar_top + thick)
            draw_progress(self, box, fraction, expected, colour, tags=("bar", f"bar{i}"))
