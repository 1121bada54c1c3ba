"""首页: the registry at a glance — counts, charts, the plan's key targets and two to-do lists.

Cards on top (enterprises, residents, valid 高企/科小, expiring qualifications, overdue
residents); charts of the stages, of the valid qualifications today and of the chain's flow
per year (statistics.funnel); the plan's computed targets with progress bars for the default
period (targets.progress); and the lists 90 天内到期的资质 and 超期在孵企业, whose rows open
the enterprise form.  Street users see their street's figures: the services scope them.
Shown again (or told of a write elsewhere, ui.events), the screen reloads only when the
registry's data version has moved since it loaded: no F5 after an edit or an import.
The presenter has no Tk (tests drive it with a fake view).

The presenter part (no Tk) is ui.presenters.dashboard.
"""

from tkinter import ttk

from ui import texts as T
from ui import theme
from ui.presenters.dashboard import DashboardPresenter
from ui.widgets.charts import BarChart, ColumnChart, ProgressChart
from ui.widgets.table import Table


def card_styles(widget):
    family = widget.tk.call("font", "actual", "TkDefaultFont", "-family")
    size = int(widget.tk.call("font", "actual", "TkDefaultFont", "-size")) or 10
    style = ttk.Style(widget)
    style.configure("Card.TFrame", background=theme.NAV_BACKGROUND)
    style.configure(
        "CardValue.TLabel",
        background=theme.NAV_BACKGROUND,
        foreground=theme.ACCENT,
        font=(family, abs(size) + 10, "bold"),
    )
    style.configure("CardLabel.TLabel", background=theme.NAV_BACKGROUND, foreground=theme.MUTED)


class DashboardView(ttk.Frame):
    """Cards, three charts, the target bars and the two lists, on one screen."""

    def __init__(self, parent, registry, on_open=None, on_count=None):
        super().__init__(parent, padding=(14, 10))
        self.registry = registry
        self.on_open_record = on_open or self._open_form
        card_styles(self)
        self.presenter = DashboardPresenter(registry, self)
        top = ttk.Frame(self)
        top.pack(fill="x", pady=(0, 8))
        ttk.Label(top, text=T.NAV_HOME, style="Heading.TLabel").pack(side="left")
        self.scope_label = ttk.Label(top, style="Muted.TLabel")
        self.scope_label.pack(side="left", padx=(14, 0))
        ttk.Button(top, text=T.MENU_REFRESH + "（F5）", command=self.refresh).pack(side="right")
        self.cards_frame = ttk.Frame(self)
        self.cards_frame.pack(fill="x", pady=(0, 10))
        self.cards = {}
        # two bands: three charts of equal width, then the targets and the two lists
        charts = ttk.Frame(self)
        charts.pack(fill="x", pady=(0, 12))
        for column in range(3):
            charts.columnconfigure(column, weight=1, uniform="charts")
        self.stage_chart = BarChart(charts, T.DASH_STAGE_CHART, height=210)
        self.stage_chart.grid(row=0, column=0, sticky="nsew", padx=(0, 16))
        self.qual_chart = BarChart(charts, T.DASH_QUAL_CHART, height=210)
        self.qual_chart.grid(row=0, column=1, sticky="nsew", padx=(0, 16))
        self.funnel_chart = ColumnChart(charts, T.DASH_FUNNEL_CHART, height=210)
        self.funnel_chart.grid(row=0, column=2, sticky="nsew")
        lower = ttk.Frame(self)
        lower.pack(fill="both", expand=True)
        lower.rowconfigure(0, weight=1)
        for column, weight in enumerate((3, 4, 4)):
            lower.columnconfigure(column, weight=weight, uniform="lower")
        self.target_chart = ProgressChart(lower, T.DASH_TARGETS_NONE, height=250)
        self.target_chart.grid(row=0, column=0, sticky="nsew", padx=(0, 16))
        self.expiring = self._list(
            lower,
            1,
            T.DASH_EXPIRING,
            T.DASH_EXPIRING_COLUMNS,
            self.presenter.open_qualification,
            (0, 16),
        )
        self.overdue = self._list(
            lower, 2, T.DASH_OVERDUE, T.DASH_OVERDUE_COLUMNS, self.presenter.open_enterprise, 0
        )
        self.presenter.load()

    def _list(self, grid, column, title, columns, on_open, padx):
        frame = ttk.Frame(grid)
        frame.grid(row=0, column=column, sticky="nsew", padx=padx)
        head = ttk.Frame(frame)
        head.pack(fill="x", pady=(0, 4))
        frame.title = ttk.Label(head, text=title, style="TLabel", font=self.stage_chart.bold)
        frame.title.pack(side="left")
        ttk.Label(head, text=T.DASH_OPEN_HINT, style="Muted.TLabel").pack(side="right")
        table = Table(frame, columns, on_open=on_open, height=5)  # columns fit their content
        table.pack(fill="both", expand=True)
        table.heading = frame.title
        table.base_title = title
        return table

    # --- presenter's view interface ---------------------------------------------------
    def show_scope(self, value):
        self.scope_label.configure(text=value)

    def show_cards(self, cards):
        for child in self.cards_frame.winfo_children():
            child.destroy()
        self.cards = {}
        for index, (label, value) in enumerate(cards):
            card = ttk.Frame(self.cards_frame, style="Card.TFrame", padding=(14, 8))
            card.grid(row=0, column=index, sticky="nsew", padx=(0 if index == 0 else 10, 0))
            self.cards_frame.columnconfigure(index, weight=1, uniform="cards")
            number = ttk.Label(card, text=str(value), style="CardValue.TLabel")
            number.pack(anchor="w")
            ttk.Label(card, text=label, style="CardLabel.TLabel").pack(anchor="w")
            self.cards[label] = number

    def show_stages(self, items, note=""):
        self.stage_chart.show(items, note=note)

    def show_qualifications(self, items):
        self.qual_chart.show(items)

    def show_funnel(self, years, series):
        self.funnel_chart.show(years, series)

    def show_targets(self, title, rows, note="", legend=()):
        self.target_chart.title = title
        self.target_chart.show(rows, note, legend)

    def show_expiring(self, rows):
        self._fill(self.expiring, rows)

    def show_overdue(self, rows):
        self._fill(self.overdue, rows)

    def _fill(self, table, rows):
        table.set_rows(rows)
        table.heading.configure(text=T.TAB_COUNT.format(label=table.base_title, count=len(rows)))

    def open_record(self, enterprise_id):
        return self.on_open_record(enterprise_id) if self.on_open_record else None

    # --- behaviour ---------------------------------------------------------------------
    def refresh(self):
        self.presenter.load()

    def on_shown(self):
        """Shown again, or a write was made elsewhere: reload if the data changed."""
        self.presenter.load_if_changed()

    def _open_form(self, enterprise_id):
        from ui.views.enterprise_form import EnterpriseWindow

        return EnterpriseWindow(
            self.winfo_toplevel(), self.registry, enterprise_id, on_saved=lambda r: self.refresh()
        )
