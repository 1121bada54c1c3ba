"""``gjz export annual|torch-carriers|torch-residents --year Y`` as a user runs them: a year of
figures built through the services (tests/exchange/torch_year.py), real processes, the
workbooks read back with calamine."""

import pytest
from python_calamine import CalamineWorkbook

from gjz_registry import open_registry
from tests.acceptance.test_cli import gjz
from tests.acceptance.test_cli_exchange import as_user
from tests.acceptance.test_cli_exchange import db as db  # noqa: F401 — the fixture
from tests.exchange import torch_year as TY


@pytest.fixture
def year_db(db):  # noqa: F811
    registry = open_registry(db)
    try:
        TY.build_year(registry.as_local_admin("test"))
    finally:
        registry.close()
    return db


def rows_of(path, sheet=0):
    book = CalamineWorkbook.from_path(str(path))
    name = sheet if isinstance(sheet, str) else book.sheet_names[sheet]
    return book.get_sheet_by_name(name).to_python()


def test_export_annual_for_a_year_and_import_it_back(tmp_path, year_db):
    out = tmp_path / "年度数据.xlsx"
    run = gjz("--db", year_db, "export", "annual", out, "--year", TY.YEAR)
    assert run.returncode == 0, run.stderr
    assert "2023年年度数据" in run.stdout and "3" in run.stdout
    rows = rows_of(out)
    assert rows[0][:4] == ["企业名称", "统一社会信用代码", "年度", "营业收入(万元)"]
    revenue = {row[0]: row[3] for row in rows[1:]}
    assert revenue["大连测试1号科技有限公司"] == 1234.5678
    back = gjz("--db", year_db, "import", out, "--kind", "annual")
    assert back.returncode == 0, back.stdout + back.stderr
    assert "新增 0，更新 0，未变 3" in back.stdout
    clerk = gjz(*as_user(year_db, "dlw"), "export", "annual", out, "--year", TY.YEAR)
    assert clerk.returncode == 0, clerk.stderr
    assert len(rows_of(out)) == 3  # the heading and 大连湾街道's two


def test_export_both_torch_layouts_for_a_year(tmp_path, year_db):
    carriers, residents = tmp_path / "载体.xlsx", tmp_path / "在孵.xlsx"
    run = gjz("--db", year_db, "export", "torch-carriers", carriers, "--year", TY.YEAR)
    assert run.returncode == 0, run.stderr
    assert "2023年火炬统计·载体运营综合情况" in run.stdout
    incubators = rows_of(carriers, "科技企业孵化器")
    row = dict(zip(incubators[0], incubators[2], strict=True))
    assert row["孵化器名称"] == TY.INCUBATOR and row["孵化基金总额（千元）"] == 12345.678
    assert rows_of(carriers, "众创空间")[2][1] == TY.MAKERSPACE
    run = gjz("--db", year_db, "export", "torch-residents", residents, "--year", TY.YEAR)
    assert run.returncode == 0, run.stderr
    rows = rows_of(residents, "在孵企业")
    assert len(rows) == 2 + 3
    found = {r[2]: dict(zip(rows[0], r, strict=True)) for r in rows[2:]}
    assert found["大连测试1号科技有限公司"]["在孵企业总收入（千元）"] == 12345.678
    clerk = gjz(*as_user(year_db, "dlw"), "export", "torch-residents", residents, "--year", 2023)
    assert clerk.returncode == 0, clerk.stderr
    assert len(rows_of(residents, "在孵企业")) == 2 + 2  # 大连湾街道's residents only
