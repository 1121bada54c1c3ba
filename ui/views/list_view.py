"""What the list screens (企业, 载体, 孵化链, 资质) share: the search box that filters as you
type, toolbar buttons, filter boxes, and the plumbing between a presenter and its lists.

``ListView`` is the common base: debounced search, refresh, opening the selected row in its
form window, the status bar's row count.  ``SingleListView`` adds one ListPanel that the
presenter fills through ``show_page``; ``TabbedListView`` a ListNotebook of several lists
filled through ``show_list``.  Each screen keeps its own presenter, columns, filters and
actions, and lays out its bars with the helpers here.
"""

import tkinter as tk
from tkinter import ttk

from ui import texts as T
from ui.widgets.listnotebook import ListNotebook
from ui.widgets.listpanel import ListPanel
from ui.widgets.search import DEBOUNCE_MS, search_as_you_type


def add_buttons(parent, actions, outputs=(), gap=16):
    """Pack buttons for [(label, command)] left to right, ``outputs`` ``gap`` pixels after
    ``actions``; returns {label: button}."""
    actions, outputs = list(actions), list(outputs)
    buttons = {}
    for index, (label, command) in enumerate(actions + outputs):
        button = ttk.Button(parent, text=label, command=command)
        button.pack(side="left", padx=(gap if index == len(actions) else 0, 6))
        buttons[label] = button
    return buttons


def add_choice(parent, label, values, width, on_choose, gap=12):
    """Pack a label and a read-only combobox showing ``values[0]``, ``gap`` pixels before
    what follows; ``on_choose(value)`` runs when the user picks a value.  Returns the
    combobox."""
    ttk.Label(parent, text=label).pack(side="left", padx=(0, 4))
    box = ttk.Combobox(parent, values=values, state="readonly", width=width)
    box.set(values[0])
    box.bind("<<ComboboxSelected>>", lambda e: on_choose(box.get()))
    box.pack(side="left", padx=(0, gap))
    return box


def fit_width(values, extra):
    """A combobox width in characters: the longest of ``values`` plus ``extra``, in 6–16."""
    return max(6, min(16, max((len(v) for v in values), default=4) + extra))


class ListView(ttk.Frame):
    """The base of the list screens.  A subclass sets ``self.presenter`` (``load``, ``open``,
    ``set_text``), calls ``add_search`` while it builds its bars, and has ``current_panel()``
    and ``row_count``.  Rows open in the enterprise form unless ``form_window`` says otherwise.
    """

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, padding=(12, 10))
        self.registry = registry
        self.on_open_record = on_open or self._open_form
        self.on_count = on_count
        self._search_wait = None

    # --- building blocks ----------------------------------------------------------------
    def add_bar(self, gap=8):
        """A row across the view for buttons, the search box or filter boxes, ``gap`` pixels
        above the next one."""
        bar = ttk.Frame(self)
        bar.pack(fill="x", pady=(0, gap))
        return bar

    def add_search(self, parent, hint, width, side="left", before=0, after=0):
        """The 搜索 label, the entry (``self.search``) and a muted hint, left to right, packed
        toward ``side``; ``before`` pixels left of the label, ``after`` right of the hint.

        Typing filters after a pause (DEBOUNCE_MS), Enter at once; Down moves to the list.
        """
        label = ttk.Label(parent, text=T.SEARCH_LABEL)
        self.search_var = tk.StringVar()
        self.search = ttk.Entry(parent, textvariable=self.search_var, width=width)
        note = ttk.Label(parent, text=hint, style="Muted.TLabel")
        placed = [(label, (before, 0)), (self.search, (6, 4)), (note, (0, after))]
        for widget, padx in placed if side == "left" else reversed(placed):
            widget.pack(side=side, padx=padx)
        self._search_wait = search_as_you_type(self, self.search_var, self.search_now, DEBOUNCE_MS)
        self.search.bind("<Return>", lambda e: self.search_now())
        self.search.bind("<Down>", lambda e: self.current_panel().focus_first())

    def add_filter_boxes(self, parent, labels, extra):
        """A box per filter of ``labels`` ({key: label}, in order) offering 全部 and the
        presenter's ``filter_choices()``; a choice calls ``presenter.set_filter(key, value)``.
        Returns {key: box}."""
        choices = self.presenter.filter_choices()
        return {
            key: add_choice(
                parent,
                label,
                [T.FILTER_ALL] + choices[key],
                fit_width(choices[key], extra),
                lambda value, k=key: self.presenter.set_filter(k, value),
            )
            for key, label in labels.items()
        }

    def list_options(self, menu_items):
        """What a ListPanel or ListNotebook needs to reach the presenter, and its menu."""
        presenter = self.presenter
        return dict(
            on_open=presenter.open,
            on_sort=presenter.sort_by,
            on_page=presenter.go_to_page,
            menu_items=menu_items,
        )

    # --- presenter's view interface ---------------------------------------------------
    def open_record(self, record_id):
        if self.on_open_record:
            return self.on_open_record(record_id)
        return None

    # --- behaviour ---------------------------------------------------------------------
    def current_panel(self):
        """The ListPanel on screen."""
        raise NotImplementedError

    @property
    def row_count(self):
        raise NotImplementedError

    def _report_count(self):
        if self.on_count:
            self.on_count(self.row_count)

    def search_now(self):
        self._search_wait.cancel()
        self.presenter.set_text(self.search_var.get())

    def refresh(self):
        self.presenter.load()

    def focus_search(self):
        self.search.focus_set()
        self.search.select_range(0, "end")

    def open_selected(self):
        record_id = self.current_panel().selected_id()
        if record_id is None:
            return None
        return self.presenter.open(record_id)

    def form_window(self):
        """The window class a row opens in (imported late, as the forms need much of ui)."""
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow

    def _open_form(self, record_id):
        return self.form_window()(
            self.winfo_toplevel(), self.registry, record_id, on_saved=lambda record: self.refresh()
        )


class SingleListView(ListView):
    """One list: the presenter calls ``show_page(rows, total, page, pages, sort_key,
    sort_desc)`` and has ``sort_by(column)``, ``go_to_page(index)`` and ``total``; the view
    has ``new_record()`` for 新增 (Ctrl+N)."""

    def record_actions(self, can_create):
        """The toolbar's and menu's [(label, command)]: 新增 for writers, then 打开."""
        actions = [(T.OPEN, self.open_selected)]
        if can_create:
            actions.insert(0, (T.NEW + "（Ctrl+N）", self.new_record))
        return actions

    def add_panel(self, columns, menu_items):
        """The table and pager (``self.panel``, ``self.table``, ``self.pager``)."""
        self.panel = ListPanel(self, columns, **self.list_options(menu_items))
        self.panel.pack(fill="both", expand=True)
        self.table, self.pager = self.panel.table, self.panel.pager
        return self.panel

    def show_page(self, rows, total, page, pages, sort_key, sort_desc):
        self.panel.show(rows, total, page, pages, sort_key, sort_desc)
        if self.on_count:
            self.on_count(total)

    def current_panel(self):
        return self.panel

    @property
    def row_count(self):
        return self.presenter.total


class TabbedListView(ListView):
    """Several lists in a notebook: the presenter calls ``show_list(key, rows, total, page,
    pages, sort_key, sort_desc)`` and has ``sort_by(key, column)``, ``go_to_page(key, index)``
    and ``total(key)``.  The status bar counts the list on screen."""

    def add_notebook(self, lists, menu_items, filters=False):
        """``self.notebook`` (a ListNotebook of ``lists``) and its ``self.panels``."""
        self.notebook = ListNotebook(self, lists, filters=filters, **self.list_options(menu_items))
        self.notebook.pack(fill="both", expand=True)
        self.panels = self.notebook.panels
        self.notebook.bind("<<NotebookTabChanged>>", lambda e: self._tab_changed())
        return self.notebook

    def show_list(self, key, rows, total, page, pages, sort_key, sort_desc):
        self.notebook.show(key, rows, total, page, pages, sort_key, sort_desc)
        if key == self.current_key():
            self._report_count()

    def current_key(self):
        return self.notebook.current_key()

    def current_panel(self):
        return self.panels[self.current_key()]

    def select(self, key):
        self.notebook.select_list(key)
        self.update_idletasks()

    @property
    def row_count(self):
        return self.presenter.total(self.current_key())

    def _tab_changed(self):
        self._report_count()
