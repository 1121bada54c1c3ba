"""首页: the registry at a glance — counts, charts, the plan's key targets and two to-do lists.

Cards on top (enterprises, residents, valid 高企/科小, expiring qualifications, overdue
residents); charts of the stages, of the valid qualifications today and of the chain's flow
per year (statistics.funnel); the plan's computed targets with progress bars for the default
period (targets.progress); and the lists 90 天内到期的资质 and 超期在孵企业, whose rows open
the enterprise form.  Street users see their street's figures: the services scope them.
Shown again (or told of a write elsewhere, ui.events), the screen reloads only when the
registry's data version has moved since it loaded: no F5 after an edit or an import.
The presenter has no Tk (tests drive it with a fake view).
"""

import datetime
from tkinter import ttk

from gjz_registry import RegistryError
from gjz_registry import reference as ref
from ui import texts as T
from ui import theme
from ui.views.local_rows import text
from ui.views.targets import plan_state
from ui.widgets.charts import BarChart, ColumnChart, ProgressChart
from ui.widgets.table import Table

EXPIRING_DAYS = 90
FUNNEL_YEARS = 6
VERDICT_COLOURS = {"已达标": "#3a8d4f", "进度正常": theme.ACCENT, "滞后": "#d9822b"}


def percent(value):
    return "—" if value is None else f"{value:.1%}"


class DashboardPresenter:
    """Figures for a view with show_cards([(label, value)]), show_stages([(stage, n)], note),
    show_qualifications([(kind, n)]), show_funnel(years, series), show_targets(title,
    rows, note, legend), show_expiring(rows), show_overdue(rows), show_scope(text), open_record(id).
    """

    def __init__(self, registry, view, today=None):
        self.registry = registry
        self.view = view
        self.today = today
        self.enterprise_of = {}  # qualification id → enterprise id (expiring list)
        self.version = None  # the registry's data version the figures were read at

    def load(self):
        # read before the figures: a write committed meanwhile makes the next check reload
        self.version = self.registry.data_version()
        today = self.today or datetime.date.today()
        stats = self.registry.statistics
        actor = self.registry.actor
        table = stats.street_stage()
        totals = dict(zip(table.columns, table.totals))
        stages = [(stage, totals.get(stage, 0)) for stage in ref.STAGES]
        outside = sum(v for k, v in totals.items() if k not in ref.STAGES)
        quals = [(kind, stats.valid_count(kind, today)) for kind in ref.QUALIFICATION_KINDS]
        expiring = self.registry.qualifications.expiring(EXPIRING_DAYS, today)
        overdue = self.registry.incubation.overdue(today)
        scope = T.DASH_SCOPE_STREET.format(street=actor.street) if actor.scoped else ""
        self.view.show_scope(T.DASH_AS_OF.format(date=today.isoformat()) + scope)
        valid = dict(quals)
        self.view.show_cards(
            [
                (T.DASH_CARD_ACTIVE, table.total),
                (T.DASH_CARD_RESIDENTS, sum(n for _, n in stages)),
                (T.DASH_CARD_HIGH_TECH, valid.get(ref.QUAL_HIGH_TECH, 0)),
                (T.DASH_CARD_TECH_SME, valid.get(ref.QUAL_TECH_SME, 0)),
                (T.DASH_CARD_EXPIRING, len(expiring)),
                (T.DASH_CARD_OVERDUE, len(overdue)),
            ]
        )
        self.view.show_stages(stages, T.DASH_OUTSIDE.format(count=outside))
        self.view.show_qualifications(quals)
        years = list(range(today.year - FUNNEL_YEARS + 1, today.year + 1))
        self.view.show_funnel(years, self.funnel_series(stats.funnel(years)))
        self.view.show_targets(*self.targets())
        self.enterprise_of = {q.id: q.enterprise_id for q in expiring}
        self.view.show_expiring(
            [
                (
                    q.id,
                    (
                        q.enterprise_name,
                        q.kind,
                        T.DASH_EXPIRES.format(
                            date=text(q.expires_on), days=(q.expires_on - today).days
                        ),
                    ),
                )
                for q in expiring
            ]
        )
        self.view.show_overdue(
            [(r.enterprise_id, (r.enterprise_name, r.carrier, r.months)) for r in overdue]
        )

    def load_if_changed(self):
        """Load again if anything was written since the last load; True when it did."""
        if self.version is not None and self.registry.data_version() == self.version:
            return False
        self.load()
        return True

    @staticmethod
    def funnel_series(funnel):
        """[(series name, [value per year])]: admitted, promoted, graduated, left."""
        return [
            (T.DASH_FUNNEL_SERIES[0], [y.admitted for y in funnel]),
            (T.DASH_FUNNEL_SERIES[1], [sum(y.promoted.values()) for y in funnel]),
            (T.DASH_FUNNEL_SERIES[2], [y.graduated for y in funnel]),
            (T.DASH_FUNNEL_SERIES[3], [y.left for y in funnel]),
        ]

    def targets(self):
        """(title, [(label, completion, expected, caption, colour)], note, legend) of the
        computed targets of the default period; a street user's rows are their street's share
        (no verdict, so no colour legend)."""
        service, today = self.registry.targets, self.today or datetime.date.today()
        try:  # the plan in force today (else the latest) on its current period
            plan = service.plan(today=today)
            progress = service.progress(service.default_period(plan.id, today), plan.id)
        except RegistryError:  # no plan entered yet
            return T.DASH_TARGETS_NONE, [], "", []
        rows = []
        for r in progress.rows:
            if not r.computed or r.completion is None:
                continue
            caption = T.DASH_TARGET_CAPTION.format(
                actual=text(r.actual),
                target=text(r.target),
                unit=r.unit or "",
                percent=percent(r.completion),
            )
            colour = VERDICT_COLOURS.get(r.verdict, theme.ACCENT)
            rows.append((r.indicator, r.completion, r.expected, caption, colour))
        # the latest plan may have ended: the heading says so rather than pass it as current
        state = plan_state(service, plan, today)
        if state:
            template = T.DASH_TARGETS_STREET_PAST if progress.street else T.DASH_TARGETS_PAST
        else:
            template = T.DASH_TARGETS_STREET if progress.street else T.DASH_TARGETS
        note = T.DASH_TARGETS_PLAN.format(plan=progress.plan)
        if rows:
            note += "　" + T.DASH_TARGETS_NOTE.format(expected=percent(progress.expected))
        legend = [] if progress.street else [(VERDICT_COLOURS[v], v) for v in VERDICT_COLOURS]
        return template.format(label=progress.label, state=state), rows, note, legend

    def open_qualification(self, qualification_id):
        enterprise_id = self.enterprise_of.get(qualification_id)
        return None if enterprise_id is None else self.view.open_record(enterprise_id)

    def open_enterprise(self, enterprise_id):
        return self.view.open_record(enterprise_id)


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
