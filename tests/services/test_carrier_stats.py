"""The carriers' statistics (services/carrier_stats.py, issue 19 point 6): incubation output
per carrier, the year-on-year table, the plan's incubator figures; in the statistics report,
``gjz stats`` and the dashboard; and where they meet the older figures (the funnel, the
carriers' occupancy), they agree."""

import datetime
from decimal import Decimal

import pytest

from gjz_registry import cli, open_registry
from gjz_registry.demo import generate
from gjz_registry.services import statreport
from gjz_registry.services.carrier_counts import YearCounts, resident_outputs
from tests.services.test_carrier_counts import history  # noqa: F401  (a fixture)
from ui.presenters.dashboard import DashboardPresenter


@pytest.fixture
def operated(admin, history):  # noqa: F811
    """The history with operations reported for A and a national carrier recognised in 2023."""
    admin.carrier_years.save(history["a"], 2022, {"events": 10, "mentors_full": 2})
    admin.carrier_years.save(
        history["a"], 2023, {"events": 12, "fund_invested": 50, "mentors_part": 3}
    )
    admin.carriers.create(
        {
            "name": "甘井子区国家级众创空间",
            "kind": "众创空间(苗圃)",
            "level": "国家级",
            "recognized_on": "2023-05-01",
        }
    )
    admin.annual.save(history["returned"], 2023, {"revenue": 120, "employees": 12})
    admin.annual.save(history["sideways"], 2023, {"revenue": 80})
    return history


def test_incubation_output_per_carrier(admin, clerk, operated):
    a = operated["a"]
    rows = {r.carrier_id: r for r in admin.statistics.incubation_output(2023)}
    assert set(rows) == {a, operated["b"], operated["c"]}  # the carriers with residents
    assert rows[a].outputs == resident_outputs([a], 2023)[a]
    assert rows[a].outputs.revenue == 200 and rows[a].street == "大连湾街道"
    mine = {r.carrier_id: r for r in clerk.statistics.incubation_output(2023)}
    assert mine[a].outputs.residents == 3 and mine[a].outputs.revenue == 120  # not sideways


def test_year_on_year_table(admin, operated):
    rows = {r.carrier_id: r for r in admin.statistics.carrier_year_on_year(2023)}
    a = rows[operated["a"]]
    assert (a.residents, a.admitted, a.graduated) == ((4, 4), (4, 4), (0, 1))
    assert a.events == (10, 12) and a.fund_invested == (None, Decimal(50))
    b = rows[operated["b"]]
    assert (b.residents, b.admitted, b.events) == ((4, 3), (3, 0), (None, None))


def test_incubator_figures(admin, operated):
    f = admin.statistics.incubator_figures(2023)
    assert f.carriers == {"孵化器": 2, "众创空间(苗圃)": 1, "加速器": 1}
    assert (f.national, f.provincial, f.recognised) == (1, 0, 1)
    # the sums of A (4, 4, 1, 3, 4), B (4, 0, 0, 1, 3) and C (1, 1, 0, 1, 1)
    assert f.counts == YearCounts(start=9, admitted=5, graduated=1, left=5, end=8)
    assert (f.mentors, f.investing, f.fund_invested) == (3, 1, Decimal(50))  # of 2023


def test_report_sections_and_dashboard_line(admin, operated):
    sections = statreport.carrier_sections(admin.statistics, 2023)
    titles = [s["title"] for s in sections]
    assert titles == [
        "2023 年孵化载体与计划目标相关数字",
        "孵化载体年度对比（2022 年 / 2023 年）",
        "2023 年各载体孵化产出",
    ]
    figures = {row[0]: row[1] for row in sections[0]["rows"]}
    assert figures["年末在孵企业"] == 8 and figures["孵化基金投资额"] == 50
    by_name = {row[0]: row for row in sections[1]["rows"]}
    assert by_name["甘井子区计数孵化器甲"][2:5] == ["4 → 4", "4 → 4", "0 → 1"]
    assert sections[2]["totals"][1:3] == [8, Decimal(200)]
    report = statreport.assemble(
        admin.statistics, datetime.date(2023, 12, 31), "甘井子区科技局", "甘井子区"
    )
    assert [s["title"] for s in report["sections"]][-3:] == titles
    note = DashboardPresenter.stages_note(admin.statistics, 2, datetime.date(2024, 3, 1))
    assert note == "另有未入驻载体的在营企业 2 家；2023 年末在孵企业 8 家，当年毕业 1 家"


@pytest.mark.sqlite_only
def test_the_counts_agree_with_the_funnel_and_the_occupancy(tmp_path, capsys):
    today = datetime.date.today()
    reg = open_registry(tmp_path / "demo.db")
    generate(reg.db, enterprises=400, seed=11, today=today)
    stats = reg.as_local_admin("test").statistics
    for year in range(today.year - 6, today.year + 1):
        figures = stats.incubator_figures(year)
        funnel = stats.funnel([year])[0]
        assert figures.counts.graduated == funnel.graduated, year
        total = figures.counts
        assert total.start + total.admitted - total.graduated - total.left == total.end
    residents = sum(c.residents for c in stats.carrier_occupancy())
    assert stats.incubator_figures(today.year).counts.end == residents
    output = sum(r.outputs.residents for r in stats.incubation_output(today.year - 1))
    assert output == stats.incubator_figures(today.year - 1).counts.end
    reg.close()
    for table in ("incubator-targets", "carrier-years", "carrier-output"):
        capsys.readouterr()
        assert cli.main(["--db", str(tmp_path / "demo.db"), "stats", table]) == 0
        printed = capsys.readouterr().out
        assert str(today.year - 1) in printed.splitlines()[0], table
        assert ("合计" in printed) == (table != "incubator-targets"), table
