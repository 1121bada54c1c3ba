"""The administrator's plans: edit, copy as the next plan's draft, publish, retire; splits of a
district target over the streets (分解) and the check that the parts add up; task edits.

The mixin of :class:`~gjz_registry.services.targets.TargetService` for plan-level writes
(target_entry holds the writes of single targets, figures and task progress).  A plan is
草稿 (seen by the administrator only) until published, 已发布 (may be in force), and
已废止 once retired (still shown, never in force).  Every write needs the administrator, runs
in one transaction and leaves one audit row per changed record.  :func:`write_plan` creates a
whole plan (targets with their parts, tasks) for a copy and for a plan workbook's import.
"""

import dataclasses
from decimal import Decimal

from db.models import Plan, PlanTask, Target, TaskProgress
from gjz_registry import validators as v
from gjz_registry.errors import DuplicateError, InvalidValueError, RuleError
from gjz_registry.services import audit, writes
from gjz_registry.services.base import get_or_404
from gjz_registry.services.periods import RHYTHMS, Period, parse_period
from gjz_registry.services.target_entry import TARGET_FIELDS, parse_number
from gjz_registry.services.target_records import CROSS, DISTRICT, DRAFT, PUBLISHED, RETIRED

PLAN_FIELDS = ("name", "document", "issued_on", "starts_on", "ends_on", "rhythm")
TASK_FIELDS = ("number", "section", "title", "lead_units", "co_units")
COPIED = TARGET_FIELDS  # a target's own fields, as copied and exported


@dataclasses.dataclass
class SplitCheck:
    """A target split over streets: its value, the sum of the parts, and whether they agree."""

    target_id: int
    indicator: str
    scope: str
    period: str
    unit: str
    value: Decimal
    parts: list  # (street, value)
    total: Decimal

    @property
    def balanced(self):
        return self.total == self.value

    @property
    def message(self):
        if self.balanced:
            return "各街道分解数合计与目标一致"
        gap = self.value - self.total
        word = "少" if gap > 0 else "多"
        return (
            f"各街道分解数合计 {self.total.normalize():f}，比{self.scope}目标 "
            f"{self.value.normalize():f} {word} {abs(gap).normalize():f}{self.unit or ''}"
        )


def shift_period(text, years):
    """A target period moved by ``years`` (2020H2 + 5 → 2025H2)."""
    p = parse_period(text)
    return Period(p.year + years, p.half, p.quarter).text


def write_plan(actor, values, targets, tasks, batch=None):
    """Create a plan with ``targets`` (dicts of TARGET_FIELDS, ``part_of``: the index in
    ``targets`` of the target it is a part of) and ``tasks`` (dicts of TASK_FIELDS); one
    audit row per record, carrying ``batch``.  Returns the plan's id.  Call in a transaction,
    with the values cleaned."""
    if Plan.get_or_none(Plan.name == values["name"]):
        raise DuplicateError(f"计划「{values['name']}」已存在，请换一个名称")
    plan = Plan.create(**values)
    logged = {k: val for k, val in values.items() if k != "source_text"}
    audit.record(actor, "create", "plan", plan.id, None, logged, batch)
    ids = []
    for t in targets:
        own = {k: t[k] for k in COPIED if k in t}
        parent = ids[t["part_of"]] if t.get("part_of") is not None else None
        row = Target.create(plan=plan.id, parent=parent, **own)
        ids.append(row.id)
        audit.record(actor, "create", "target", row.id, None, dict(own, plan=plan.id), batch)
    for task in tasks:
        own = {k: task.get(k) for k in TASK_FIELDS}
        row = PlanTask.create(plan=plan.id, **own)
        audit.record(actor, "create", "plan_task", row.id, None, dict(own, plan=plan.id), batch)
    return plan.id


def plan_rows(plan_id):
    """(targets, tasks) of a plan as write_plan takes them, in plan order."""
    query = Target.select().where(Target.plan == plan_id).order_by(Target.sort_order, Target.id)
    rows = list(query)
    index = {t.id: i for i, t in enumerate(rows)}
    targets = []
    for t in rows:
        own = {k: getattr(t, k) for k in COPIED}
        own["part_of"] = index.get(t.parent_id)
        targets.append(own)
    tasks = [
        {k: getattr(t, k) for k in TASK_FIELDS}
        for t in PlanTask.select().where(PlanTask.plan == plan_id).order_by(PlanTask.number)
    ]
    return targets, tasks


class PlanEntry:
    """Plan-level writes of the target service (admin only, audited)."""

    def _clean_plan(self, values, current=None):
        """The plan fields of ``values`` checked and normalised (InvalidValueError), the
        period included: 截止日期 after 起始日期 (``current``: the stored plan's dates, for a
        change of one of them)."""
        out = {}
        if "name" in values:
            out["name"] = v.clean_text(values["name"])
            if not out["name"]:
                raise InvalidValueError("「计划名称」不能为空", field="计划名称")
        for key, label in (("starts_on", "起始日期"), ("ends_on", "截止日期")):
            if key in values:
                out[key] = v.validate_date(values[key], label)
        if "issued_on" in values:
            out["issued_on"] = (
                v.validate_date(values["issued_on"], "印发日期") if values["issued_on"] else None
            )
        if "document" in values:
            out["document"] = v.clean_text(values["document"]) or None
        if "rhythm" in values:
            out["rhythm"] = v.validate_choice(values["rhythm"] or RHYTHMS[0], RHYTHMS, "考核节奏")
        period = dict(current or {})
        period.update((k, out[k]) for k in ("starts_on", "ends_on") if k in out)
        if period.get("starts_on") and period.get("ends_on"):
            if period["ends_on"] <= period["starts_on"]:
                raise InvalidValueError("「截止日期」应晚于「起始日期」", field="截止日期")
        return out

    def update_plan(self, plan, changes, version):
        """Change a plan's name, 文号, dates or rhythm (PLAN_FIELDS) if it is still at
        ``version`` (the version read: required); StaleVersionError otherwise.  Returns the
        PlanRecord."""
        writes.require_version(version)
        self.require_admin("修改计划")
        unknown = set(changes) - set(PLAN_FIELDS)
        if unknown:
            raise InvalidValueError(f"计划没有这些字段：{'、'.join(sorted(unknown))}")
        with self.atomic():
            row = get_or_404(Plan, self.plan(plan).id, "计划")
            if row.version != version:
                raise writes.stale("计划", row.name, version, row.version)
            values = self._clean_plan(
                changes, current={"starts_on": row.starts_on, "ends_on": row.ends_on}
            )
            if values.get("name", row.name) != row.name and Plan.get_or_none(
                Plan.name == values["name"]
            ):
                raise DuplicateError(f"计划「{values['name']}」已存在，请换一个名称")
            self._change_plan(row, {k: getattr(row, k) for k in values}, values)
        return self.plan(row.id)

    def copy_plan(self, plan, name, starts_on, ends_on, document=None):
        """A draft copy of ``plan`` for the next period: its targets (target years moved by
        the years between the two end dates; splits kept), tasks (without progress) and
        rhythm.  Returns the new PlanRecord."""
        self.require_admin("复制计划")
        source = get_or_404(Plan, self.plan(plan).id, "计划")
        values = self._clean_plan(
            dict(name=name, starts_on=starts_on, ends_on=ends_on, document=document)
        )
        values.update(rhythm=source.rhythm, status=DRAFT)
        years = values["ends_on"].year - source.ends_on.year
        targets, tasks = plan_rows(source.id)
        for i, t in enumerate(targets):
            part_of = t.pop("part_of")
            t.update(period=shift_period(t["period"], years), source=None)  # it says 到2020年
            targets[i] = dict(self._clean_target(t), part_of=part_of)
        with self.atomic():
            new_id = write_plan(self.actor, values, targets, tasks)
        return self.plan(new_id)

    def publish_plan(self, plan):
        """Publish a draft: street users and viewers see it, and it may be in force."""
        self.require_admin("发布计划")
        self._set_status(plan, DRAFT, PUBLISHED, "只有草稿可以发布")
        return self.plan(plan)

    def retire_plan(self, plan):
        """Retire a published plan: kept and shown, never in force again."""
        self.require_admin("废止计划")
        self._set_status(plan, PUBLISHED, RETIRED, "只有已发布的计划可以废止")
        return self.plan(plan)

    def _set_status(self, plan, old, new, rule):
        with self.atomic():
            row = get_or_404(Plan, self.plan(plan).id, "计划")
            if row.status != old:
                raise RuleError(f"计划「{row.name}」现为{row.status}：{rule}")
            self._change_plan(row, {"status": old}, {"status": new})

    def _change_plan(self, row, before, after):
        b, a = audit.diff(before, after)
        if a:  # read in this transaction: its version is the one read
            writes.update(self.actor, row, "plan", "计划", a, row.version, logged=(b, a))

    # --- targets: delete, split ------------------------------------------------------------
    def delete_target(self, target_id):
        """Delete a target with its street parts (admin, audited)."""
        self.require_admin("删除目标")
        with self.atomic():
            row = get_or_404(Target, target_id, "目标")
            for part in list(Target.select().where(Target.parent == row.id)) + [row]:
                before = {f: getattr(part, f) for f in TARGET_FIELDS}
                part.delete_instance()
                audit.record(self.actor, "delete", "target", part.id, before, None)

    def split_target(self, target_id, parts):
        """Split a district (or field) target over streets: ``parts`` {street: value}; a
        street given None or "" loses its part.  Each part is a target of the street (street ×
        field for a field's target) with the district target's indicator, period, unit and
        rules.  Returns the SplitCheck (the parts need not add up: the check says so)."""
        self.require_admin("分解目标")
        streets = self.registry.reference.streets(include_inactive=True)
        with self.atomic():
            row = get_or_404(Target, target_id, "目标")
            if row.parent_id or row.scope in streets or CROSS in row.scope:
                raise RuleError(
                    f"「{row.indicator}」（{row.scope}）不是全区或产业领域的目标，不能分解"
                )
            existing = {t.scope: t for t in Target.select().where(Target.parent == row.id)}
            for street, value in parts.items():
                street = v.clean_text(street)
                if street not in streets:
                    raise InvalidValueError(f"「{street}」不是街道名称", field="街道")
                scope = street if row.scope == DISTRICT else f"{street}{CROSS}{row.scope}"
                current = existing.get(scope)
                if value is None or str(value).strip() == "":
                    if current:
                        self.delete_target(current.id)
                    continue
                number = parse_number(value, f"{street}分解数")
                if current:
                    self.update_target(current.id, {"value": number}, current.version)
                    continue
                values = {f: getattr(row, f) for f in COPIED}
                values.update(scope=scope, value=number, source=None)
                part = Target.create(plan=row.plan_id, parent=row.id, **values)
                audit.record(
                    self.actor, "create", "target", part.id, None, dict(values, plan=row.plan_id)
                )
        return self._split_check(get_or_404(Target, target_id, "目标"))

    def split_checks(self, plan=None):
        """Per split target of ``plan``: its SplitCheck (do the streets' parts add up?)."""
        p = self.plan(plan)
        parents = (
            Target.select()
            .where((Target.plan == p.id) & Target.id.in_(Target.select(Target.parent)))
            .order_by(Target.sort_order, Target.id)
        )
        return [self._split_check(t) for t in parents]

    def _split_check(self, row):
        parts = [
            (t.scope.split(CROSS)[0], t.value.normalize() + 0)
            for t in Target.select().where(Target.parent == row.id).order_by(Target.id)
        ]
        total = sum((value for _, value in parts), Decimal(0))
        value = row.value.normalize() + 0
        return SplitCheck(
            row.id, row.indicator, row.scope, row.period, row.unit, value, parts, total
        )

    # --- tasks -------------------------------------------------------------------------------
    def update_task(self, task_id, changes, version):
        """Change a task's number, section, title, 牵头单位 or 配合单位 (admin, audited) if it
        is still at ``version`` (the version read: required); StaleVersionError otherwise."""
        writes.require_version(version)
        self.require_admin("修改重点任务")
        unknown = set(changes) - set(TASK_FIELDS)
        if unknown:
            raise InvalidValueError(f"重点任务没有这些字段：{'、'.join(sorted(unknown))}")
        with self.atomic():
            row = get_or_404(PlanTask, task_id, "重点任务")
            if row.version != version:
                raise writes.stale("重点任务", row.title, version, row.version)
            values = {k: v.clean_text(val) or None for k, val in changes.items()}
            if "number" in changes:
                values["number"] = v.validate_count(changes["number"], "任务序号")
                taken = PlanTask.get_or_none(
                    (PlanTask.plan == row.plan_id)
                    & (PlanTask.number == values["number"])
                    & (PlanTask.id != row.id)
                )
                if taken:
                    raise DuplicateError(f"任务 {values['number']} 已存在：{taken.title}")
            if "title" in changes and not values["title"]:
                raise InvalidValueError("「任务名称」不能为空", field="任务名称")
            b, a = audit.diff({k: getattr(row, k) for k in values}, values)
            if a:
                writes.update(
                    self.actor,
                    row,
                    "plan_task",
                    "重点任务",
                    a,
                    version,
                    name=row.title,
                    logged=(b, a),
                )
        return next(t for t in self.tasks(row.plan_id) if t.id == row.id)

    def delete_task(self, task_id):
        """Delete a task and its progress notes (admin, audited)."""
        self.require_admin("删除重点任务")
        with self.atomic():
            row = get_or_404(PlanTask, task_id, "重点任务")
            for note in TaskProgress.select().where(TaskProgress.task == row.id):
                before = dict(task=row.id, period=note.period, status=note.status, note=note.note)
                note.delete_instance()
                audit.record(self.actor, "delete", "task_progress", note.id, before, None)
            before = {k: getattr(row, k) for k in TASK_FIELDS}
            row.delete_instance()
            audit.record(self.actor, "delete", "plan_task", row.id, before, None)
