"""Database addresses as a careless user types them (db/engines, gjz_registry/cli.py).

A password written into a ``postgresql://`` URL with an unencoded ``#`` ``/`` ``?`` (or a
port that is no number, or no database name) used to end as 「内部错误」 — and the log line
of the failed command held the password in clear; a bad port even raised again inside the
CLI's last-resort handler (a traceback, exit code 1).  A ``?password=`` parameter, an
unsupported scheme and ``--db-url=URL`` written as one argument were printed unmasked; a
server that cannot be reached gave a message of two lines; and ``--db-url sqlite:///typo.db``
created a new empty database where ``--db typo.db`` says it does not exist.  Every one of
these is now one masked Chinese line with exit code 2.  No server is needed: nothing listens
on 127.0.0.1 port 1.
"""

import pytest

from db import engines
from db.engines.postgresql import PASSWORD_FILE_VARIABLE
from gjz_registry import cli

SECRET = "Sq1-secret"
UNREADABLE = [
    f"postgresql://clerk:{SECRET[:4]}#{SECRET[4:]}@127.0.0.1:1/gjz",
    f"postgresql://clerk:{SECRET[:4]}/{SECRET[4:]}@127.0.0.1:1/gjz",
    f"postgresql://clerk:{SECRET[:4]}?{SECRET[4:]}@127.0.0.1:1/gjz",
    f"postgresql://clerk:{SECRET}@127.0.0.1:port/gjz",
    f"postgresql://clerk:{SECRET}@127.0.0.1:99999/gjz",
    f"postgresql://clerk:{SECRET}@127.0.0.1:1",
]


def run(argv, capsys):
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def written(data_dir, *texts):
    """Everything the run printed and logged."""
    return "".join(texts) + "".join(p.read_text(encoding="utf-8") for p in data_dir.rglob("*.log"))


def assert_one_masked_line(code, out, err, data_dir, secret=SECRET):
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and "内部错误" not in err, err
    everything = written(data_dir, out, err)
    assert secret not in everything and secret[:4] not in everything, everything


@pytest.mark.parametrize("url", UNREADABLE)
def test_an_unreadable_server_url_is_one_masked_line(url, capsys, _data_dir, fresh_log):
    code, out, err = run(["--db-url", url, "check"], capsys)
    assert_one_masked_line(code, out, err, _data_dir)
    assert "无法识别" in err and "clerk:***@" in err and "--db-password-file" in err


def test_db_copy_into_an_unreadable_url_is_one_masked_line(tmp_path, capsys, _data_dir):
    source = tmp_path / "源 库.db"
    assert (
        run(["--db", str(source), "init", "--password-file", _password(tmp_path)], capsys)[0] == 0
    )
    for url in UNREADABLE[:4]:
        code, out, err = run(["db", "copy", str(source), url], capsys)
        assert_one_masked_line(code, out, err, _data_dir)
        code, out, err = run(["db", "copy", url, str(tmp_path / "副本.db")], capsys)
        assert_one_masked_line(code, out, err, _data_dir)
    assert not (tmp_path / "副本.db").exists()


def test_a_password_parameter_and_other_schemes_are_masked_too(capsys, _data_dir):
    assert engines.shown(f"postgresql://u@h/db?password={SECRET}&sslmode=require") == (
        "postgresql://u@h/db?password=***&sslmode=require"
    )
    assert engines.shown(f"mysql://u:{SECRET}@h/db") == "mysql://u:***@h/db"
    assert engines.shown(f"--db-url=postgresql://u:{SECRET}@h/db") == (
        "--db-url=postgresql://u:***@h/db"
    )
    # the forms that worked before keep their text
    assert engines.shown("postgresql://u:p%40ss@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert engines.shown("postgresql://u@[::1]:5432/db") == "postgresql://u@[::1]:5432/db"
    for url in (f"postgresql://u@127.0.0.1:1/db?password={SECRET}", f"mysql://u:{SECRET}@h/db"):
        code, out, err = run(["--db-url", url, "check"], capsys)
        assert_one_masked_line(code, out, err, _data_dir)


def test_an_unreachable_server_is_one_line(capsys, _data_dir):
    code, out, err = run(
        ["--db-url", f"postgresql://clerk:{SECRET}@127.0.0.1:1/gjz", "check"], capsys
    )
    assert_one_masked_line(code, out, err, _data_dir)
    assert err.startswith("无法打开数据库「postgresql://clerk:***@127.0.0.1:1/gjz」"), err


def test_a_url_given_as_one_argument_is_masked_in_the_log(
    capsys, _data_dir, monkeypatch, fresh_log
):
    """``--db-url=URL``: the log line of a command that failed unexpectedly masks it too."""

    def broken(args, create=False):
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "open_for", broken)
    code, out, err = run([f"--db-url=postgresql://clerk:{SECRET}@127.0.0.1:1/gjz", "check"], capsys)
    assert code == 2 and "内部错误" in err
    log = written(_data_dir)
    assert "--db-url=postgresql://clerk:***@127.0.0.1:1/gjz check" in log
    assert SECRET not in log


@pytest.mark.sqlite_only  # a file that is not there
def test_a_sqlite_url_to_a_missing_file_is_refused_like_a_path(tmp_path, capsys, _data_dir):
    """Not a new empty database that then 「检查通过：企业 0 家」."""
    missing = tmp_path / "打错的 文件夹" / "registry.db"
    for command in (["check"], ["search", "大连"], ["backup"]):
        code, out, err = run(["--db-url", f"sqlite:///{missing}", *command], capsys)
        assert code == 2 and "不存在" in err and len(err.strip().splitlines()) == 1, err
    assert not missing.parent.exists()


def _password(folder):
    path = folder / "admin.txt"
    path.write_text("Admin-pass-1\n", encoding="utf-8")
    return str(path)


def test_a_server_password_file_that_cannot_be_read_is_one_line(
    tmp_path, capsys, _data_dir, monkeypatch
):
    """--db-password-file missing, a folder, or not text: was 「内部错误」."""
    # the CLI hands the file on in the environment; the test's process must not keep it
    monkeypatch.setenv(PASSWORD_FILE_VARIABLE, "set by the CLI below, removed after the test")
    binary = tmp_path / "口令.bin"
    binary.write_bytes(b"\xff\xfe\x00\x00\x81")
    url = "postgresql://clerk@127.0.0.1:1/gjz"
    cases = [(tmp_path / "没有.txt", "文件不存在"), (tmp_path, "文件夹"), (binary, "UTF-8")]
    for path, reason in cases:
        for command in (["--db-url", url, "check"], ["db", "copy", url, str(tmp_path / "副本.db")]):
            code, out, err = run(["--db-password-file", str(path), *command], capsys)
            assert code == 2 and len(err.strip().splitlines()) == 1, err
            assert "服务器数据库的密码文件" in err and reason in err, err


def test_a_login_password_file_that_cannot_be_read_says_why_in_chinese(tmp_path, capsys):
    """The system's reason (English 'No such file or directory') is said in Chinese."""
    target = tmp_path / "registry.db"
    assert (
        run(["--db", str(target), "init", "--password-file", _password(tmp_path)], capsys)[0] == 0
    )
    for path, reason in ((tmp_path / "没有.txt", "文件不存在"), (tmp_path, "这是一个文件夹")):
        code, out, err = run(
            ["--db", str(target), "--user", "admin", "--password-file", str(path), "search", "x"],
            capsys,
        )
        assert code == 2 and f"无法读取密码文件「{path}」：{reason}" in err, err
        assert "No such file" not in err and "directory" not in err, err


@pytest.mark.sqlite_only  # the arguments, not the engine
def test_numbers_out_of_range_are_one_chinese_line(tmp_path, capsys, _data_dir):
    """Each of these was 「内部错误」 (an OverflowError of the driver or of the calendar, or
    int('²')): a year outside the calendar, a count beyond SQLite's INTEGER, a digit that is
    no number."""
    target = tmp_path / "registry.db"
    assert (
        run(["--db", str(target), "init", "--password-file", _password(tmp_path)], capsys)[0] == 0
    )
    huge = "99999999999999999999"
    cases = [
        (["import", "undo", "²"], "批次号"),
        (["import", "undo", huge], "批次号"),
        (["search", "大连", "--limit", huge], "--limit"),
        (["certificate", "list", "--limit", huge], "--limit"),
        (["stats", "funnel", "--year", "99999"], "「年度」99999"),
        (["stats", "carrier-years", "--year", "1"], "「年度」1"),
        (["stats", "qualifications", "--year", "3000"], "「年度」3000"),
        (["stats", "output", "--year", "99999"], "「年度」99999"),
        (["expiring", "--days", "999999999999"], "「天数」"),
    ]
    for command, said in cases:
        code, out, err = run(["--db", str(target), *command], capsys)
        assert code == 2 and len(err.strip().splitlines()) == 1, (command, err)
        assert said in err and "内部错误" not in err, (command, err)
    written_log = written(_data_dir)
    assert "Traceback" not in written_log
