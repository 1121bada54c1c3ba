"""目标考核: the action plan's progress for a chosen period, the task ledger, hand entry.

Four tabs: 主要指标 and 分产业领域 (a drawn table with a progress bar per target, the tick
marking the share of the plan's time elapsed), 分街道 (the computed figures per street) and
重点任务 (the 22 tasks with their status for the period).  The plan's self-contradictions and
the selected target's source text are shown under the table.  Double-clicking a computed
figure lists the enterprises behind it (targets.drill_down).  Admins enter the figures of
hand-entered indicators and the tasks' progress; 打印报告 / 导出表格 write the same PDF and
workbook as ``gjz report targets`` / ``gjz export targets``.  The presenter has no Tk.
"""

import datetime

from gjz_registry import RegistryError
from gjz_registry.assessment import heading
from gjz_registry.services.periods import parse_period
from gjz_registry.services.target_records import PUBLISHED
from ui import texts as T
from ui.presenters.data import Cell
from ui.views.local_rows import text

VERDICT_COLOURS = {"已达标": "#3a8d4f", "进度正常": "#1f6fb2", "滞后": "#d9822b"}
VERDICT_TEXT = {"已达标": "#2e7d32", "进度正常": "#1f6fb2", "滞后": "#b85c00", "未填报": "#5f6b7a"}
CONFLICT_MARK = "※"


def percent(value):
    return "—" if value is None else f"{value:.1%}"


def amount(value, unit):
    if value is None:
        return "—"
    unit = unit or ""
    return f"{text(value)}{unit}" if unit == "%" else f"{text(value)} {unit}".strip()


def target_values(row, with_field=False):
    """The cells of one ProgressRow in the order of T.TARGETS_COLUMNS (or the field table)."""
    name = row.indicator + (CONFLICT_MARK if row.conflict else "")
    bar = Cell(
        percent(row.completion),
        fraction=row.completion or 0.0,
        expected=row.expected,
        bar_colour=VERDICT_COLOURS.get(row.verdict, "#1f6fb2"),
    )
    verdict = Cell(row.verdict or "—", colour=VERDICT_TEXT.get(row.verdict))
    return (
        name,
        row.scope,
        amount(row.target, row.unit),
        amount(row.actual, row.unit),
        bar,
        percent(row.expected),
        verdict,
    )


def plan_state(service, plan, today=None):
    """None when ``plan`` (a PlanRecord) is the plan in force ``today``, else why it is not:
    T.PLAN_ENDED or T.PLAN_NOT_STARTED."""
    today = today or datetime.date.today()
    current = service.in_force(today)
    if current is not None and current.id == plan.id:
        return None
    return T.PLAN_ENDED if plan.ends_on < today else T.PLAN_NOT_STARTED


def plan_line(service, today=None, plan_id=None):
    """(sentence, in force?) about the plan the screen shows (``plan_id``, by default the one
    in force today, or when none is, the latest), saying whether it is in force; ("", False)
    before any plan is entered."""
    try:
        plan = service.plan(plan_id, today=today)
    except RegistryError:
        return "", False
    span = T.PLAN_SPAN.format(
        start=T.PLAN_MONTH.format(year=plan.starts_on.year, month=plan.starts_on.month),
        end=T.PLAN_MONTH.format(year=plan.ends_on.year, month=plan.ends_on.month),
    )
    state = plan_state(service, plan, today)
    if state is None:
        return T.TARGETS_PLAN_IN_FORCE.format(name=plan.name, span=span), True
    return T.TARGETS_PLAN_NONE.format(name=plan.name, span=span, state=state), False


class TargetsPresenter:
    """The assessment for a view with show_heading(title, subtitle), show_targets(key, rows),
    show_streets(headers, rows), show_tasks(rows), show_notes(text), show_detail(text),
    set_actions(dict), show_message(text), ask_actual(row, period, note) → result,
    ask_task(task, period) → result, ask_confirm(text) → bool, show_drill(result)."""

    def __init__(self, registry, view, today=None):
        self.registry = registry
        self.view = view
        self.today = today  # tests fix the day; else today's date
        self.progress = None
        self.period = None
        try:  # the plan in force today, else the latest
            self.plan_id = registry.targets.plan(today=today).id
        except RegistryError:
            self.plan_id = None
        self.selected = None  # the target whose source and actions are shown
        self.definitions = {label: d for _, label, _, d in registry.targets.measures()}
        self.measure_labels = {key: label for key, label, _, _ in registry.targets.measures()}

    @property
    def can_enter(self):
        return self.registry.actor.is_admin

    def plan_line(self):
        """(sentence, in force?) naming the plan shown; see :func:`plan_line`."""
        return plan_line(self.registry.targets, self.today, self.plan_id)

    def plans(self):
        """[(plan id, label)] of the plans the user may see (drafts marked), oldest first."""
        return [
            (p.id, p.name if p.status == PUBLISHED else f"{p.name}（{p.status}）")
            for p in self.registry.targets.plans()
        ]

    def choose_plan(self, plan_id):
        """Show another plan, on its current period; returns periods() for the period box."""
        self.plan_id, self.period, self.selected = plan_id, None, None
        choices = self.periods()
        if choices[1] is not None:
            self.load(choices[1])
        return choices

    def periods(self):
        """[(period text, label)] of the plan (from its start to today, in its rhythm), and
        the default (current) period."""
        service, today = self.registry.targets, self.today
        try:
            offered = service.periods(self.plan_id, today=today)
            default = service.default_period(self.plan_id, today=today)
        except RegistryError:  # no plan entered yet
            return [], None
        return [(p, parse_period(p).label) for p in offered], default

    def load(self, period=None):
        self.period = period or self.period or self.periods()[1]
        if self.period is None:
            return None
        self.progress = p = self.registry.targets.progress(self.period, self.plan_id)
        self.view.show_heading(*heading(p))
        self.view.show_targets("main", [(r.target_id, target_values(r)) for r in p.rows])
        self.view.show_targets("fields", [(r.target_id, target_values(r)) for r in p.fields])
        table = p.streets
        headers = [T.TARGETS_STREET_HEADER] + [
            f"{c}({u})" for c, u in zip(table.columns, table.units)
        ]
        rows = [
            (i, (name, *[text(v) for v in values])) for i, (name, values) in enumerate(table.rows)
        ]
        if table.totals:
            rows.append((len(rows), (T.TARGETS_STREET_TOTAL, *[text(v) for v in table.totals])))
        self.view.show_streets(headers, rows)
        self.view.show_tasks(
            [
                (t.id, (t.number, t.title, t.lead_units or "", t.status, t.note or ""))
                for t in p.tasks
            ]
        )
        self.view.show_notes(self.notes())
        self.select(self.selected)
        return p

    def notes(self):
        """The plan's self-contradictions (once each), for a street user what they see, and
        the split targets whose streets' parts do not add up."""
        lines = []
        for r in self.progress.rows + self.progress.fields:
            line = T.TARGETS_CONFLICT.format(text=r.conflict) if r.conflict else None
            if line and line not in lines:
                lines.append(line)
        if self.progress.street:
            lines.append(T.TARGETS_STREET_NOTE.format(street=self.progress.street))
        for check in self.registry.targets.split_checks(self.plan_id):
            if not check.balanced:  # the streets' parts do not add up to the target
                lines.append(
                    T.PLANS_CHECK.format(
                        indicator=check.indicator, scope=check.scope, message=check.message
                    )
                )
        return "\n".join(lines)

    def row(self, target_id):
        if self.progress is None:
            return None
        for r in self.progress.rows + self.progress.fields:
            if r.target_id == target_id:
                return r
        return None

    def task(self, task_id):
        return next((t for t in self.progress.tasks if t.id == task_id), None)

    def select(self, target_id):
        """Show the source and definition of a target; enable the actions that fit it."""
        self.selected = target_id
        r = self.row(target_id)
        if r is None:
            self.view.show_detail("")
            self.view.set_actions(dict(enter=False, clear=False, drill=False))
            return
        parts = [T.TARGETS_SOURCE.format(clause=r.clause or "", source=r.source or "")]
        if r.computed:
            definition = self.definitions.get(self.measure_labels.get(r.measure), "")
            parts.append(T.TARGETS_DEFINITION.format(definition=definition))
        if r.note:
            parts.append(T.TARGETS_REMARK.format(remark=r.note))
        self.view.show_detail("\n".join(parts))
        hand = self.can_enter and not r.computed
        self.view.set_actions(
            dict(enter=hand, clear=hand and r.actual is not None, drill=r.computed)
        )

    # --- actions -------------------------------------------------------------------------
    def open(self, target_id):
        """Double-click / Enter: the enterprises behind a computed figure; for an admin on a
        hand-entered one, the entry dialog."""
        r = self.row(target_id)
        if r is None:
            return None
        if r.computed:
            return self.drill(target_id)
        if self.can_enter:
            return self.enter_actual(target_id)
        self.view.show_message(T.TARGETS_NOT_COMPUTED.format(indicator=r.indicator))
        return None

    def drill(self, target_id):
        r = self.row(target_id)
        if r is None:
            self.view.show_message(T.NOTHING_SELECTED)
            return None
        if not r.computed:
            self.view.show_message(T.TARGETS_NOT_COMPUTED.format(indicator=r.indicator))
            return None
        return self.view.show_drill(self.registry.targets.drill_down(target_id, self.period))

    def drill_street(self, row_index, column_index):
        """The enterprises behind one figure of the 分街道 table (column 0 is the street)."""
        table = self.progress.streets
        if column_index < 1 or column_index > len(table.measures):
            return None
        street = table.rows[row_index][0] if row_index < len(table.rows) else None
        result = self.registry.targets.drill_down(
            None, self.period, street, measure=table.measures[column_index - 1]
        )
        return self.view.show_drill(result)

    def enter_actual(self, target_id):
        r = self.row(target_id)
        if not self.can_enter:
            return None
        if r is None:
            self.view.show_message(T.NOTHING_SELECTED)
            return None
        if r.computed:
            self.view.show_message(T.TARGETS_NOT_HAND.format(indicator=r.indicator))
            return None
        note = next(
            (
                a["note"]
                for a in self.registry.targets.actuals(self.period)
                if a["indicator"] == r.indicator and a["scope"] == r.scope
            ),
            None,
        )
        return self.finished(self.view.ask_actual(r, self.period, note), target_id)

    def clear_actual(self, target_id):
        r = self.row(target_id)
        if not self.can_enter or r is None or r.computed:
            return None
        if r.actual is None:
            self.view.show_message(T.TARGETS_NO_ACTUAL.format(indicator=r.indicator))
            return None
        label = parse_period(self.period).label
        question = T.TARGETS_CLEAR_CONFIRM.format(
            indicator=r.indicator, scope=r.scope, period=label
        )
        if not self.view.ask_confirm(question):
            return None
        try:
            self.registry.targets.clear_actual(r.indicator, self.period, r.scope)
        except RegistryError as exc:  # e.g. entered for the whole year, not this half
            self.view.show_message(str(exc))
            return None
        return self.finished(True, target_id)

    def task_progress(self, task_id):
        task = self.task(task_id) if self.progress else None
        if not self.can_enter or task is None:
            return None
        return self.finished(self.view.ask_task(task, self.period), None)

    def finished(self, result, target_id=None):
        """After a dialog or a deletion: reload when something changed, keep the selection."""
        if result is not None and result is not False:
            if target_id is not None:
                self.selected = target_id
            self.load()
        return result
