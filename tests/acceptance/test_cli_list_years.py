"""A list's name and ``--year`` mean one thing in ``export``, ``report`` and ``stats``.

``--year Y``: the enterprises whose qualification is valid at the end of Y (31 December; today
for this year) — ``export high-tech``, ``report high-tech-list`` and ``stats qualifications``
give the same number.  ``--granted-in Y``: the year's newly recognised enterprises, another
list with its own title (「Y年新认定高新技术企业名单」), the same in the export and the report.
"""

import re

import pytest

from gjz_registry import cli, open_registry
from gjz_registry.demo import generate
from tests.acceptance.test_cli_reports import fonts_available  # noqa: F401  (a fixture)

YEAR = 2019


@pytest.fixture(scope="module")
def demo_db(module_db_target):
    path = module_db_target
    registry = open_registry(path)
    generate(registry.db, enterprises=400, seed=5)
    registry.close()
    return path


def run(capsys, path, *argv):
    capsys.readouterr()
    assert cli.main(["--db", str(path), *map(str, argv)]) == 0, argv
    return capsys.readouterr().out


def rows_of(text):
    return int(re.search(r"(\d+) (?:条|行)", text).group(1))


def test_year_means_valid_at_the_year_end_everywhere(
    capsys, demo_db, tmp_path, fonts_available  # noqa: F811
):
    exported = run(capsys, demo_db, "export", "high-tech", tmp_path / "高企.xlsx", "--year", YEAR)
    printed = run(
        capsys, demo_db, "report", "high-tech-list", tmp_path / "高企.pdf", "--year", YEAR
    )
    stats = run(capsys, demo_db, "stats", "qualifications", "--year", YEAR)
    line = next(x for x in stats.splitlines() if x.strip().startswith(str(YEAR)))
    counted = int(line.split()[1])  # columns: 年度, 高新技术企业, 科技型中小企业
    assert rows_of(exported) == rows_of(printed) == counted > 0
    assert f"{YEAR}年高新技术企业名单" in printed and "新认定" not in printed


def test_granted_in_is_a_differently_named_list(
    capsys, demo_db, tmp_path, fonts_available  # noqa: F811
):
    title = f"{YEAR}年新认定高新技术企业名单"
    exported = run(
        capsys, demo_db, "export", "high-tech", tmp_path / "新.xlsx", "--granted-in", YEAR
    )
    printed = run(
        capsys, demo_db, "report", "high-tech-list", tmp_path / "新.pdf", "--granted-in", YEAR
    )
    valid = run(capsys, demo_db, "export", "high-tech", tmp_path / "高企.xlsx", "--year", YEAR)
    assert title in exported and title in printed
    assert 0 < rows_of(exported) == rows_of(printed) < rows_of(valid)
    capsys.readouterr()
    both = ["export", "high-tech", tmp_path / "x.xlsx", "--year", YEAR, "--granted-in", YEAR]
    assert cli.main(["--db", str(demo_db), *map(str, both)]) == 2
    assert "只能选一个" in capsys.readouterr().err
