"""The incubation chain: admit, move, graduate, leave, history, overdue, candidates."""

import datetime

import pytest

from db.models import AuditLog, Enterprise
from gjz_registry.errors import InvalidValueError, PermissionDeniedError, RuleError
from tests.conftest import enterprise_data

D = datetime.date


@pytest.fixture
def carriers(admin):
    made = {}
    for kind, name in (
        ("众创空间(苗圃)", "大连测试众创空间"),
        ("孵化器", "甘井子区测试孵化器"),
        ("孵化器", "甘井子区第二孵化器"),
        ("加速器", "大连测试加速器"),
        ("产业化基地", "大连测试产业化基地"),
    ):
        made[name] = admin.carriers.create({"name": name, "kind": kind, "street": "大连湾街道"})
    return made


@pytest.fixture
def young(admin):
    """An enterprise founded 2023-01-10 (young enough for an incubator in 2024)."""
    return admin.enterprises.create(enterprise_data(1, founded_on="2023-01-10"))


def carrier_id(carriers, name):
    return carriers[name].id


def test_admit_sets_stage_and_refuses_second_open_residency(admin, carriers, young):
    r = admin.incubation.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-03-01")
    assert r.stage == "孵化器" and r.open
    e = admin.enterprises.get(young.id)
    assert e.stage == "孵化器" and e.carrier == "甘井子区测试孵化器"
    with pytest.raises(RuleError, match="已在「甘井子区测试孵化器」") as err:
        admin.incubation.admit(young.id, carrier_id(carriers, "大连测试加速器"), "2024-04-01")
    assert "同一时间只能在一个载体" in str(err.value)


def test_admit_before_founding_refused(admin, carriers, young):
    with pytest.raises(RuleError, match="早于企业成立日期"):
        admin.incubation.admit(young.id, carrier_id(carriers, "大连测试众创空间"), "2022-12-01")


def test_chain_promotions_and_history(admin, carriers, young):
    inc = admin.incubation
    inc.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    inc.move(young.id, carrier_id(carriers, "大连测试加速器"), "2025-02-01")
    inc.move(young.id, carrier_id(carriers, "大连测试产业化基地"), "2026-03-01")
    history = inc.history(young.id, today=D(2026, 6, 1))
    assert [h.stage for h in history] == ["孵化器", "加速器", "产业化基地"]
    assert [h.exit_reason for h in history] == ["晋级", "晋级", None]
    assert history[0].left_on == D(2025, 2, 1) and history[0].months == 12
    assert history[2].open and history[2].months == 3
    assert admin.enterprises.get(young.id).stage == "产业化基地"


def test_move_sideways_is_a_transfer(admin, carriers, young):
    inc = admin.incubation
    inc.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    inc.move(young.id, carrier_id(carriers, "甘井子区第二孵化器"), "2024-06-01")
    assert inc.history(young.id)[0].exit_reason == "迁出"
    with pytest.raises(RuleError, match="日期不能倒退"):
        inc.move(young.id, carrier_id(carriers, "大连测试加速器"), "2024-05-01")


def test_graduation_rules(admin, carriers, young):
    inc = admin.incubation
    inc.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    with pytest.raises(RuleError) as err:
        inc.graduate(young.id, "2026-01-10")
    message = str(err.value)
    for missing in ("高新技术企业", "500 万元", "1000 万元", "挂牌、上市"):
        assert missing in message
    admin.qualifications.add(young.id, "高新技术企业", "GR202521000123", granted_on="2025-11-20")
    r = inc.graduate(young.id, "2026-01-10")
    assert r.exit_reason == "毕业" and "高新技术企业" in r.notes and "GR202521000123" in r.notes
    assert r.basis is None  # why the stay began; why it ended is in the notes
    e = admin.enterprises.get(young.id)
    assert e.stage is None and e.carrier is None


@pytest.mark.parametrize("second, graduates", [(500, True), (400, False)])
def test_revenue_of_two_consecutive_years(admin, carriers, young, second, graduates):
    inc = admin.incubation
    inc.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    admin.annual.save(young.id, 2024, {"revenue": 600})
    admin.annual.save(young.id, 2025, {"revenue": second})
    if graduates:
        r = inc.graduate(young.id, "2026-02-01", basis="revenue")
        assert "1100" in r.notes
    else:
        with pytest.raises(RuleError, match="合计 1000 万元"):
            inc.graduate(young.id, "2026-02-01")


def test_revenue_years_must_be_consecutive(admin, carriers, young):
    admin.incubation.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    admin.annual.save(young.id, 2023, {"revenue": 700})
    admin.annual.save(young.id, 2025, {"revenue": 700})
    with pytest.raises(RuleError):
        admin.incubation.graduate(young.id, "2026-02-01", basis="revenue")


def test_investment_and_listing_rules(admin, carriers, young):
    inc = admin.incubation
    inc.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    admin.annual.save(young.id, 2024, {"investment_received": 300})
    admin.annual.save(young.id, 2025, {"investment_received": 250})
    checks = {c.key: c.holds for c in inc.graduation_checks(young.id, D(2026, 1, 1))}
    assert checks == {
        "high_tech": False,
        "investment": True,
        "revenue": False,
        "merger_or_listing": False,
    }
    r = inc.graduate(
        young.id, "2026-01-02", basis="merger_or_listing", evidence="2025年被某集团收购"
    )
    assert "收购" in r.notes


def test_entry_age_rule_and_admin_override(admin, clerk, carriers):
    old = admin.enterprises.create(enterprise_data(2, founded_on="2015-05-01"))
    incubator = carrier_id(carriers, "甘井子区测试孵化器")
    with pytest.raises(RuleError, match="24 个月"):
        admin.incubation.admit(old.id, incubator, "2024-01-01")
    with pytest.raises(PermissionDeniedError, match="只有管理员"):
        clerk.incubation.admit(old.id, incubator, "2024-01-01", override_reason="重点项目")
    r = admin.incubation.admit(old.id, incubator, "2024-01-01", override_reason="区重点引进项目")
    assert "破例入驻：区重点引进项目" in r.basis
    # the rule is about incubators: an accelerator takes older enterprises
    other = admin.enterprises.create(enterprise_data(3, founded_on="2015-05-01"))
    admin.incubation.admit(other.id, carrier_id(carriers, "大连测试加速器"), "2024-01-01")


# --- both sides of every rule boundary (reference.DEFAULT_INCUBATION_RULES) ----------------
@pytest.mark.parametrize(
    "entered, refusal",
    [
        ("2024-01-15", None),  # exactly 24 months after founding: admitted
        ("2024-01-16", "入驻时已成立 24 个月零 1 天，超过入孵企业成立不超过 24 个月的规定"),
        ("2024-02-15", "入驻时已成立 25 个月，超过"),
    ],
)
def test_entry_age_limit_is_24_months_to_the_day(admin, carriers, entered, refusal):
    e = admin.enterprises.create(enterprise_data(6, founded_on="2022-01-15"))
    incubator = carrier_id(carriers, "甘井子区测试孵化器")
    if refusal is None:
        r = admin.incubation.admit(e.id, incubator, entered)
        assert r.open and r.basis is None  # no exception needed
    else:
        with pytest.raises(RuleError, match=refusal):
            admin.incubation.admit(e.id, incubator, entered)


@pytest.mark.parametrize("second, holds", [("200", False), ("200.01", True)])
def test_investment_must_exceed_500(admin, carriers, young, second, holds):
    admin.annual.save(young.id, 2024, {"investment_received": 300})
    admin.annual.save(young.id, 2025, {"investment_received": second})  # 500 / 500.01 in all
    checks = {c.key: c for c in admin.incubation.graduation_checks(young.id, D(2026, 1, 1))}
    assert checks["investment"].holds is holds
    assert checks["investment"].detail.startswith(f"累计获得投资 {300 + float(second):g} 万元")


@pytest.mark.parametrize("second, holds", [("400", False), ("400.01", True)])
def test_two_years_revenue_must_exceed_1000(admin, carriers, young, second, holds):
    admin.annual.save(young.id, 2024, {"revenue": 600})
    admin.annual.save(young.id, 2025, {"revenue": second})  # 1000 / 1000.01 together
    checks = {c.key: c for c in admin.incubation.graduation_checks(young.id, D(2026, 1, 1))}
    assert checks["revenue"].holds is holds


def test_leave_and_deactivate_close_residency(admin, carriers, young):
    inc = admin.incubation
    inc.admit(young.id, carrier_id(carriers, "大连测试众创空间"), "2024-01-05")
    r = inc.leave(young.id, "2024-08-01", "终止", notes="项目终止")
    assert r.exit_reason == "终止"
    with pytest.raises(InvalidValueError):
        inc.leave(young.id, "2024-08-01", "毕业")
    inc.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-09-01")
    admin.enterprises.deactivate(
        young.id, "注销", admin.enterprises.get(young.id).version, on_date=D(2025, 1, 1)
    )
    history = inc.history(young.id)
    assert history[-1].exit_reason == "注销" and history[-1].left_on == D(2025, 1, 1)
    assert admin.enterprises.get(young.id).stage is None
    with pytest.raises(RuleError, match="注销"):
        inc.admit(young.id, carrier_id(carriers, "大连测试加速器"), "2025-02-01")


def test_overdue_48_and_60_months(admin, carriers):
    normal = admin.enterprises.create(enterprise_data(4, founded_on="2019-01-01"))
    bio = admin.enterprises.create(enterprise_data(5, founded_on="2019-01-01", industry="生命健康"))
    incubator = carrier_id(carriers, "甘井子区测试孵化器")
    admin.incubation.admit(normal.id, incubator, "2020-06-01")
    admin.incubation.admit(bio.id, incubator, "2020-06-01")
    names = lambda day: [r.enterprise_name for r in admin.incubation.overdue(day)]  # noqa: E731
    assert names(D(2024, 6, 1)) == []  # exactly 48 months: still in time
    assert names(D(2024, 6, 2)) == [normal.name]  # 48 months and a day
    assert names(D(2025, 6, 1)) == [normal.name]  # exactly 60 months (生命健康)
    assert names(D(2025, 6, 2)) == [normal.name, bio.name]


@pytest.mark.parametrize(
    "industry, limit, in_time, late",
    [
        (None, 48, D(2022, 3, 15), D(2022, 3, 16)),
        ("生命健康", 60, D(2023, 3, 15), D(2023, 3, 16)),
    ],
)
def test_a_makerspace_resident_is_overdue_after_its_stage_limit(
    admin, carriers, industry, limit, in_time, late
):
    """Issue 16, point 8: the limits cover every stage the rules give one (苗圃 too)."""
    e = admin.enterprises.create(enterprise_data(7, founded_on="2017-01-01", industry=industry))
    admin.incubation.admit(e.id, carrier_id(carriers, "大连测试众创空间"), "2018-03-15")
    assert admin.incubation.overdue(in_time) == []  # exactly 48 / 60 months: still in time
    found = admin.incubation.overdue(late)
    assert [(r.enterprise_id, r.stage) for r in found] == [(e.id, "苗圃")]
    late_row = found[0]
    assert late_row.basis == f"苗圃期限 {limit} 个月，已孵化 {limit} 个月"
    # 109 months in the makerspace: overdue, as the clerk expected
    assert [r.enterprise_id for r in admin.incubation.overdue(D(2027, 4, 15))] == [e.id]


def test_stages_without_a_limit_are_never_overdue(admin, carriers):
    e = admin.enterprises.create(enterprise_data(8, founded_on="2010-01-01"))
    admin.incubation.admit(e.id, carrier_id(carriers, "大连测试加速器"), "2012-01-01")
    assert admin.incubation.overdue(D(2026, 1, 1)) == []
    admin.incubation.set_rules(
        {"time_limits": {"加速器": {"months": 120, "long_cycle_months": None}}}
    )
    assert admin.incubation.overdue(D(2022, 1, 1)) == []
    assert [r.enterprise_id for r in admin.incubation.overdue(D(2022, 1, 2))] == [e.id]


def test_graduation_candidates(admin, carriers, young):
    admin.incubation.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    assert admin.incubation.graduation_candidates(D(2026, 1, 1)) == []
    admin.annual.save(young.id, 2024, {"revenue": 800})
    admin.annual.save(young.id, 2025, {"revenue": 800})
    found = admin.incubation.graduation_candidates(D(2026, 1, 1))
    assert [r.enterprise_id for r in found] == [young.id]


def test_street_user_cannot_move_other_street(admin, other_clerk, carriers, young):
    with pytest.raises(PermissionDeniedError):
        other_clerk.incubation.admit(
            young.id, carrier_id(carriers, "大连测试众创空间"), "2024-01-05"
        )


def test_each_chain_write_is_audited(admin, carriers, young):
    before = AuditLog.select().count()
    admin.incubation.admit(young.id, carrier_id(carriers, "甘井子区测试孵化器"), "2024-01-05")
    # one residency created + the enterprise's stage/carrier changed
    assert AuditLog.select().count() == before + 2
    admin.incubation.move(young.id, carrier_id(carriers, "大连测试加速器"), "2025-01-05")
    # old residency closed, new one opened, enterprise changed
    assert AuditLog.select().count() == before + 5
    assert Enterprise.get_by_id(young.id).version == 3


def test_rules_are_editable(admin, carriers):
    limits = {"孵化器": {"months": 36, "long_cycle_months": None}}
    admin.incubation.set_rules({"time_limits": limits})
    assert admin.incubation.rules()["time_limits"] == limits
    assert admin.incubation.time_limit_text().splitlines()[1] == (
        "孵化期限：孵化器 36 个月；苗圃、加速器、产业化基地不设期限。"
    )
    with pytest.raises(InvalidValueError):
        admin.incubation.set_rules({"nonsense": 1})
    for bad, message in (
        ({"中试基地": {"months": 48}}, "不是孵化阶段"),
        ({"苗圃": {"months": 0, "long_cycle_months": 60}}, "应为正整数"),
        ({"苗圃": {"months": "48", "long_cycle_months": 60}}, "应为正整数"),
        ({"苗圃": 48}, "应给出 months"),
        ([48], "应按阶段给出"),
    ):
        with pytest.raises(InvalidValueError, match=message):
            admin.incubation.set_rules({"time_limits": bad})
    assert admin.incubation.rules()["time_limits"] == limits
