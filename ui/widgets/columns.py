"""Treeview columns sized to what they hold, within limits, sharing the width the list has.

A column's natural width is the widest of its heading and the texts of the first rows (the ones
on screen, and a few more), measured in the list's fonts (ui.widgets.wrap.measurer) plus
the cell's padding, kept between a smallest and a largest width.  :func:`share` then fits the
columns to the list's width: room to spare goes first to columns whose text is still cut, then
to all in proportion; when room is short the widest columns give way first, so short columns
(dates, stages, 科技型中小企业) keep their whole text and long names are cut — those cells show
their whole text in a tooltip (ui.widgets.tooltip).  With ``scroll`` the columns keep their
natural widths and the list scrolls sideways instead.
"""

from tkinter import ttk

from ui.widgets import sizing
from ui.widgets.wrap import measurer

SAMPLE_ROWS = 40  # rows measured: more than a list shows at once
LIMITS = (56, 420)  # narrowest and widest natural width, in pixels at 100 %
SHORT = 160  # at 100 %: a column this narrow (dates, kinds, numbers) is cut only as a last resort
CELL_PADDING = 16  # at 100 %: the Treeview's room beside a cell's text, and a little air
HEADING_PADDING = 22  # at 100 %: the heading's padding (theme: 6 each side) and its border
SORT_MARK = " ▼"  # Table headings show ▲/▼ on the sorted column


def tree_fonts(tree):
    """(body font, heading font) of ``tree``'s style, as font descriptions."""
    style = ttk.Style(tree)
    name = str(tree.cget("style") or "Treeview")
    body = style.lookup(name, "font") or "TkDefaultFont"
    return body, style.lookup(name + ".Heading", "font") or "TkHeadingFont"


def tree_measures(tree):
    """(measure a cell's text, measure a heading) in ``tree``'s fonts."""
    body, heading = tree_fonts(tree)
    return measurer(tree, body), measurer(tree, heading)


def natural_width(texts, heading, measure, measure_heading, scale=1.0, limits=LIMITS):
    """(wanted, needed): the width a column's heading or widest text needs, padded, and that
    kept within ``limits`` (pixels at 100 %, scaled by ``scale``)."""
    widest = max((measure(t) for t in texts), default=0) + CELL_PADDING * scale
    head = measure_heading(heading) + HEADING_PADDING * scale if heading else 0
    low, high = (round(limit * scale) for limit in limits)
    return round(max(low, min(high, max(widest, head)))), round(max(widest, head))


def _level(widths, available, floor):
    """The widths with every column wider than some level cut to it: the highest level (no
    lower than ``floor``) at which they fit ``available``."""
    low, high = floor, max(widths)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(min(w, middle) for w in widths) <= available:
            low = middle
        else:
            high = middle - 1
    return [min(w, low) for w in widths]


def share(wanted, needed, available, smallest, short=None):
    """Column widths that add up to ``available``: each column's ``wanted`` width, the room to
    spare first to the columns whose text needs more (up to ``needed``), then to all in
    proportion.  Short of room, the columns wider than ``short`` narrow, the widest first, to
    one level no lower than ``smallest`` (long names are cut, not dates or kinds); only when
    that is not enough do all narrow."""
    short = smallest if short is None else short
    widths = list(wanted)
    spare = available - sum(widths)
    if spare >= 0:
        lacking = {i: needed[i] - w for i, w in enumerate(widths) if needed[i] > w}
        total = sum(lacking.values())
        for i, lack in lacking.items():
            widths[i] += lack if total <= spare else spare * lack // total
        spare = available - sum(widths)
        total = sum(widths) or 1
        widths = [w + spare * w // total for w in widths]
    else:  # long texts give way first; short ones (dates, kinds) only when that is not enough
        long = [i for i, w in enumerate(widths) if w > short]
        room = available - sum(w for i, w in enumerate(widths) if i not in long)
        for i, w in zip(long, _level([widths[i] for i in long] or [0], room, smallest)):
            widths[i] = w
        if sum(widths) > available:
            widths = _level(widths, available, smallest)
    rest = available - sum(widths)
    if rest > 0:  # what rounding left over
        widths[widths.index(max(widths))] += rest
    return widths


class ColumnFit:
    """Fits the columns of ``tree`` to their content: :meth:`refit` after the rows change;
    :meth:`apply` (bound to the tree's <Configure>) when its size changes.  With ``scroll``
    the columns keep their natural widths (give the tree a horizontal scrollbar)."""

    def __init__(self, tree, limits=LIMITS, sortable=False, scroll=False):
        self.tree = tree
        self.limits = limits
        self.sortable = sortable
        self.scroll = scroll
        self.wanted = None  # {key: (wanted, needed)} from the last measure()
        self.manual = False  # the user dragged a column's edge: leave the widths alone
        tree.bind("<Configure>", self.apply, add="+")
        tree.bind("<ButtonPress-1>", self._pressed, add="+")

    def _pressed(self, event):
        if self.tree.identify_region(event.x, event.y) == "separator":
            self.manual = True

    def measure(self):
        tree = self.tree
        body, heading = tree_measures(tree)
        scale = sizing.scale_factor(tree)
        rows = [tree.item(i, "values") for i in tree.get_children()[:SAMPLE_ROWS]]
        self.wanted = {}
        for index, key in enumerate(tree["columns"]):
            title = str(tree.heading(key, "text"))
            if self.sortable:
                title = title.rstrip(" ▲▼") + SORT_MARK
            texts = [r[index] for r in rows if index < len(r)]
            self.wanted[key] = natural_width(texts, title, body, heading, scale, self.limits)

    def apply(self, event=None):
        if self.wanted is None or self.manual:
            return
        keys = [k for k in self.tree["columns"] if k in self.wanted]
        wanted = [self.wanted[k][0] for k in keys]
        needed = [self.wanted[k][1] for k in keys]
        available = self.tree.winfo_width() - 4  # the tree's border
        if self.scroll:
            widths = [max(w, n) for w, n in zip(wanted, needed)]
            if sum(widths) < available:
                widths = share(widths, widths, available, 0)
        elif available <= 40:
            return  # not on screen yet: the declared widths stand
        else:
            scale = sizing.scale_factor(self.tree)
            widths = share(wanted, needed, available, round(self.limits[0] * scale), SHORT * scale)
        for key, width in zip(keys, widths):
            if int(self.tree.column(key, "width")) != width:
                self.tree.column(key, width=width)

    def refit(self):
        """Measure the rows now in the tree and fit the columns to them."""
        self.measure()
        self.apply()
