"""A plan to a workbook and back (issue 18, Done when #2): exported from one database,
imported into another that has never seen it, the two plans compare equal — targets, splits,
milestones, tasks.  The import is previewed with its errors, all or nothing, and undoable."""

import pytest
from openpyxl import load_workbook

from db.database import database_proxy
from db.models import Plan
from gjz_registry import open_registry
from gjz_registry.errors import InvalidValueError, RuleError

SEEDED = "甘井子区创新驱动三年行动计划(2018—2020年)"
NEXT = "甘井子区科技创新行动计划(2021—2025年)"


def build_next_plan(t):
    """The 2021–2025 plan: a copy of the shipped one with a changed target, a 2023 milestone,
    a street × field target, a split over two streets and an edited task."""
    plan = t.copy_plan(SEEDED, NEXT, "2021-01-01", "2025-12-31", document="甘政发〔2021〕8号")
    t.update_plan(plan.id, {"issued_on": "2021-03-01", "rhythm": "年"}, plan.version)
    high_tech = next(x for x in t.targets(plan.id) if x.indicator == "高新技术企业")
    t.update_target(high_tech.id, {"value": 300, "note": "五年目标"}, high_tech.version)
    t.add_target(plan.id, "高新技术企业", "2023", 200, "家", measure="valid_high_tech")
    t.add_target(plan.id, "产值", "2025", 3, "亿元", scope="营城子街道×新材料",
                 measure="output_sum")  # fmt: skip
    t.split_target(high_tech.id, {"大连湾街道": 120, "南关岭街道": 100})
    task = t.task_by_number(3, plan.id)
    t.update_task(task.id, {"co_units": "区科技局"}, task.version)
    return t.plan(plan.id)


def snapshot(t, plan):
    """Everything of a plan that must survive the trip, without database ids (the order of
    the targets is the list's: the import numbers them 1, 2, … in the sheet's order)."""
    p = t.plan(plan)
    targets = t.targets(p.id)
    by_id = {x.id: x for x in targets}

    def key(x):
        return (x.indicator, x.scope, x.period)

    rows = [
        (key(x), x.value, x.unit, x.comparison, x.measure, x.assessment, x.clause, x.source,
         x.note, key(by_id[x.parent_id]) if x.parent_id else None)
        for x in targets
    ]  # fmt: skip
    tasks = [(x.number, x.section, x.title, x.lead_units, x.co_units) for x in t.tasks(p.id)]
    head = (p.name, p.document, p.issued_on, p.starts_on, p.ends_on, p.rhythm)
    checks = [(c.indicator, c.value, c.parts, c.total) for c in t.split_checks(p.id)]
    return head, rows, tasks, checks


def test_export_then_import_into_another_database_gives_the_same_plan(admin, tmp_path):
    plan = build_next_plan(admin.targets)
    before = snapshot(admin.targets, plan.id)
    out = tmp_path / "plan.xlsx"
    admin.targets.export_plan(plan.id, out)
    assert load_workbook(out).sheetnames == ["计划", "目标", "重点任务"]
    other = open_registry(tmp_path / "street.db")
    try:
        t = other.as_local_admin("test").targets
        assert NEXT not in [p.name for p in t.plans()]
        preview = t.preview_plan(out)
        assert preview.ok and (preview.name, preview.parts, preview.tasks) == (NEXT, 2, 22)
        imported = t.import_plan(out)
        assert imported.plan.status == "草稿"
        assert snapshot(t, imported.plan.id) == before
        assert len(before[1]) == plan.targets and before[3]  # splits and milestones included
        # undo takes the whole plan out again
        other.as_local_admin("test").exchange.undo(imported.batch_id)
        assert not Plan.select().where(Plan.name == NEXT).exists()
    finally:
        other.close()
        database_proxy.initialize(admin.db)


def test_a_file_with_errors_is_previewed_and_refused(admin, tmp_path):
    plan = build_next_plan(admin.targets)
    out = tmp_path / "plan.xlsx"
    admin.targets.export_plan(plan.id, out)
    book = load_workbook(out)
    targets = book["目标"]
    targets["E2"] = "很多"  # 目标值
    targets["C3"] = "月球街道"  # 范围
    targets["M4"] = 999  # 分解自: no such row
    book["重点任务"]["C5"] = None  # 任务名称
    book.save(out)
    preview = admin.targets.preview_plan(out)  # the same name is taken here, too
    found = {(e.sheet, e.row, e.column) for e in preview.errors}
    assert {
        ("计划", 0, "计划名称"),
        ("目标", 2, "目标值"),
        ("目标", 3, "范围"),
        ("目标", 4, "分解自"),
        ("重点任务", 5, "任务名称"),
    } <= found
    with pytest.raises(InvalidValueError, match="处错误，未导入"):
        admin.targets.import_plan(out)
    assert Plan.select().count() == 2


def test_undo_is_refused_once_the_imported_plan_was_changed(admin, tmp_path):
    plan = build_next_plan(admin.targets)
    out = tmp_path / "plan.xlsx"
    admin.targets.export_plan(plan.id, out)
    admin.targets.update_plan(plan.id, {"name": "旧稿"}, plan.version)
    imported = admin.targets.import_plan(out)
    admin.targets.publish_plan(imported.plan.id)
    with pytest.raises(RuleError, match="又被修改"):
        admin.exchange.undo(imported.batch_id)


def test_a_plan_sheet_whose_period_ends_before_it_starts_is_refused(admin, tmp_path):
    out = tmp_path / "plan.xlsx"
    admin.targets.export_plan(SEEDED, out)
    book = load_workbook(out)
    sheet = book["计划"]
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    sheet.cell(rows["计划名称"], 2).value = NEXT  # a free name: only the period is wrong
    sheet.cell(rows["截止日期"], 2).value = "2017-12-31"
    book.save(out)
    errors = admin.targets.preview_plan(out).errors
    assert [(e.sheet, e.column) for e in errors] == [("计划", "截止日期")], errors
    assert "「截止日期」应晚于「起始日期」" in errors[0].message
