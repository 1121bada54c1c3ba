"""Plans, their targets and tasks, and progress towards the targets for a period.

``progress(period)`` answers 「我们完成了多少」: per target the target value, the actual —
computed from the registry (see services.measures) or entered by hand (TargetActual) — the
completion, the share of the plan's time elapsed and a verdict (已达标 / 进度正常 / 滞后 /
未填报); the per-field targets; a table of the countable figures per street; and the task
ledger for the period.  Writes (plans, targets, tasks, hand-entered figures, task progress)
are in services.target_entry; the records and the pure rules in services.target_records.

Street users see only the computed figures of their own street: the district's targets are
shown beside them for reference, but without a verdict, with their street's own targets
(parts of a split, street × field targets); hand-entered district figures are hidden from
them, and so are draft plans (草稿) until the administrator publishes them.  Only published
plans are ever in force.  Plan editing (copy, publish, retire, splits) is in
services.plan_entry.
"""

import datetime
from decimal import Decimal

from db.models import Plan, PlanTask, Target, TargetActual, TaskProgress
from gjz_registry.errors import InvalidValueError, NotFoundError, OutOfScopeError, RuleError
from gjz_registry.services import measures
from gjz_registry.services.base import Service, get_or_404
from gjz_registry.services.periods import (
    current_period,
    elapsed_share,
    parse_period,
    plan_periods,
)
from gjz_registry.services.plan_entry import PlanEntry
from gjz_registry.services.plan_exchange import PlanExchange
from gjz_registry.services.target_entry import TargetEntry
from gjz_registry.services.target_records import (  # noqa: F401 — re-exported for callers
    DIRECT,
    DISTRICT,
    DRAFT,
    GROWTH,
    NO_PROGRESS,
    PUBLISHED,
    RETIRED,
    DrillDown,
    PlanRecord,
    Progress,
    ProgressRow,
    StreetTable,
    TargetRecord,
    TaskRecord,
    check_within,
    for_period,
    half_of,
    hand_actual,
    mark_conflicts,
    split_scope,
    target_record,
    verdict,
)


def in_force(plans, day):
    """Of ``plans`` (oldest first), the published one whose span holds ``day`` — the
    latest-starting when several do — or None."""
    holding = [p for p in plans if p.status == PUBLISHED and p.starts_on <= day <= p.ends_on]
    return holding[-1] if holding else None


class TargetService(PlanExchange, PlanEntry, TargetEntry, Service):
    """Plans, targets, tasks and progress (reads: any user; writes: admin)."""

    # --- plans, targets, tasks -------------------------------------------------------------
    def plans(self):
        """Every plan the user may see (drafts: the administrator only), oldest first, as
        PlanRecord."""
        self.require_login()
        query = Plan.select().order_by(Plan.starts_on, Plan.id)
        if not self.actor.is_admin:
            query = query.where(Plan.status != DRAFT)
        result = []
        for p in query:
            targets = Target.select().where(Target.plan == p.id).count()
            tasks = PlanTask.select().where(PlanTask.plan == p.id).count()
            result.append(
                PlanRecord(
                    p.id,
                    p.name,
                    p.starts_on,
                    p.ends_on,
                    p.document,
                    p.issued_on,
                    targets,
                    tasks,
                    p.rhythm,
                    p.status,
                    p.version,
                )
            )
        return result

    def plan(self, plan=None, period=None, today=None):
        """The PlanRecord named (or numbered) ``plan``; by default the published plan in force
        at the end of ``period`` (else ``today``), else the latest started (else the first).
        NotFoundError when there is none."""
        plans = self.plans()
        if plan is not None:
            for p in plans:
                if plan in (p.id, p.name, str(p.id)):
                    return p
            raise NotFoundError(f"没有名为「{plan}」的计划（请用 gjz plan list 查看计划编号）")
        if not plans:
            raise NotFoundError("还没有录入任何计划")
        plans = [p for p in plans if p.status == PUBLISHED] or plans
        day = parse_period(period).end if period else (today or datetime.date.today())
        current = in_force(plans, day)
        if current is not None:
            return current
        started = [p for p in plans if p.starts_on <= day]
        return started[-1] if started else plans[0]

    def in_force(self, day=None):
        """The PlanRecord of the published plan in force on ``day`` (default today), or None
        when no plan's time span holds that day (the last one has ended, or the next not
        begun)."""
        return in_force(self.plans(), day or datetime.date.today())

    def plan_text(self, plan=None):
        """The full source text of a plan (as issued)."""
        return Plan.get_by_id(self.plan(plan).id).source_text

    def periods(self, plan=None, today=None):
        """The plan's periods in its rhythm as texts (['2018H2', '2019H1', …]), from its
        start to ``today`` (default: today), never beyond; its first before it begins."""
        p = self.plan(plan, today=today)
        offered = plan_periods(p.starts_on, p.ends_on, p.rhythm, today)
        return [x.text for x in offered] or [self.default_period(p.id, today)]

    def default_period(self, plan=None, today=None):
        """The plan's period holding ``today`` (its last once it is over)."""
        p = self.plan(plan, today=today)
        return current_period(p.starts_on, p.ends_on, p.rhythm, today).text

    def targets(self, plan=None):
        """The targets of a plan (default: the current one), in plan order."""
        p = self.plan(plan)
        query = Target.select().where(Target.plan == p.id).order_by(Target.sort_order, Target.id)
        return [target_record(t) for t in query]

    def target(self, target_id):
        """The TargetRecord ``target_id`` (NotFoundError for a draft's, but to the admin)."""
        self.require_login()
        row = get_or_404(Target, target_id, "目标")
        self.plan(row.plan_id)  # a draft plan's targets are the administrator's only
        return target_record(row)

    def tasks(self, plan=None, period=None):
        """The plan's tasks in order; with ``period``, each with its status and note then."""
        p = self.plan(plan, period)
        half = half_of(period) if period else None
        progress = {}
        if half:
            query = (
                TaskProgress.select()
                .join(PlanTask)
                .where((PlanTask.plan == p.id) & (TaskProgress.period == half.text))
            )
            progress = {r.task_id: r for r in query}
        result = []
        for t in PlanTask.select().where(PlanTask.plan == p.id).order_by(PlanTask.number):
            done = progress.get(t.id)
            result.append(
                TaskRecord(
                    t.id,
                    t.number,
                    t.section,
                    t.title,
                    t.lead_units,
                    t.co_units,
                    half.text if half else None,
                    done.status if done else NO_PROGRESS,
                    done.note if done else None,
                    t.version,
                )
            )
        return result

    def actuals(self, period=None):
        """Hand-entered figures (TargetActual) as dicts; street users see their street's only."""
        self.require_login()
        query = TargetActual.select().order_by(TargetActual.period, TargetActual.indicator)
        if period:
            query = query.where(TargetActual.period.in_(parse_period(period).equivalents))
        if self.actor.scoped:
            query = query.where(TargetActual.scope == self.actor.street)
        return [
            dict(indicator=a.indicator, period=a.period, scope=a.scope, value=a.value, note=a.note)
            for a in query
        ]

    def measures(self):
        """The computed measures a target can name: [(key, label, unit, definition)]."""
        return [(m.key, m.label, m.unit, m.definition) for m in measures.MEASURES.values()]

    # --- progress ------------------------------------------------------------------------
    def progress(self, period=None, plan=None):
        """Progress of ``plan`` (default: the one covering the period) at ``period``
        (default: the latest half-year ended) as a Progress.  InvalidValueError for a period
        outside the plan."""
        self.require_login()
        p = self.plan(plan, period)
        period = (
            parse_period(period) if period else current_period(p.starts_on, p.ends_on, p.rhythm)
        )
        check_within(p, period)
        reference = self.registry.reference
        fields = set(reference.industries())
        streets = set(reference.streets(include_inactive=True))
        scoped = self.actor.street if self.actor.scoped else None
        cache = {}
        rows, field_rows, used = [], [], []
        for t in for_period(self.targets(p.id), period):
            # a street user: their street's own targets, and the countable figures of the rest
            street, field = split_scope(t.scope)
            own = street == scoped
            if scoped and not own and (not t.computed or street in streets):
                continue
            row = self._row(t, p, period, cache, fields, streets)
            (field_rows if street in fields or field else rows).append(row)
            if t.measure and t.measure not in used:
                used.append(t.measure)
        mark_conflicts(rows + field_rows)
        district = [r for r in rows if r.scope == DISTRICT]
        target_end = max((parse_period(r.target_period).end for r in rows), default=p.ends_on)
        return Progress(
            plan=p.name,
            period=period.text,
            label=period.label,
            as_of=period.end,
            data_year=period.data_year,
            expected=elapsed_share(p.starts_on, period.end, target_end),
            street=scoped,
            rows=rows,
            fields=field_rows,
            streets=self._street_table(district, p, period),
            tasks=self.tasks(p.id, period.text),
            definitions=[
                (measures.MEASURES[k].label, measures.MEASURES[k].definition) for k in used
            ],
            document=p.document,
        )

    def _context(self, plan, period, scope=DISTRICT, street=None, fields=(), streets=()):
        reference = self.registry.reference
        street_id = industry_id = None
        scope, field = split_scope(scope)
        if scope and scope != DISTRICT:
            if scope in (streets or reference.streets(include_inactive=True)):
                street_id = reference.street_id(scope)
            elif scope in (fields or reference.industries()) and not field:
                industry_id = reference.industry_id(scope)
            else:
                raise InvalidValueError(f"目标范围「{scope}」既不是街道也不是产业领域")
        if field:
            industry_id = reference.industry_id(field)
        if street:
            other = reference.street_id(street)
            if street_id and other != street_id:
                raise InvalidValueError(f"目标范围是{scope}，不能按{street}统计")
            street_id = other
        if self.actor.scoped:
            if street_id and street_id != self.actor.street_id:
                raise OutOfScopeError(f"街道用户只能查看{self.actor.street}的数据")
            street_id = self.actor.street_id
        return measures.Context(
            period.end, period.data_year, plan.starts_on, street_id, industry_id
        )

    def _computed(self, key, unit, ctx, cache):
        """The measure's figure converted to ``unit`` (money to 2 places, counts whole)."""
        if (key, ctx) not in cache:
            cache[(key, ctx)] = measures.value(self, key, ctx)
        raw = cache[(key, ctx)]
        converted = raw / measures.factor(measures.get_measure(key), unit)
        step = Decimal(1) if measures.get_measure(key).is_count else Decimal("0.01")
        return converted.quantize(step).normalize() + 0

    def _growth(self, t, plan, period, cache, fields, streets):
        """Percentage points by which the scope's growth of the measure (data year over the
        year before) beats the district's; None without a base year's figure."""
        rates = []
        for scope in (t.scope, DISTRICT):
            figures = []
            for year in (period.data_year - 1, period.data_year):
                ctx = self._context(plan, parse_period(str(year)), scope, None, fields, streets)
                if (t.measure, ctx) not in cache:
                    cache[(t.measure, ctx)] = measures.value(self, t.measure, ctx)
                figures.append(cache[(t.measure, ctx)])
            if not figures[0]:
                return None
            rates.append((figures[1] / figures[0] - 1) * 100)
        return (rates[0] - rates[1]).quantize(Decimal("0.01")) + 0

    def _row(self, t, plan, period, cache, fields, streets):
        if t.comparison == GROWTH and t.computed:
            actual = self._growth(t, plan, period, cache, fields, streets)
        elif t.computed:
            ctx = self._context(plan, period, t.scope, None, fields, streets)
            actual = self._computed(t.measure, t.unit, ctx, cache)
        else:
            actual = hand_actual(t, period)
        target_end = parse_period(t.period).end
        expected = None
        if t.assessment != DIRECT and t.comparison != GROWTH:
            expected = elapsed_share(plan.starts_on, period.end, target_end)
        completion = None
        if actual is not None and t.value and t.comparison != GROWTH:
            completion = float(actual / t.value)
        contribution = self.actor.scoped and split_scope(t.scope)[0] != self.actor.street
        return ProgressRow(
            t.id,
            t.indicator,
            t.scope,
            t.clause,
            t.period,
            t.unit,
            t.value,
            actual,
            completion,
            expected,
            None if contribution else verdict(actual, t.value, t.comparison, expected),
            t.computed,
            t.measure,
            t.comparison,
            t.note,
            None,
            t.source,
        )

    def _street_table(self, district_rows, plan, period):
        """The district's computed measures per street (one column per measure)."""
        keys, units = [], []
        for r in district_rows:
            if r.measure and r.measure not in keys:
                keys.append(r.measure)
                units.append(r.unit)
        names = [self.actor.street] if self.actor.scoped else self.registry.reference.streets()
        if not keys:
            return StreetTable([], [], [], [], None)
        cache, rows = {}, []
        for name in names:
            ctx = self._context(plan, period, street=name)
            rows.append((name, [self._computed(k, u, ctx, cache) for k, u in zip(keys, units)]))
        totals = None
        if not self.actor.scoped:
            ctx = self._context(plan, period)
            totals = [self._computed(k, u, ctx, cache) for k, u in zip(keys, units)]
        columns = [measures.MEASURES[k].label for k in keys]
        return StreetTable(columns, units, keys, rows, totals)

    # --- drill-down ----------------------------------------------------------------------
    def drill_down(self, target=None, period=None, street=None, measure=None, scope=DISTRICT):
        """The enterprises (carriers for new_carriers) behind a computed figure, as DrillDown.

        Give a target id, or a measure key with its ``scope`` (区 or a field's name);
        ``street`` narrows to one street (street users: always their own).  RuleError for a
        hand-entered target.
        """
        self.require_login()
        plan = None
        if target is not None:
            t = self.target(target)
            if not t.computed:
                raise RuleError(f"「{t.indicator}」为手工填报指标，没有可追溯的企业明细")
            plan = self.plan(t.plan_id)
            measure, scope, title = t.measure, t.scope, t.indicator
        else:
            title = measures.get_measure(measure).label
        plan = plan or self.plan(None, period)
        period = (
            parse_period(period)
            if period
            else current_period(plan.starts_on, plan.ends_on, plan.rhythm)
        )
        ctx = self._context(plan, period, scope, street)
        m = measures.get_measure(measure)
        where = self.registry.reference.street_name(ctx.street_id) if ctx.street_id else scope
        return DrillDown(
            title=f"{title}（{where}，{period.label}）",
            measure=m.key,
            definition=m.definition,
            period=period.text,
            scope=where,
            unit=m.unit,
            total=measures.value(self, measure, ctx),
            rows=measures.rows(self, measure, ctx),
        )
