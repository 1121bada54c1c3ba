"""A plan to and from its workbook (exchange.plan_workbook): export, preview, import, undo.

The mixin of :class:`~gjz_registry.services.targets.TargetService`.  Export: any user, of a
plan they may see (a street exports the published plan it was sent).  Import is the
administrator's and all or nothing, like a plan itself: :meth:`preview_plan` reads the file
and holds every row to the rules of the screen (plan fields, each target, each task; a
name already used), naming sheet, row and column; :meth:`import_plan` refuses a file with
errors and otherwise creates the plan as a draft in one import batch, so
``gjz undo BATCH`` (ExchangeService.undo) takes it out again while nobody has changed it.
"""

import dataclasses
from pathlib import Path

from db.models import ImportBatch, Plan, now
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError, RegistryError
from gjz_registry.fileops import sha256_of
from gjz_registry.services import audit
from gjz_registry.services.plan_entry import PLAN_FIELDS, plan_rows, write_plan
from gjz_registry.services.target_records import DRAFT

PLAN_KIND = "plan"


def _workbook():
    """exchange.plan_workbook, loaded when a plan is exported or imported (it loads openpyxl,
    which opening a registry does not need)."""
    from gjz_registry.exchange import plan_workbook

    return plan_workbook


SHOWN_ERRORS = 5


@dataclasses.dataclass
class PlanPreview:
    name: str
    starts_on: object
    ends_on: object
    targets: int
    parts: int  # targets that are a street's part of another (分解)
    tasks: int
    errors: list  # exchange.plan_workbook.CellError

    @property
    def ok(self):
        return not self.errors


@dataclasses.dataclass
class ImportedPlan:
    plan: object  # PlanRecord
    batch_id: int


class PlanExchange:
    """Plan workbooks (export: any user; import: admin, one undoable batch)."""

    def export_plan(self, plan, path):
        """Write ``plan`` (targets, splits, milestones, tasks) to the workbook ``path``."""
        p = self.plan(plan)
        row = Plan.get_by_id(p.id)
        targets, tasks = plan_rows(p.id)
        values = {k: getattr(row, k) for k in PLAN_FIELDS}
        return _workbook().write_plan_workbook(values, targets, tasks, path, self.registry.outputs)

    def preview_plan(self, path):
        """What importing ``path`` would create, with every error found (PlanPreview)."""
        self.require_admin("导入计划")
        found = _workbook().read_plan_workbook(path)
        plan, targets, tasks, errors = self._checked(found)
        return PlanPreview(
            plan.get("name") or found.plan.get("name"),
            plan.get("starts_on"),
            plan.get("ends_on"),
            len(targets),
            sum(1 for t in targets if t.get("part_of") is not None),
            len(tasks),
            errors,
        )

    def import_plan(self, path):
        """Create the plan of the workbook ``path`` as a draft in one import batch; returns
        ImportedPlan.  InvalidValueError naming the first errors when the file has any."""
        self.require_admin("导入计划")
        found = _workbook().read_plan_workbook(path)
        plan, targets, tasks, errors = self._checked(found)
        if errors:
            shown = "；".join(str(e) for e in errors[:SHOWN_ERRORS])
            more = f"（另有 {len(errors) - SHOWN_ERRORS} 处）" if len(errors) > SHOWN_ERRORS else ""
            raise InvalidValueError(
                f"计划工作簿有 {len(errors)} 处错误，未导入：{shown}{more}。请改正后重新导入"
            )
        plan.update(status=DRAFT)
        with self.atomic():
            batch = ImportBatch.create(
                at=now(),
                user=self.actor.label,
                file_name=Path(path).name[:500],
                file_sha256=sha256_of(path),
                kind=PLAN_KIND,
                total=1 + len(targets) + len(tasks),
                created=1 + len(targets) + len(tasks),
            )
            plan_id = write_plan(self.actor, plan, targets, tasks, batch.id)
            after = dict(plan=plan["name"], targets=len(targets), tasks=len(tasks))
            audit.record(self.actor, "import", "import_batch", batch.id, None, after, batch.id)
        return ImportedPlan(self.plan(plan_id), batch.id)

    def _checked(self, found):
        """(plan values, targets, tasks, errors): the file's values cleaned by the rules of
        the screen, each broken rule a CellError."""
        errors = list(found.errors)
        plan = {}
        try:
            plan = self._clean_plan(found.plan)
            if Plan.get_or_none(Plan.name == plan.get("name")):
                raise InvalidValueError(
                    f"计划「{plan['name']}」已存在：请在「计划」表改用新名称", field="计划名称"
                )
        except RegistryError as exc:
            errors.append(
                _workbook().CellError(_workbook().PLAN_SHEET, 0, _field(exc, "计划"), str(exc))
            )
        targets = []
        for i, raw in enumerate(found.targets):
            try:
                values = self._clean_target(dict(raw, sort_order=i + 1))
            except RegistryError as exc:
                errors.append(
                    _workbook().CellError(
                        _workbook().TARGET_SHEET, raw["row"], _field(exc), str(exc)
                    )
                )
                continue
            values["part_of"] = raw.get("part_of")
            targets.append(values)
        if len(targets) < len(found.targets):
            targets = []  # indexes of parts no longer hold; nothing is written anyway
        tasks, numbers = [], set()
        for raw in found.tasks:
            try:
                tasks.append(self._clean_task(raw, numbers))
            except RegistryError as exc:
                errors.append(
                    _workbook().CellError(_workbook().TASK_SHEET, raw["row"], _field(exc), str(exc))
                )
        return plan, targets, tasks, errors

    def _clean_task(self, raw, numbers):
        number = v.validate_count(raw.get("number"), "序号")
        if number in numbers:
            raise InvalidValueError(f"任务序号 {number} 重复", field="序号")
        numbers.add(number)
        title = v.clean_text(raw.get("title"))
        if not title:
            raise InvalidValueError("「任务名称」不能为空", field="任务名称")
        rest = {k: v.clean_text(raw.get(k)) or None for k in ("section", "lead_units", "co_units")}
        return dict(rest, number=number, title=title)


def _field(exc, default="—"):
    return getattr(exc, "field", None) or (exc.details or {}).get("field") or default
