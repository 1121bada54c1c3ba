"""`gjz targets`, `gjz report targets` and `gjz export targets` on a real demo database (a
SQLite file or a PostgreSQL database).

The printed table, the PDF (read back with poppler) and the workbook (read back with openpyxl)
must show every seeded indicator with the same target, actual and verdict as the service.
"""

import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gjz_registry import open_registry
from reports.assessment import assessment_report
from tests.acceptance.test_cli import gjz
from tests.reports.pdftools import assert_cjk_embedded, pdffonts, require_tool

PERIOD = "2020H1"


@pytest.fixture(scope="module")
def demo_db(module_db_target):
    path = module_db_target
    env = {"GJZ_DATA_DIR": str(path.parent / "data")}
    result = gjz("--db", path, "demo", "--enterprises", 500, "--seed", 4, env=env)
    assert result.returncode == 0, result.stderr
    entered = gjz(
        "--db", path, "targets", "set", "R&D经费支出占GDP比重", "2.9", "--period", PERIOD, env=env
    )
    assert entered.returncode == 0, entered.stderr
    task = gjz("--db", path, "targets", "task", "7", "--period", PERIOD, "--status", "推进中",
               "--note", "培育库已建立", env=env)  # fmt: skip
    assert task.returncode == 0, task.stderr
    return path


@pytest.fixture
def progress(demo_db):
    reg = open_registry(demo_db)
    try:
        yield reg.as_local_admin().targets.progress(PERIOD)
    finally:
        reg.close()


def pdf_number(value):
    """A number as the PDF tables print it (thousands separators, no trailing zeros)."""
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def test_targets_prints_every_indicator(demo_db, progress):
    result = gjz("--db", demo_db, "targets", "--period", PERIOD, "--streets", "--tasks")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2020年上半年" in out and "计划自相矛盾：二、(二) 为 5 家，任务 7 为 10 家" in out
    lines = out.splitlines()
    for row in progress.rows + progress.fields:
        line = next(
            x for x in lines if row.indicator in x and (row.scope == "区" or row.scope in x)
        )
        assert row.verdict in line, row.indicator
        assert f"{row.target:f}" in line
    assert "R&D经费支出占GDP比重" in out and "2.9" in out and "进度正常" in out
    assert "培育库已建立" in out and "大连湾街道" in out


def test_report_pdf_has_every_indicator_with_target_actual_and_verdict(demo_db, progress, tmp_path):
    pdf = tmp_path / "考核.pdf"
    result = gjz("--db", demo_db, "report", "targets", pdf, "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    assert pdf.exists()
    assert_cjk_embedded(pdf)
    assert any("ZenHei" in f["name"] or "Hei" in f["name"] or "Song" in f["name"]
               or "Ming" in f["name"] for f in pdffonts(pdf))  # fmt: skip
    layout = subprocess.run(
        [require_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = layout.splitlines()
    assert "2020年上半年行动计划目标完成情况" in layout
    for row in progress.rows + progress.fields:
        found = [x for x in lines if row.indicator in x and (row.scope == "区" or row.scope in x)]
        assert found, row.indicator
        line = found[0]
        assert pdf_number(row.target) in line, (row.indicator, line)
        assert pdf_number(row.actual) in line, (row.indicator, line)
        assert row.verdict in line, (row.indicator, line)
    for heading in ("主要指标完成情况", "分产业领域目标完成情况", "各街道可统计指标",
                    "重点任务推进情况", "指标出处"):  # fmt: skip
        assert heading in layout
    assert "计划自相矛盾" in layout and "培育库已建立" in layout


def check_workbook(book_path, progress):
    book = load_workbook(book_path, read_only=True)
    assert {"主要指标", "分领域", "分街道", "重点任务", "指标出处", "说明"} <= set(book.sheetnames)
    rows = list(book["主要指标"].iter_rows(values_only=True))
    assert rows[0][:7] == ("指标", "目标", "实际", "单位", "完成率", "时间进度", "评价")
    district_rows = [r for r in progress.rows if r.scope == "区"]
    assert len(rows) == 1 + len(district_rows)
    for sheet_row, row in zip(rows[1:], district_rows):
        assert sheet_row[0] == row.indicator
        assert Decimal(str(sheet_row[1])) == row.target
        assert (sheet_row[2] is None) == (row.actual is None)
        if row.actual is not None:
            assert Decimal(str(sheet_row[2])) == row.actual
            assert sheet_row[4] == pytest.approx(row.completion)
        assert sheet_row[6] == row.verdict
    fields = list(book["分领域"].iter_rows(values_only=True))[1:]
    assert [(r[0], r[1], Decimal(str(r[3])), r[7]) for r in fields] == [
        (r.scope, r.indicator, r.actual, r.verdict) for r in progress.fields
    ]
    own = list(book["分街道目标"].iter_rows(values_only=True))[1:]  # 生态城's growth target
    assert [(r[0], r[1], r[7]) for r in own] == [
        (r.scope, r.indicator, r.verdict) for r in progress.rows if r.scope != "区"
    ]
    streets = list(book["分街道"].iter_rows(values_only=True))
    assert streets[-1][0] == "全区合计"
    high_tech = streets[0].index("高新技术企业(家)")
    district = next(r.actual for r in progress.rows if r.indicator == "高新技术企业")
    assert streets[-1][high_tech] == district == sum(r[high_tech] for r in streets[1:-1])
    tasks = list(book["重点任务"].iter_rows(values_only=True))
    assert len(tasks) == 1 + 22 and ("推进中", "培育库已建立") in [r[3:5] for r in tasks]
    book.close()


def test_export_xlsx_has_the_same_numbers(demo_db, progress, tmp_path):
    book_path = tmp_path / "考核.xlsx"
    result = gjz("--db", demo_db, "export", "targets", book_path, "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    check_workbook(book_path, progress)


def test_a_street_user_sees_only_their_street(demo_db, tmp_path):
    password = tmp_path / "pw.txt"
    password.write_text("street123\n", encoding="utf-8")
    login = ("--db", demo_db, "--user", "dalianwan", "--password-file", password)
    result = gjz(*login, "targets", "--period", PERIOD, "--streets")
    assert result.returncode == 0, result.stderr
    assert "大连湾街道" in result.stdout and "南关岭街道" not in result.stdout
    assert "高新技术企业" in result.stdout and "R&D经费支出占GDP比重" not in result.stdout
    refused = gjz(*login, "targets", "set", "科技进步贡献率", "58", "--period", PERIOD)
    assert refused.returncode == 2 and "管理员" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_bad_period_is_one_chinese_line(demo_db):
    result = gjz("--db", demo_db, "targets", "--period", "2020H3")
    assert result.returncode == 2
    assert "考核期" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    outside = gjz("--db", demo_db, "targets", "--period", "2018H1")
    assert outside.returncode == 2 and "不在计划" in outside.stderr


def test_drill_down_lists_the_enterprises(demo_db, progress):
    result = gjz("--db", demo_db, "targets", "drill", "高新技术企业", "--period", PERIOD)
    assert result.returncode == 0, result.stderr
    row = next(r for r in progress.rows if r.indicator == "高新技术企业")
    assert f"共 {row.actual} 条" in result.stdout


def test_the_completion_chart_tells_apart_indicators_that_begin_alike(progress):
    """「产值超10亿元的创新型领军企业」 and 「产值超10亿元的大型创新领军企业」 were both
    「产值超10…」 under their bars."""
    report = assessment_report(progress)
    title = "完成率与时间进度（%）"
    labels = next(s["chart"] for s in report["sections"] if s.get("title") == title)["labels"]
    alike = [r.indicator for r in progress.rows if r.indicator.startswith("产值超10亿元的")]
    assert len(alike) == 2 and all(r.completion is not None for r in progress.rows
                                   if r.indicator in alike)  # fmt: skip
    assert len(set(labels)) == len(labels), labels
    assert "高新技术企业" in labels  # a label that fits stays whole and short
    assert max(len(label) for label in labels) <= 10
