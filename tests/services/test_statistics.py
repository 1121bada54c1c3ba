"""Statistics agree with direct counts and respect the caller's street."""

import datetime

import pytest

from db.models import AnnualReport, Enterprise, Qualification, Residency, Street
from gjz_registry import open_registry
from gjz_registry.demo import generate
from gjz_registry.services.validity import valid_on
from tests.conftest import PASSWORD

TODAY = datetime.date(2026, 11, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats") / "demo.db"
    reg = open_registry(path)
    generate(reg.db, enterprises=1500, seed=11, today=TODAY)
    admin = reg.as_local_admin("test")
    admin.users.create("clerk", PASSWORD, "street", street="大连湾街道")
    yield reg
    reg.close()


def test_street_stage_matches_direct_counts(demo):
    reg = demo.as_local_admin()
    table = reg.statistics.street_stage()
    active = Enterprise.select().where(Enterprise.status == "在营")
    assert table.total == active.count()
    for street, values in table.rows:
        sid = Street.get(Street.name == street).id
        for stage, value in zip(table.columns, values):
            q = active.where(Enterprise.street == sid)
            q = (
                q.where(Enterprise.stage.is_null())
                if stage == "未入驻"
                else q.where(Enterprise.stage == stage)
            )
            assert value == q.count(), (street, stage)


def test_street_field_totals(demo):
    table = demo.as_local_admin().statistics.street_field()
    assert table.total == Enterprise.select().where(Enterprise.status == "在营").count()
    assert sum(table.totals) == table.total


def test_qualification_counts_agree(demo):
    stats = demo.as_local_admin().statistics
    day = datetime.date(2022, 12, 31)
    direct = {q.enterprise_id for q in Qualification.select().where(valid_on("高新技术企业", day))}
    table = stats.qualification_counts([2022])
    assert table.cell("2022", "高新技术企业") == len(direct) > 0


def test_funnel_counts_agree(demo):
    stats = demo.as_local_admin().statistics
    [year] = stats.funnel([2021])
    closed = Residency.select().where(
        Residency.left_on.between(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    )
    assert year.graduated == closed.where(Residency.exit_reason == "毕业").count()
    assert sum(year.promoted.values()) == closed.where(Residency.exit_reason == "晋级").count()
    firsts = {}
    for r in Residency.select():
        firsts[r.enterprise_id] = min(firsts.get(r.enterprise_id, r.entered_on), r.entered_on)
    assert year.admitted == sum(1 for d in firsts.values() if d.year == 2021)


def test_carrier_occupancy_and_output(demo):
    stats = demo.as_local_admin().statistics
    rows = stats.carrier_occupancy()
    assert (
        sum(r.residents for r in rows)
        == Residency.select().where(Residency.left_on.is_null()).count()
    )
    table = stats.field_output(2024)
    direct = sum(
        r.output_value or 0 for r in AnnualReport.select().where(AnnualReport.year == 2024)
    )
    assert abs(table.total - direct) < 1


def test_street_user_sees_only_their_street(demo):
    clerk = demo.login("clerk", PASSWORD)
    table = clerk.statistics.street_stage()
    assert [label for label, _ in table.rows] == ["大连湾街道"]
    sid = Street.get(Street.name == "大连湾街道").id
    assert (
        table.total
        == Enterprise.select()
        .where((Enterprise.street == sid) & (Enterprise.status == "在营"))
        .count()
    )
    all_hightech = demo.as_local_admin().statistics.valid_count("高新技术企业", TODAY)
    mine = clerk.statistics.valid_count("高新技术企业", TODAY)
    assert 0 < mine < all_hightech
