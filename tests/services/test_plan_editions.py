"""Plans as the administrator's data (issue 18): copy the shipped plan as the next one's
draft, edit, publish, retire; drafts hidden from the streets; splits over streets and the
check that they add up; street × field targets; periods from the start to today; the shipped
plan's 生态城 growth target, assessed from annual data."""

import datetime
from decimal import Decimal

import pytest

from db.models import AuditLog, Street
from gjz_registry.errors import InvalidValueError, NotFoundError, RuleError, StaleVersionError
from tests.conftest import PASSWORD
from tests.services.test_targets import direct_reports, small_demo  # noqa: F401 (fixture)

SEEDED = "甘井子区创新驱动三年行动计划(2018—2020年)"
NEXT = "甘井子区科技创新行动计划(2021—2025年)"
ECO = "大连生态科技创新城"
IN_2023 = datetime.date(2023, 5, 10)


def audit_rows():
    return AuditLog.select().count()


def test_copy_edit_publish_and_retire_a_plan(admin, viewer):
    t = admin.targets
    seeded = t.plan(SEEDED)
    before = audit_rows()
    draft = t.copy_plan(SEEDED, NEXT, "2021-01-01", "2025-12-31", document="甘政发〔2021〕1号")
    assert (draft.status, draft.rhythm, draft.document) == ("草稿", "半年", "甘政发〔2021〕1号")
    assert (draft.targets, draft.tasks) == (seeded.targets, seeded.tasks)
    assert audit_rows() - before == 1 + seeded.targets + seeded.tasks  # one row per record
    periods = {x.period for x in t.targets(draft.id)}
    assert periods == {"2025"}  # 2020 moved by the five years between the end dates
    # a draft: the administrator's only; never in force
    assert NEXT not in [p.name for p in viewer.targets.plans()]
    with pytest.raises(NotFoundError):
        viewer.targets.plan(NEXT)
    assert t.in_force(IN_2023) is None
    t.update_plan(NEXT, {"rhythm": "年", "name": NEXT + "(修订)"}, draft.version)
    with pytest.raises(InvalidValueError, match="考核节奏"):
        t.update_plan(draft.id, {"rhythm": "每月"}, t.plan(draft.id).version)
    published = t.publish_plan(draft.id)
    assert published.status == "已发布" and published.name == NEXT + "(修订)"
    assert viewer.targets.in_force(IN_2023).id == draft.id
    assert t.periods(draft.id, today=IN_2023) == ["2021", "2022", "2023"]
    with pytest.raises(RuleError, match="只有草稿"):
        t.publish_plan(draft.id)
    t.retire_plan(draft.id)
    assert t.in_force(IN_2023) is None and t.plan(draft.id).status == "已废止"
    entries = AuditLog.select().where(
        (AuditLog.entity == "plan") & (AuditLog.entity_id == draft.id)
    )
    assert [e.action for e in entries] == ["create", "update", "update", "update"]


def test_periods_run_from_the_start_to_today_never_beyond():
    from gjz_registry.services.periods import plan_periods

    start, end = datetime.date(2021, 1, 1), datetime.date(2025, 12, 31)
    half = [p.text for p in plan_periods(start, end, "半年", IN_2023)]
    assert half == ["2021H1", "2021H2", "2022H1", "2022H2", "2023H1"]
    quarters = [p.text for p in plan_periods(start, end, "季度", IN_2023)]
    assert quarters[:2] == ["2021Q1", "2021Q2"] and quarters[-1] == "2023Q2" and len(quarters) == 10
    assert plan_periods(start, end, "半年", datetime.date(2020, 6, 1)) == []
    assert len(plan_periods(start, end, "年", datetime.date(2030, 1, 1))) == 5  # the plan's end


def test_split_over_streets_shows_when_the_parts_do_not_add_up(admin, clerk):
    t = admin.targets
    draft = t.copy_plan(SEEDED, NEXT, "2021-01-01", "2025-12-31")
    high_tech = next(x for x in t.targets(draft.id) if x.indicator == "高新技术企业")
    check = t.split_target(high_tech.id, {"大连湾街道": 80, "南关岭街道": 50})
    assert not check.balanced and check.total == 130 and check.value == 140
    assert check.message == "各街道分解数合计 130，比区目标 140 少 10家"
    check = t.split_target(high_tech.id, {"南关岭街道": 60})
    assert check.balanced and dict(check.parts) == {"大连湾街道": 80, "南关岭街道": 60}
    assert [c.target_id for c in t.split_checks(draft.id)] == [high_tech.id]
    part = next(x for x in t.targets(draft.id) if x.scope == "大连湾街道")
    assert (part.parent_id, part.measure, part.period) == (high_tech.id, "valid_high_tech", "2025")
    t.split_target(high_tech.id, {"南关岭街道": ""})  # an empty part is removed
    assert dict(t.split_checks(draft.id)[0].parts) == {"大连湾街道": 80}
    # a field's target splits into street × field targets
    field = next(x for x in t.targets(draft.id) if x.scope == "新材料" and x.indicator == "产值")
    t.split_target(field.id, {"营城子街道": 4})
    assert any(x.scope == "营城子街道×新材料" for x in t.targets(draft.id))
    with pytest.raises(RuleError, match="不能分解"):
        t.split_target(part.id, {"南关岭街道": 1})
    with pytest.raises(InvalidValueError, match="不是街道"):
        t.split_target(high_tech.id, {"新材料": 1})
    t.delete_target(high_tech.id)  # with its parts
    assert not any(x.scope == "大连湾街道" for x in t.targets(draft.id))


def test_tasks_are_editable_for_every_plan(admin):
    t = admin.targets
    draft = t.copy_plan(SEEDED, NEXT, "2021-01-01", "2025-12-31")
    task = t.task_by_number(7, draft.id)
    changed = t.update_task(
        task.id, {"lead_units": "区科技局", "title": "培育科技领军企业"}, task.version
    )
    with pytest.raises(StaleVersionError):  # the version read before that change
        t.update_task(task.id, {"lead_units": "区发改局"}, task.version)
    assert (changed.lead_units, changed.title) == ("区科技局", "培育科技领军企业")
    assert t.task_by_number(7, SEEDED).lead_units == "区经信局"  # the old plan keeps its own
    t.set_task_progress(task.id, "2021H2", "推进中", "已建培育库")
    t.delete_task(task.id)
    assert [x.number for x in t.tasks(draft.id)] == [n for n in range(1, 23) if n != 7]


def test_street_by_field_target_is_seen_by_its_street_with_a_verdict(small_demo):  # noqa: F811
    admin = small_demo.login("admin", PASSWORD).targets
    plan = admin.add_plan(NEXT, "2021-01-01", "2025-12-31")
    admin.publish_plan(plan.id)
    admin.add_target(plan.id, "高新技术企业", "2025", 3, "家", scope="大连湾街道×新材料",
                     measure="valid_high_tech")  # fmt: skip
    with pytest.raises(InvalidValueError, match="街道×领域"):
        admin.add_target(plan.id, "某指标", "2025", 3, "家", scope="新材料×大连湾街道")
    mine = small_demo.login("dlw", PASSWORD).targets.progress("2022H1", plan.id)
    (row,) = mine.fields
    assert row.scope == "大连湾街道×新材料" and row.verdict in ("已达标", "进度正常", "滞后")
    other = small_demo.login("ngl", PASSWORD).targets.progress("2022H1", plan.id)
    assert not other.fields


def test_the_shipped_plan_assesses_the_eco_city_growth_from_annual_data(small_demo):  # noqa: F811
    progress = small_demo.login("admin", PASSWORD).targets.progress("2020", SEEDED)
    (row,) = [r for r in progress.rows if r.scope == ECO]
    assert (
        row.indicator == "主要经济指标同比增速"
        and "生态城主要经济指标同比增速高于全区增速" in row.source
    )
    assert (row.comparison, row.target, row.clause) == ("增速>区", 0, "任务 12")
    eco = Street.get(Street.name == ECO).id

    def growth(street_id=None):
        old, new = (
            sum((r.output_value or 0) for r in direct_reports(year, street_id=street_id))
            for year in (2019, 2020)
        )
        return (Decimal(new) / Decimal(old) - 1) * 100

    expected = (growth(eco) - growth()).quantize(Decimal("0.01"))
    assert row.actual == expected
    assert row.verdict == ("已达标" if expected > 0 else "滞后")
    # first half of 2020: the annual data of 2019 over 2018
    first = small_demo.login("admin", PASSWORD).targets.progress("2020H1", SEEDED)
    assert next(r for r in first.rows if r.scope == ECO).actual != row.actual


def test_yearly_milestones_are_assessed_in_their_year(admin, viewer):
    t = admin.targets
    plan = t.add_plan(NEXT, "2021-01-01", "2025-12-31")
    t.add_target(plan.id, "技术对接活动", "2025", 50, "次")
    milestone = t.add_target(plan.id, "技术对接活动", "2023", 20, "次")
    t.set_actual("技术对接活动", "2023H1", 12)
    assert viewer.targets.plans()[-1].name == SEEDED  # still a draft
    with pytest.raises(NotFoundError):
        viewer.targets.target(milestone.id)
    t.publish_plan(plan.id)
    (row,) = t.progress("2023H1", plan.id).rows
    assert (row.target, row.target_period, row.actual) == (20, "2023", 12)
    start, day = datetime.date(2021, 1, 1), datetime.date
    # the time share towards the milestone's end (2023), not the plan's (2025)
    assert row.expected == (day(2023, 6, 30) - start).days / (day(2023, 12, 31) - start).days
    (row,) = t.progress("2024H1", plan.id).rows
    assert (row.target, row.target_period) == (50, "2025")


def test_a_period_that_ends_before_it_starts_is_refused_wherever_it_is_entered(admin):
    """plan_entry._clean_plan holds the rule for every way a plan's dates are written."""
    t = admin.targets
    late = "「截止日期」应晚于「起始日期」"
    with pytest.raises(InvalidValueError, match=late):
        t.add_plan(NEXT, "2025-12-31", "2021-01-01")
    with pytest.raises(InvalidValueError, match=late):
        t.copy_plan(SEEDED, NEXT, "2021-01-01", "2021-01-01")
    draft = t.copy_plan(SEEDED, NEXT, "2021-01-01", "2025-12-31")
    with pytest.raises(InvalidValueError, match=late):  # one date changed: the other stored
        t.update_plan(draft.id, {"ends_on": "2020-06-30"}, draft.version)
    with pytest.raises(InvalidValueError, match=late):
        t.update_plan(draft.id, {"starts_on": "2026-01-01"}, draft.version)
    t.update_plan(draft.id, {"starts_on": "2022-01-01"}, draft.version)
    assert t.plan(draft.id).starts_on == datetime.date(2022, 1, 1)
