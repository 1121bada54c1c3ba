"""首页: the registry at a glance — counts, charts, the plan's key targets and two to-do lists.

The presenter part (no Tk, not even indirectly: tests/unit/test_presenters_without_tk.py);
the widgets are in ui.views.dashboard.
"""

import datetime

from gjz_registry import RegistryError
from gjz_registry import reference as ref
from ui import palette
from ui import texts as T
from ui.views.local_rows import text
from ui.views.targets import plan_state

EXPIRING_DAYS = 90


FUNNEL_YEARS = 6


VERDICT_COLOURS = {"已达标": "#3a8d4f", "进度正常": palette.ACCENT, "滞后": "#d9822b"}


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
        self.view.show_stages(stages, self.stages_note(stats, outside, today))
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

    @staticmethod
    def stages_note(stats, outside, today):
        """The enterprises outside the chain, and last year's in-incubation counts."""
        year = today.year - 1
        counts = stats.incubator_figures(year).counts
        last_year = T.DASH_CARRIER_YEAR.format(
            year=year, end=counts.end, graduated=counts.graduated
        )
        return T.DASH_OUTSIDE.format(count=outside) + "；" + last_year

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
            colour = VERDICT_COLOURS.get(r.verdict, palette.ACCENT)
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
