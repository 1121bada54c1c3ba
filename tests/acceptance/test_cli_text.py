"""The command line prints no control character: a name stored before names were cleaned
(written here straight into the database, as old data would be) is shown with visible escapes,
and an import says which cells lost invisible characters.  Output redirected in an encoding that
cannot hold every character (GBK on a Chinese Windows console) shows "?" for what it cannot hold
and never fails."""

import os
import re
import subprocess
import sys

import pytest

from gjz_registry import open_registry
from tests.acceptance.test_cli import ROOT, execute, gjz
from tests.conftest import enterprise_data, make_code
from tests.exchange import workbooks as W
from tests.exchange.importing import add_carrier, enterprise_rows

CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]"
)


@pytest.fixture
def db(db_target):
    path = db_target
    registry = open_registry(path)
    admin = registry.as_local_admin("setup")
    admin.enterprises.create(enterprise_data(1))
    add_carrier(admin)
    registry.close()
    return path


def test_search_shows_an_old_name_with_escapes_not_colours(db):
    execute(
        db,
        "UPDATE enterprise SET name = ? WHERE credit_code = ?",
        "\x1b[31m红字\u202e公司\x1b[0m\r",
        make_code(1),
    )
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


def gbk_run(tmp_path, *args):
    """``gjz ARGS > out.txt`` on a Chinese Windows console: output encoded as GBK (cp936), to
    a file.  Returns (exit code, stdout text read back as GBK, stderr text)."""
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    env = dict(os.environ, PYTHONIOENCODING="gbk")
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        code = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), *map(str, args)],
            stdout=stdout,
            stderr=stderr,
            env=env,
            timeout=300,
        ).returncode
    return code, out.read_bytes().decode("gbk"), err.read_bytes().decode("gbk")


def test_output_redirected_in_gbk_replaces_what_gbk_cannot_hold(db, tmp_path):
    registry = open_registry(db)
    registry.as_local_admin("setup").enterprises.create(
        enterprise_data(2, name="大连𬌗科技有限公司")  # U+2C317: in no GBK or GB2312 table
    )
    registry.close()
    code, out, err = gbk_run(tmp_path, "--db", db, "search", "大连")
    assert (code, err) == (0, "")
    assert "大连?科技有限公司" in out

    rows = enterprise_rows(2, start=7)
    rows[1][1] = "大连䶮科技有限公司"  # U+4DAE: GB18030, not GBK
    rows[2][3] = "火星街道"  # rejected: 「…不在街道列表中（可在 系统›基础数据 中维护）」
    code, out, err = gbk_run(
        tmp_path, "--db", db, "import", W.write_xlsxwriter(tmp_path / "名单.xlsx", rows)
    )
    assert code == 1, err  # done, with a rejected row
    assert "内部错误" not in out + err
    assert "系统?基础数据" in out
    code, out, err = gbk_run(tmp_path, "--db", db, "search", "大连")
    assert code == 0 and "大连?科技有限公司" in out and out.count("?") == 2, out
