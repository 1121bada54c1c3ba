"""Entering plans by hand: plans, targets, tasks, hand-entered figures and task progress.

The mixin of :class:`~gjz_registry.services.targets.TargetService` for writes, so the next
plan (2021–2025 and later) is entered the same way as the seeded one.  Every write needs the
administrator (the district office keeps the assessment; the plan's task ledger is the
district's, even for tasks led by a street), runs in one transaction and leaves one audit row
per changed record.
"""

import unicodedata
from decimal import Decimal, InvalidOperation

from db.models import Plan, PlanTask, Target, TargetActual, TaskProgress
from gjz_registry import validators as v
from gjz_registry.errors import (
    DuplicateError,
    InvalidValueError,
    NotFoundError,
    RuleError,
)
from gjz_registry.services import audit, measures, writes
from gjz_registry.services.base import get_or_404
from gjz_registry.services.periods import parse_period

TASK_STATUSES = ("未开始", "推进中", "已完成", "滞后")
# ≥ / ≤ the target; 增速>区: the scope's growth beats the district's by more than the value
COMPARISONS = (">=", "<=", "增速>区")
ASSESSMENTS = ("按时间进度", "直接比较")
TARGET_FIELDS = (
    "indicator",
    "period",
    "scope",
    "value",
    "unit",
    "measure",
    "comparison",
    "assessment",
    "clause",
    "source",
    "note",
    "sort_order",
)


def parse_number(value, field="数值"):
    """A Decimal from 3.2 / "3.2%" / "１，０００" (negative allowed: growth rates)."""
    if isinstance(value, bool) or value is None or value == "":
        raise InvalidValueError(f"「{field}」不能为空", field=field)
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").rstrip("%")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidValueError(f"「{field}」应为数字，实为「{value}」", field=field) from None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise InvalidValueError(f"「{field}」数值不合理：{value}", field=field)
    return number


class TargetEntry:
    """Writes of the target service (admin only, audited)."""

    def add_plan(
        self,
        name,
        starts_on,
        ends_on,
        document=None,
        issued_on=None,
        source_text=None,
        rhythm="半年",
    ):
        """Record a plan as a draft (草稿: publish_plan shows it to the streets); returns its
        PlanRecord.  DuplicateError for a name already used."""
        self.require_admin("录入计划")
        values = self._clean_plan(
            dict(
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
                document=document,
                issued_on=issued_on,
                rhythm=rhythm,
            )
        )
        name = values["name"]  # _clean_plan refused an empty one and an upside-down period
        values.update(source_text=source_text or None, status="草稿")
        with self.atomic():
            if Plan.get_or_none(Plan.name == name):
                raise DuplicateError(f"计划「{name}」已存在")
            logged = {k: val for k, val in values.items() if k != "source_text"}
            row = writes.create(self.actor, Plan, "plan", values, logged=logged)
        return self.plan(row.id)

    def add_target(self, plan, indicator, period, value, unit, scope="区", **extra):
        """Add a target to ``plan``; ``extra``: measure, comparison, assessment, clause,
        source, note, sort_order.  Returns the TargetRecord."""
        self.require_admin("录入目标")
        p = self.plan(plan)
        values = self._clean_target(
            dict(extra, indicator=indicator, period=period, value=value, unit=unit, scope=scope)
        )
        with self.atomic():
            if "sort_order" not in values:
                last = Target.select().where(Target.plan == p.id).order_by(Target.sort_order.desc())
                values["sort_order"] = (last.first().sort_order + 1) if last.exists() else 1
            row = writes.create(self.actor, Target, "target", dict(values, plan=p.id))
        return self.target(row.id)

    def update_target(self, target_id, changes, version):
        """Change a target's fields (see TARGET_FIELDS) if it is still at ``version`` (the
        version read: required); ConflictError on a stale one."""
        writes.require_version(version)
        self.require_admin("修改目标")
        with self.atomic():
            row = get_or_404(Target, target_id, "目标")
            if row.version != version:
                raise writes.stale("目标", row.indicator, version, row.version)
            unknown = set(changes) - set(TARGET_FIELDS)
            if unknown:
                raise InvalidValueError(f"目标没有这些字段：{'、'.join(sorted(unknown))}")
            merged = {f: getattr(row, f) for f in TARGET_FIELDS}
            merged.update(changes)
            values = self._clean_target(merged)
            before = {f: getattr(row, f) for f in values}
            b, a = audit.diff(before, values)
            if not a:
                return self.target(row.id)
            writes.update(self.actor, row, "target", "目标", a, version, name=row.indicator)
        return self.target(row.id)

    def _clean_target(self, values):
        out = {}
        out["indicator"] = v.clean_text(values.get("indicator"))
        if not out["indicator"]:
            raise InvalidValueError("「指标」不能为空", field="指标")
        out["period"] = parse_period(values.get("period"), "目标期").text
        out["value"] = parse_number(values.get("value"), "目标值")
        out["unit"] = v.clean_text(values.get("unit")) or None
        out["scope"] = v.clean_text(values.get("scope")) or "区"
        reference = self.registry.reference
        streets, fields = reference.streets(include_inactive=True), reference.industries()
        street, _, field = out["scope"].partition("×")
        if out["scope"] != "区" and not (
            (street in streets + fields and not field) or (street in streets and field in fields)
        ):
            raise InvalidValueError(
                f"「范围」「{out['scope']}」应为 区、街道名称、产业领域名称或「街道×领域」",
                field="范围",
            )
        out["comparison"] = values.get("comparison") or ">="
        v.validate_choice(out["comparison"], COMPARISONS, "比较方式")
        out["measure"] = v.clean_text(values.get("measure")) or None
        if out["measure"]:
            m = measures.get_measure(out["measure"])
            if out["comparison"] != COMPARISONS[2]:
                measures.factor(m, out["unit"])
            if not m.by_field and (field or street in fields):
                raise InvalidValueError(f"「{m.label}」不能按产业领域统计", field="范围")
        elif out["comparison"] == COMPARISONS[2]:
            raise InvalidValueError(
                "「增速高于全区」的目标要选计算口径（如 output_sum 产值），按年报数据计算",
                field="计算口径",
            )
        out["assessment"] = values.get("assessment") or ASSESSMENTS[0]
        v.validate_choice(out["assessment"], ASSESSMENTS, "评价方式")
        for key in ("clause", "source", "note"):
            if key in values:
                value = values[key]
                out[key] = v.clean_text(value) if key == "clause" else v.visible_text(value)
        if values.get("sort_order") is not None:
            out["sort_order"] = int(values["sort_order"])
        return out

    def add_task(self, plan, number, title, lead_units=None, co_units=None, section=None):
        """Add a numbered task to ``plan``; DuplicateError for a number already used."""
        self.require_admin("录入重点任务")
        p = self.plan(plan)
        title = v.clean_text(title)
        if not title:
            raise InvalidValueError("「任务名称」不能为空", field="任务名称")
        values = dict(
            number=v.validate_count(number, "任务序号"),
            title=title,
            lead_units=v.clean_text(lead_units) or None,
            co_units=v.clean_text(co_units) or None,
            section=v.clean_text(section) or None,
        )
        with self.atomic():
            taken = PlanTask.get_or_none(
                (PlanTask.plan == p.id) & (PlanTask.number == values["number"])
            )
            if taken:
                raise DuplicateError(f"任务 {values['number']} 已存在：{taken.title}")
            row = writes.create(self.actor, PlanTask, "plan_task", dict(values, plan=p.id))
        return next(t for t in self.tasks(p.id) if t.id == row.id)

    def set_actual(self, indicator, period, value, scope="区", note=None):
        """Enter the figure of a hand-entered indicator for a period (admin, audited).

        ``period`` as 2019H2 or 2019 (both mean the figure at 31 December).  NotFoundError
        when no target has that indicator; RuleError when the registry computes it.
        """
        self.require_admin("填报目标完成数")
        indicator = v.clean_text(indicator)
        scope = v.clean_text(scope) or "区"
        period = parse_period(period).text
        number = parse_number(value, "完成数")
        note = v.visible_text(note)
        targets = Target.select().where(Target.indicator == indicator)
        if not targets.exists():
            raise NotFoundError(f"没有名为「{indicator}」的目标指标")
        if all(t.measure for t in targets):
            raise RuleError(f"「{indicator}」由系统按登记数据计算，不能手工填报")
        if not targets.where(Target.scope == scope).exists():
            raise InvalidValueError(f"指标「{indicator}」没有范围为「{scope}」的目标", field="范围")
        with self.atomic():
            row = TargetActual.get_or_none(
                (TargetActual.indicator == indicator)
                & (TargetActual.period == period)
                & (TargetActual.scope == scope)
            )
            after = dict(indicator=indicator, period=period, scope=scope, value=number, note=note)
            if row is None:
                row = writes.create(self.actor, TargetActual, "target_actual", after)
            else:
                # A figure is entered again rather than edited: the row read just now is the
                # version written (no form holds it).
                if (row.value, row.note) != (number, note):
                    writes.update(
                        self.actor,
                        row,
                        "target_actual",
                        "填报数",
                        dict(value=number, note=note),
                        row.version,
                        name=indicator,
                    )
        return after

    def clear_actual(self, indicator, period, scope="区"):
        """Delete a hand-entered figure (admin, audited); NotFoundError when there is none."""
        self.require_admin("删除填报数")
        period = parse_period(period).text
        with self.atomic():
            row = TargetActual.get_or_none(
                (TargetActual.indicator == indicator)
                & (TargetActual.period == period)
                & (TargetActual.scope == (scope or "区"))
            )
            if row is None:
                raise NotFoundError(f"「{indicator}」{period} 没有填报数")
            before = dict(indicator=row.indicator, period=period, scope=row.scope, value=row.value)
            writes.delete(
                self.actor, row, "target_actual", "填报数", before, row.version, name=indicator
            )

    def set_task_progress(self, task_id, period, status, note=None):
        """Record a task's status (未开始/推进中/已完成/滞后) and note for a half-year."""
        self.require_admin("填报任务进展")
        p = parse_period(period)
        if not p.half:
            raise InvalidValueError(
                f"任务进展按半年填报：请写 {p.year}H1 或 {p.year}H2", field="考核期"
            )
        status = v.validate_choice(status, TASK_STATUSES, "任务状态")
        note = v.visible_text(note)
        with self.atomic():
            task = get_or_404(PlanTask, task_id, "重点任务")
            row = TaskProgress.get_or_none(
                (TaskProgress.task == task.id) & (TaskProgress.period == p.text)
            )
            after = dict(task=task.id, period=p.text, status=status, note=note)
            if row is None:
                row = writes.create(self.actor, TaskProgress, "task_progress", after)
            else:
                if (row.status, row.note) != (status, note):  # entered again, as a figure
                    writes.update(
                        self.actor,
                        row,
                        "task_progress",
                        "任务进展",
                        dict(status=status, note=note),
                        row.version,
                        name=task.title,
                    )
        return next(t for t in self.tasks(task.plan_id, p.text) if t.id == task.id)

    def task_by_number(self, number, plan=None):
        """The TaskRecord numbered ``number`` in ``plan`` (default: the current plan)."""
        for t in self.tasks(plan):
            if str(t.number) == str(number).strip():
                return t
        raise NotFoundError(f"计划中没有第 {number} 项重点任务")
