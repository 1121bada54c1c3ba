"""The records of the target service and the pure rules of the assessment.

Plain dataclasses returned by :class:`~gjz_registry.services.targets.TargetService`
(PlanRecord, TargetRecord, TaskRecord, ProgressRow, StreetTable, Progress, DrillDown), the
verdict rule, the choice of a target for a period, and the marking of targets on which the
plan contradicts itself.
"""

import dataclasses
import datetime
from decimal import Decimal

from db.models import TargetActual
from gjz_registry.errors import InvalidValueError
from gjz_registry.services.periods import Period, parse_period

DISTRICT = "区"
MET, ON_TRACK, BEHIND, NOT_REPORTED = "已达标", "进度正常", "滞后", "未填报"
ELAPSED, DIRECT = "按时间进度", "直接比较"
NO_PROGRESS = "未填报"
GROWTH = "增速>区"  # the scope's growth over the year before beats the district's
DRAFT, PUBLISHED, RETIRED = "草稿", "已发布", "已废止"
CROSS = "×"  # a street × field scope: 营城子街道×新材料


@dataclasses.dataclass
class PlanRecord:
    id: int
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    document: str
    issued_on: datetime.date
    targets: int
    tasks: int
    rhythm: str = "半年"
    status: str = PUBLISHED
    version: int = 1


@dataclasses.dataclass
class TargetRecord:
    id: int
    plan_id: int
    indicator: str
    period: str
    scope: str
    value: Decimal
    unit: str
    comparison: str
    measure: str
    assessment: str
    clause: str
    source: str
    note: str
    sort_order: int
    version: int
    parent_id: int = None

    @property
    def computed(self):
        return bool(self.measure)


@dataclasses.dataclass
class TaskRecord:
    id: int
    number: int
    section: str
    title: str
    lead_units: str
    co_units: str
    period: str = None
    status: str = NO_PROGRESS
    note: str = None
    version: int = 1


@dataclasses.dataclass
class ProgressRow:
    """One target in a period; ``completion`` and ``expected`` are fractions (0.85 = 85 %)."""

    target_id: int
    indicator: str
    scope: str
    clause: str
    target_period: str
    unit: str
    target: Decimal
    actual: Decimal
    completion: float
    expected: float
    verdict: str  # None for a street's share of a district target
    computed: bool
    measure: str = None
    comparison: str = ">="
    note: str = None
    conflict: str = None
    source: str = None


@dataclasses.dataclass
class StreetTable:
    """Computed district figures per street: ``rows`` are (street, [value per column])."""

    columns: list
    units: list
    measures: list
    rows: list
    totals: list = None


@dataclasses.dataclass
class Progress:
    plan: str
    period: str
    label: str
    as_of: datetime.date
    data_year: int
    expected: float
    street: str  # the street user's street, or None for the district view
    rows: list
    fields: list
    streets: StreetTable
    tasks: list
    definitions: list  # (label, definition) of the measures used
    document: str = None  # the plan's 文号 (issuing document)


@dataclasses.dataclass
class DrillDown:
    title: str
    measure: str
    definition: str
    period: str
    scope: str
    unit: str
    total: Decimal
    rows: list


def verdict(actual, target, comparison=">=", expected=None):
    """已达标 / 进度正常 / 滞后 / 未填报; ``expected`` None means compare directly."""
    if actual is None:
        return NOT_REPORTED
    if comparison == GROWTH:
        return MET if actual > target else BEHIND
    if comparison == "<=":
        return MET if actual <= target else BEHIND
    if actual >= target:
        return MET
    if expected is not None and target > 0 and float(actual / target) >= expected:
        return ON_TRACK
    return BEHIND


def target_record(t):
    return TargetRecord(
        t.id,
        t.plan_id,
        t.indicator,
        t.period,
        t.scope,
        t.value.normalize() + 0,
        t.unit,
        t.comparison,
        t.measure,
        t.assessment,
        t.clause,
        t.source,
        t.note,
        t.sort_order,
        t.version,
        t.parent_id,
    )


def half_of(period):
    p = parse_period(period)
    if p.quarter:
        return Period(p.year, 1 if p.quarter <= 2 else 2)
    return p if p.half else Period(p.year, 2)


def split_scope(scope):
    """The two names of a street × field scope (营城子街道×新材料), else (scope, None)."""
    if scope and CROSS in scope:
        street, field = scope.split(CROSS, 1)
        return street, field
    return scope, None


def check_within(plan, period):
    if period.end <= plan.starts_on or period.start > plan.ends_on:
        raise InvalidValueError(
            f"考核期 {period.text} 不在计划「{plan.name}」的期限内"
            f"（{plan.starts_on.isoformat()} 至 {plan.ends_on.isoformat()}）",
            field="考核期",
        )


def for_period(targets, period):
    """Per (indicator, scope): the first target due at or after the period, else the last."""
    groups = {}
    for t in targets:
        groups.setdefault((t.indicator, t.scope), []).append(t)
    chosen = set()
    for group in groups.values():
        ordered = sorted(group, key=lambda t: parse_period(t.period).end)
        due = [t for t in ordered if parse_period(t.period).end >= period.end]
        chosen.add((due[0] if due else ordered[-1]).id)
    return [t for t in targets if t.id in chosen]


def hand_actual(t, period):
    found = {
        a.period: a.value
        for a in TargetActual.select().where(
            (TargetActual.indicator == t.indicator)
            & (TargetActual.scope == t.scope)
            & TargetActual.period.in_(period.equivalents)
        )
    }
    for text in period.equivalents:
        if text in found:
            return found[text].normalize() + 0
    return None


def _number(value):
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def mark_conflicts(rows):
    """Rows of one measure, scope and period with different targets: the plan disagrees."""
    groups = {}
    for r in rows:
        if r.measure:
            groups.setdefault((r.measure, r.scope, r.target_period), []).append(r)
    for group in groups.values():
        if len({r.target for r in group}) > 1:
            said = "，".join(f"{r.clause} 为 {_number(r.target)} {r.unit}" for r in group)
            for r in group:
                r.conflict = f"计划自相矛盾：{said}"
