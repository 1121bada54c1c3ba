"""The action plan's targets: seeded from the plan, actuals computed or entered, verdicts.

A demo database (fixed seed and ``today``) is checked against direct SQL counts written here
independently of the measures; the writes (hand-entered figures, task progress, plans) need
the administrator and leave audit rows; a street user sees only their street's counted figures.
"""

import datetime
import os
from decimal import Decimal

import pytest

from db.database import database_proxy
from db.models import AnnualReport, AuditLog, Carrier, Enterprise, Industry, Qualification, Street
from gjz_registry import open_registry
from gjz_registry.demo import generate
from gjz_registry.errors import (
    InvalidValueError,
    NotFoundError,
    PermissionDeniedError,
    RuleError,
    StaleVersionError,
)
from gjz_registry.services.periods import Period, elapsed_share, half_years, parse_period
from gjz_registry.services.targets import GROWTH, verdict
from gjz_registry.services.validity import valid_on  # the rule itself: tests/services/test_validity
from tests.conftest import PASSWORD

TODAY = datetime.date(2024, 6, 30)
PLAN_START = datetime.date(2018, 7, 27)
PERIODS = ("2018H2", "2019H1", "2019H2", "2020H1", "2020H2", "2020")
PLAN_FILE = os.path.join(
    os.path.dirname(__file__), "..", "..", "db", "migrations", "action_plan_2018_2020.txt"
)

# indicator, scope, value, unit — everything issue 6 asks to be seeded
DISTRICT = [
    ("高新技术企业", "140", "家"),
    ("科技型中小企业", "400", "家"),
    ("产值超10亿元的创新型领军企业", "5", "家"),
    ("产值超10亿元的大型创新领军企业", "10", "家"),
    ("技术合同交易额", "34", "亿元"),
    ("新增孵化器、众创空间、加速器", "3", "家"),
    ("R&D经费支出占GDP比重", "3.2", "%"),
    ("每万人发明专利拥有量", "25", "件"),
    ("科技进步贡献率", "60", "%"),
    ("高新技术产品增加值年均增长", "15", "%"),
    ("产业技术创新平台", "5", "家"),
    ("新组建研发机构", "15", "家"),
    ("产业技术创新战略联盟行业小组", "10", "个"),
    ("产业技术创新战略联盟成员单位", "300", "家"),
    ("技术对接活动", "30", "次"),
    ("向企业转化科技成果", "200", "项"),
    ("新引进创新创业人才", "1000", "人"),
    ("引进高层次人才", "100", "人"),
    ("新建省级以上高新技术产业园区", "1", "家"),
]
FIELDS = {
    "人工智能及新一代信息技术": ("5", None, "10"),
    "海洋工程装备制造": ("10", None, "70"),
    "智能和清洁能源装备": ("10", None, "150"),
    "生命健康": ("5", "5", "20"),
    "节能环保": ("2", "10", "10"),
    "新材料": ("5", None, "10"),
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """A read-only demo database with a street user of 大连湾街道."""
    path = tmp_path_factory.mktemp("targets") / "demo.db"
    reg = open_registry(path)
    generate(reg.db, enterprises=1200, seed=5, today=TODAY)
    admin = reg.as_local_admin("test")
    admin.users.create("admin", PASSWORD, "admin")
    admin.users.create("dlw", PASSWORD, "street", street="大连湾街道")
    yield reg
    reg.close()


@pytest.fixture
def demo(demo_db):
    """The module's demo registry, with the models bound to it again (other tests in this
    module open registries of their own, and opening one binds the models to it)."""
    database_proxy.initialize(demo_db.db)
    return demo_db


@pytest.fixture
def small_demo(registry):
    """The per-test registry (users of every role) filled with a small demo data set."""
    generate(registry.db, enterprises=300, seed=9, today=TODAY)
    return registry


# --- direct counts, written independently of services.measures ------------------------------
def end_of(period):
    return parse_period(period).end


def data_year(period):
    p = parse_period(period)
    return p.year if p.end.month == 12 else p.year - 1


def direct_valid(kind, day, street_id=None, industry_id=None):
    query = (
        Qualification.select(Qualification.enterprise).join(Enterprise).where(valid_on(kind, day))
    )
    if street_id:
        query = query.where(Enterprise.street == street_id)
    if industry_id:
        query = query.where(Enterprise.industry == industry_id)
    return len({q.enterprise_id for q in query})


def direct_reports(year, industry_id=None, street_id=None):
    query = AnnualReport.select(AnnualReport, Enterprise).join(Enterprise)
    query = query.where(AnnualReport.year == year)
    if industry_id:
        query = query.where(Enterprise.industry == industry_id)
    if street_id:
        query = query.where(Enterprise.street == street_id)
    return list(query)


def in_yi(total):
    return (Decimal(total) / 10000).quantize(Decimal("0.01"))


def direct_figure(indicator, scope, period):
    """What the registry says for a computed target, counted here by hand."""
    day, year = end_of(period), data_year(period)
    industry = Industry.get(Industry.name == scope).id if scope != "区" else None
    if indicator in ("高新技术企业", "科技型中小企业"):
        return direct_valid(indicator, day, industry_id=industry)
    if indicator.startswith("产值超10亿元"):
        return sum(1 for r in direct_reports(year) if (r.output_value or 0) >= 100000)
    if indicator == "技术合同交易额":
        return in_yi(sum((r.tech_contract_amount or 0) for r in direct_reports(year)))
    if indicator == "新增孵化器、众创空间、加速器":
        return (
            Carrier.select()
            .where(
                Carrier.kind.in_(["孵化器", "众创空间(苗圃)", "加速器"])
                & (Carrier.recognized_on >= PLAN_START)
                & (Carrier.recognized_on <= day)
            )
            .count()
        )
    if indicator == "产值":
        return in_yi(sum((r.output_value or 0) for r in direct_reports(year, industry)))
    if indicator == "规模以上骨干企业":
        listed = {
            q.enterprise_id
            for q in Qualification.select()
            .join(Enterprise)
            .where((Enterprise.industry == industry) & valid_on("规模以上企业", day))
        }
        big = {r.enterprise_id for r in direct_reports(year, industry) if (r.revenue or 0) >= 2000}
        return len(listed | big)
    raise AssertionError(indicator)


# --- the seeded plan ---------------------------------------------------------------------
def test_the_plan_is_seeded_with_its_text(demo):
    reg = demo.as_local_admin()
    (plan,) = reg.targets.plans()
    assert plan.name == "甘井子区创新驱动三年行动计划(2018—2020年)"
    assert plan.issued_on == plan.starts_on == PLAN_START
    assert plan.ends_on == datetime.date(2020, 12, 31)
    assert "的通知" in plan.document
    with open(PLAN_FILE, encoding="utf-8") as fh:
        assert reg.targets.plan_text() == fh.read()
    assert "每半年进行一次考核评价" in reg.targets.plan_text()
    assert reg.targets.periods() == ["2018H2", "2019H1", "2019H2", "2020H1", "2020H2"]


def test_every_target_is_seeded_with_unit_scope_and_source_sentence(demo):
    reg = demo.as_local_admin()
    text = reg.targets.plan_text()
    targets = reg.targets.targets()
    by_key = {(t.indicator, t.scope): t for t in targets}
    for indicator, value, unit in DISTRICT:
        t = by_key[(indicator, "区")]
        assert (t.value, t.unit, t.period) == (Decimal(value), unit, "2020"), indicator
    for field, (core, sme, output) in FIELDS.items():
        assert by_key[("规模以上骨干企业", field)].value == Decimal(core)
        assert by_key[("产值", field)].value == Decimal(output)
        assert by_key[("产值", field)].unit == "亿元"
        if sme:
            assert by_key[("科技型中小企业", field)].value == Decimal(sme)
    assert len(targets) == len(DISTRICT) + 2 * len(FIELDS) + 3  # + 生态城 growth (0014)
    for t in targets:
        assert t.source and t.source in text, t.indicator  # a quotation, word for word
        assert t.clause, t.indicator
        assert f"{t.value:f}" in t.source, t.indicator
    assert by_key[("高新技术企业", "区")].measure == "valid_high_tech"
    assert by_key[("R&D经费支出占GDP比重", "区")].measure is None
    assert by_key[("高新技术产品增加值年均增长", "区")].assessment == "直接比较"


def test_the_plan_contradicts_itself_on_leading_enterprises(demo):
    reg = demo.as_local_admin()
    by_name = {t.indicator: t for t in reg.targets.targets()}
    five = by_name["产值超10亿元的创新型领军企业"]
    ten = by_name["产值超10亿元的大型创新领军企业"]
    assert (five.value, five.clause, ten.value, ten.clause) == (5, "二、(二)", 10, "任务 7")
    assert "任务 7" in five.note and "二、(二)" in ten.note
    rows = {r.indicator: r for r in reg.targets.progress("2020H2").rows}
    expected = "计划自相矛盾：二、(二) 为 5 家，任务 7 为 10 家"
    assert rows[five.indicator].conflict == rows[ten.indicator].conflict == expected
    assert rows["高新技术企业"].conflict is None


def test_the_22_tasks_are_parsed_from_the_plan(demo):
    tasks = demo.as_local_admin().targets.tasks()
    assert [t.number for t in tasks] == list(range(1, 23))
    assert all(t.lead_units and t.title and t.section for t in tasks)
    by_number = {t.number: t for t in tasks}
    assert by_number[1].title == "人工智能及其相关新一代信息技术领域"
    assert by_number[1].lead_units == "大连生态科技创新城管委会"
    assert by_number[1].co_units == "区经信局、区发改局、区商务局及各有关街道"
    assert by_number[7].section == "(三)积极培育创新主体"
    assert by_number[11].co_units is None  # the plan names no co-operating unit there
    assert "区教育局" in by_number[16].co_units
    assert by_number[22].title == "全面落实争取上级相关政策"
    assert all(t.status == "未填报" for t in demo.as_local_admin().targets.tasks(None, "2019H1"))


# --- computed actuals --------------------------------------------------------------------
@pytest.mark.parametrize("period", PERIODS)
def test_computed_actuals_equal_direct_counts(demo, period):
    progress = demo.as_local_admin().targets.progress(period)
    assert progress.as_of == end_of(period) and progress.data_year == data_year(period)
    computed = [r for r in progress.rows + progress.fields if r.computed and r.comparison != GROWTH]
    assert len(computed) == 6 + 14  # 6 district figures, 14 per field
    for r in computed:
        assert r.actual == direct_figure(r.indicator, r.scope, period), (r.indicator, r.scope)
    assert any(r.actual for r in computed)  # the demo data is not empty


def test_every_computed_figure_drills_down_to_its_rows(demo):
    reg = demo.as_local_admin()
    for r in [r for r in reg.targets.progress("2020H1").rows if r.computed]:
        if r.comparison == GROWTH:  # growth in percentage points (test_plan_editions)
            continue
        drill = reg.targets.drill_down(r.target_id, "2020H1")
        if drill.unit == "万元":
            assert sum(x.value for x in drill.rows) == drill.total
            assert in_yi(drill.total) == r.actual
            assert all(x.value for x in drill.rows)
        else:
            assert len(drill.rows) == drill.total == r.actual, r.indicator
        assert all(x.name and x.street for x in drill.rows)
    field = next(r for r in reg.targets.progress("2020H1").fields if r.scope == "新材料")
    drill = reg.targets.drill_down(field.target_id, "2020H1")
    assert {x.field for x in drill.rows} <= {"新材料"}
    with pytest.raises(RuleError, match="手工填报"):
        hand = next(r for r in reg.targets.progress("2020H1").rows if not r.computed)
        reg.targets.drill_down(hand.target_id, "2020H1")


def test_street_table_adds_up_to_the_district(demo):
    progress = demo.as_local_admin().targets.progress("2019H2")
    table = progress.streets
    assert {"valid_high_tech", "valid_tech_sme", "tech_contract_sum"} <= set(table.measures)
    col = table.measures.index("valid_high_tech")
    district = next(r for r in progress.rows if r.indicator == "高新技术企业").actual
    assert table.totals[col] == district == sum(values[col] for _, values in table.rows)
    for name, values in table.rows:
        sid = Street.get(Street.name == name).id
        assert values[col] == direct_valid("高新技术企业", end_of("2019H2"), street_id=sid)


def test_changing_one_qualification_moves_the_figure(small_demo):
    admin = small_demo.login("admin", PASSWORD)
    before = {r.indicator: r.actual for r in admin.targets.progress("2020H1").rows}
    holders = {
        q.enterprise_id for q in Qualification.select().where(Qualification.kind == "高新技术企业")
    }
    newcomer = Enterprise.select().where(Enterprise.id.not_in(list(holders))).first()
    q = admin.qualifications.add(
        newcomer.id, "高新技术企业", "GR201921999001", granted_on=datetime.date(2019, 11, 20)
    )
    after = {r.indicator: r.actual for r in admin.targets.progress("2020H1").rows}
    assert after["高新技术企业"] == before["高新技术企业"] + 1
    assert after["科技型中小企业"] == before["科技型中小企业"]
    drill = admin.targets.drill_down(measure="valid_high_tech", period="2020H1")
    assert newcomer.id in {x.enterprise_id for x in drill.rows}
    assert admin.targets.progress("2019H1").rows  # before the grant: unchanged there
    admin.qualifications.revoke(q.id, datetime.date(2020, 3, 1), "测试撤销")
    again = {r.indicator: r.actual for r in admin.targets.progress("2020H1").rows}
    assert again["高新技术企业"] == before["高新技术企业"]


def test_output_value_makes_a_leading_enterprise(small_demo):
    admin = small_demo.login("admin", PASSWORD)
    row = AnnualReport.select().where(AnnualReport.year == 2019).first()
    before = {r.indicator: r.actual for r in admin.targets.progress("2019").rows}
    AnnualReport.update(output_value=Decimal("120000")).where(AnnualReport.id == row.id).execute()
    after = {r.indicator: r.actual for r in admin.targets.progress("2019").rows}
    name = "产值超10亿元的创新型领军企业"
    assert after[name] == before[name] + 1 == after["产值超10亿元的大型创新领军企业"]
    # H1 periods use the previous year's reports: 2020H1 sees the 2019 reports too
    assert {r.indicator: r.actual for r in admin.targets.progress("2020H1").rows}[name] == after[
        name
    ]
    drill = admin.targets.drill_down(measure="leading_output", period="2019")
    assert [x.enterprise_id for x in drill.rows] == [row.enterprise_id]


# --- periods and verdicts ----------------------------------------------------------------
def test_periods():
    assert parse_period("2020H1") == Period(2020, 1) == parse_period("2020年上半年")
    assert parse_period("2020h2") == Period(2020, 2) == parse_period("2020下半年")
    assert parse_period("2020") == Period(2020) == parse_period("2020年")
    assert parse_period("2020H1").end == datetime.date(2020, 6, 30)
    assert parse_period("2020H2").end == parse_period("2020").end == datetime.date(2020, 12, 31)
    assert parse_period("2020H1").data_year == 2019 and parse_period("2020").data_year == 2020
    assert parse_period("2020").equivalents == ("2020", "2020H2", "2020Q4")
    for bad in ("2020H3", "20", "上半年", "", None):
        with pytest.raises(InvalidValueError, match="考核期"):
            parse_period(bad)
    plan = [p.text for p in half_years(PLAN_START, datetime.date(2020, 12, 31))]
    assert plan == ["2018H2", "2019H1", "2019H2", "2020H1", "2020H2"]


def test_expected_share_is_the_time_elapsed():
    end = datetime.date(2020, 12, 31)
    assert elapsed_share(PLAN_START, datetime.date(2018, 12, 31), end) == 157 / 888
    assert elapsed_share(PLAN_START, end, end) == 1.0
    assert elapsed_share(PLAN_START, datetime.date(2021, 6, 30), end) == 1.0
    assert elapsed_share(PLAN_START, datetime.date(2018, 1, 1), end) == 0.0


@pytest.mark.parametrize(
    "actual, target, comparison, expected, result",
    [
        (None, 140, ">=", 0.5, "未填报"),
        (140, 140, ">=", 0.5, "已达标"),
        (150, 140, ">=", 0.5, "已达标"),
        (70, 140, ">=", 0.5, "进度正常"),
        (69, 140, ">=", 0.5, "滞后"),
        (0, 140, ">=", 0.0, "进度正常"),
        (14, 15, ">=", None, "滞后"),  # growth rate: compared directly
        (16, 15, ">=", None, "已达标"),
        (2, 3, "<=", 0.5, "已达标"),
        (4, 3, "<=", 0.5, "滞后"),
    ],
)
def test_verdicts(actual, target, comparison, expected, result):
    actual = None if actual is None else Decimal(actual)
    assert verdict(actual, Decimal(target), comparison, expected) == result


def test_hand_built_plan_gives_each_verdict(registry):
    admin = registry.login("admin", PASSWORD)
    t = admin.targets
    plan = t.add_plan("测试计划(2021—2022年)", "2021-01-01", "2022-12-31", "测试文件")
    t.publish_plan(plan.id)
    for name, unit, extra in (
        ("达标指标", "家", {}),
        ("正常指标", "家", {}),
        ("滞后指标", "家", {}),
        ("空白指标", "家", {}),
        ("增长率", "%", {"assessment": "直接比较"}),
        ("能耗", "吨", {"comparison": "<="}),
    ):
        t.add_target(plan.name, name, "2022", 100, unit, **extra)
    # 2021H2: half of the two years has passed
    for name, value in (("达标指标", 100), ("正常指标", 60), ("滞后指标", 40), ("增长率", 99)):
        t.set_actual(name, "2021H2", value)
    t.set_actual("能耗", "2021", 90)  # the year and its second half are one period
    progress = t.progress("2021", plan.name)
    assert abs(progress.expected - 364 / 729) < 1e-9
    got = {r.indicator: (r.actual, r.verdict) for r in progress.rows}
    assert got == {
        "达标指标": (100, "已达标"),
        "正常指标": (60, "进度正常"),
        "滞后指标": (40, "滞后"),
        "空白指标": (None, "未填报"),
        "增长率": (99, "滞后"),
        "能耗": (90, "已达标"),
    }
    row = next(r for r in progress.rows if r.indicator == "正常指标")
    assert row.completion == 0.6 and row.expected == progress.expected


def test_a_later_plan_reuses_the_measures(small_demo):
    admin = small_demo.login("admin", PASSWORD)
    t = admin.targets
    plan = t.add_plan("甘井子区科技创新规划(2021—2025年)", "2021-01-01", "2025-12-31")
    t.publish_plan(plan.id)
    target = t.add_target(plan.id, "高新技术企业", "2025", 300, "家", measure="valid_high_tech")
    t.add_target(plan.id, "技术合同交易额", "2025", 50, "亿元", measure="tech_contract_sum")
    with pytest.raises(InvalidValueError, match="单位"):
        t.add_target(plan.id, "技术合同交易额", "2025", 50, "家", measure="tech_contract_sum")
    with pytest.raises(InvalidValueError, match="计算口径"):
        t.add_target(plan.id, "某指标", "2025", 5, "家", measure="no_such_measure")
    assert t.plan(period="2022H1").name == plan.name  # the plan covering the period
    progress = t.progress("2022H1")
    assert progress.plan == plan.name
    row = next(r for r in progress.rows if r.indicator == "高新技术企业")
    assert row.actual == direct_valid("高新技术企业", datetime.date(2022, 6, 30))
    # a street's own target: its user sees it with a verdict, beside the district's figures
    t.add_target(
        plan.id, "高新技术企业", "2025", 1, "家", scope="大连湾街道", measure="valid_high_tech"
    )
    mine = small_demo.login("dlw", PASSWORD).targets.progress("2022H1")
    own = next(r for r in mine.rows if r.scope == "大连湾街道")
    assert own.verdict in ("已达标", "进度正常", "滞后") and own.target == 1
    assert next(r for r in mine.rows if r.scope == "区").verdict is None
    changed = t.update_target(target.id, {"value": 250}, version=target.version)
    assert changed.value == 250 and changed.version == target.version + 1
    with pytest.raises(StaleVersionError):
        t.update_target(target.id, {"value": 260}, version=target.version)
    audit = AuditLog.select().where(AuditLog.entity.in_(["plan", "target"])).count()
    assert audit == 1 + 1 + 3 + 1  # added, published, three targets, one change


def test_periods_outside_the_plan_are_refused(demo):
    t = demo.as_local_admin().targets
    with pytest.raises(InvalidValueError, match="不在计划"):
        t.progress("2018H1")
    with pytest.raises(InvalidValueError, match="不在计划"):
        t.progress("2021H2", "甘井子区创新驱动三年行动计划(2018—2020年)")
    with pytest.raises(NotFoundError):
        t.progress("2020H1", "没有这个计划")


# --- permissions and audit ---------------------------------------------------------------
def test_hand_entry_needs_the_admin_and_is_audited(registry, clerk, viewer):
    for user in (clerk, viewer):
        with pytest.raises(PermissionDeniedError, match="管理员"):
            user.targets.set_actual("R&D经费支出占GDP比重", "2019H2", "2.8")
        task = user.targets.task_by_number(7)
        with pytest.raises(PermissionDeniedError, match="管理员"):
            user.targets.set_task_progress(task.id, "2019H2", "推进中")
    admin = registry.login("admin", PASSWORD)
    t = admin.targets
    t.set_actual("R&D经费支出占GDP比重", "2019H2", "2.8%", note="统计公报")
    t.set_actual("R&D经费支出占GDP比重", "2019H2", "2.9")
    t.set_actual("R&D经费支出占GDP比重", "2019H2", "2.9")  # unchanged: no audit row
    rows = AuditLog.select().where(AuditLog.entity == "target_actual").order_by(AuditLog.id)
    assert [r.action for r in rows] == ["create", "update"]
    assert '"2.9"' in rows[-1].after and '"2.8"' in rows[-1].before
    row = next(r for r in t.progress("2019H2").rows if r.indicator == "R&D经费支出占GDP比重")
    assert row.actual == Decimal("2.9") and not row.computed
    with pytest.raises(RuleError, match="系统"):
        t.set_actual("高新技术企业", "2019H2", 200)
    with pytest.raises(NotFoundError):
        t.set_actual("不存在的指标", "2019H2", 1)
    with pytest.raises(InvalidValueError, match="数字"):
        t.set_actual("科技进步贡献率", "2019H2", "很多")
    task = t.task_by_number(17)
    saved = t.set_task_progress(task.id, "2019H2", "推进中", "新认定众创空间 1 家")
    assert (saved.status, saved.note, saved.period) == ("推进中", "新认定众创空间 1 家", "2019H2")
    t.set_task_progress(task.id, "2019H2", "已完成")
    with pytest.raises(InvalidValueError, match="半年"):
        t.set_task_progress(task.id, "2019", "已完成")
    with pytest.raises(InvalidValueError, match="任务状态"):
        t.set_task_progress(task.id, "2019H2", "差不多")
    progress = AuditLog.select().where(AuditLog.entity == "task_progress")
    assert [r.action for r in progress.order_by(AuditLog.id)] == ["create", "update"]
    ledger = {x.number: x for x in t.progress("2019").tasks}  # the year's ledger is its H2
    assert ledger[17].status == "已完成" and ledger[1].status == "未填报"
    t.clear_actual("R&D经费支出占GDP比重", "2019H2")
    assert AuditLog.select().where(AuditLog.action == "delete").count() == 1


def test_a_street_user_sees_only_their_streets_counted_figures(demo):
    clerk = demo.login("dlw", PASSWORD)
    admin = demo.login("admin", PASSWORD)
    admin.targets.set_actual("科技进步贡献率", "2020H1", 55)
    mine = clerk.targets.progress("2020H1")
    district = admin.targets.progress("2020H1")
    assert mine.street == "大连湾街道" and district.street is None
    assert all(r.computed for r in mine.rows + mine.fields)
    assert "科技进步贡献率" not in {r.indicator for r in mine.rows}
    assert all(r.verdict is None for r in mine.rows + mine.fields)  # no street targets
    sid = Street.get(Street.name == "大连湾街道").id
    day = datetime.date(2020, 6, 30)
    rows = {r.indicator: r for r in mine.rows}
    assert rows["高新技术企业"].actual == direct_valid("高新技术企业", day, street_id=sid)
    assert rows["高新技术企业"].target == 140  # the district's target, for reference
    whole = {r.indicator: r.actual for r in district.rows}
    assert rows["高新技术企业"].actual < whole["高新技术企业"]
    assert [name for name, _ in mine.streets.rows] == ["大连湾街道"]
    assert mine.streets.totals is None
    (street_row,) = mine.streets.rows
    assert dict(district.streets.rows)["大连湾街道"] == street_row[1]
    drill = clerk.targets.drill_down(measure="valid_tech_sme", period="2020H1")
    assert {x.street for x in drill.rows} <= {"大连湾街道"}
    with pytest.raises(PermissionDeniedError):
        clerk.targets.drill_down(measure="valid_tech_sme", period="2020H1", street="南关岭街道")
    assert clerk.targets.actuals() == []
    assert [a["indicator"] for a in admin.targets.actuals("2020H1")] == ["科技进步贡献率"]
    admin.targets.clear_actual("科技进步贡献率", "2020H1")
