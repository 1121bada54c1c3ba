"""The command line prints no control character: a name stored before names were cleaned
(written here straight into the file, as old data would be) is shown with visible escapes,
and an import says which cells lost invisible characters."""

import re
import sqlite3

import pytest

from gjz_registry import open_registry
from tests.acceptance.test_cli import gjz
from tests.conftest import enterprise_data, make_code
from tests.exchange import workbooks as W
from tests.exchange.importing import add_carrier, enterprise_rows

CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "text.db"
    registry = open_registry(path)
    admin = registry.as_local_admin("setup")
    admin.enterprises.create(enterprise_data(1))
    add_carrier(admin)
    registry.close()
    return path


def test_search_shows_an_old_name_with_escapes_not_colours(db):
    con = sqlite3.connect(db)
    con.execute(
        "UPDATE enterprise SET name = ? WHERE credit_code = ?",
        ("\x1b[31m红字\u202e公司\x1b[0m\r", make_code(1)),
    )
    con.commit()
    con.close()
    run = gjz("--db", db, "search", make_code(1)[:12])
    assert run.returncode == 0, run.stderr
    assert "\\x1b[31m红字\\u202e公司\\x1b[0m\\x0d" in run.stdout
    assert not CONTROL.search(run.stdout + run.stderr)


def test_an_error_echoing_the_typed_value_prints_it_escaped(db):
    run = gjz("--db", db, "user", "disable", "无此人\x1b[2J\u202e")
    assert run.returncode == 2
    assert "无此人\\x1b[2J\\u202e" in run.stderr and not CONTROL.search(run.stderr)


def test_import_summary_names_the_cleaned_cells(db, tmp_path):
    rows = enterprise_rows(2, start=5)
    rows[2][1] = "\x1b[1m大连粗体科技有限公司\u200b"
    path = W.write_xlsxwriter(tmp_path / "企业.xlsx", rows)
    run = gjz("--db", db, "import", path)
    assert run.returncode == 0, run.stderr
    assert "  第 3 行「企业名称」中的控制字符或不可见字符已删除" in run.stdout.splitlines()
    assert "大连粗体科技有限公司" in gjz("--db", db, "search", "大连粗体").stdout
