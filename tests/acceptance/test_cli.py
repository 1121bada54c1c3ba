"""The command line as a user runs it: real processes, real database files, exit codes."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pgserver import ServerDb

ROOT = Path(__file__).resolve().parents[2]


def gjz(*args, env=None, stdin=None):
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        input=stdin,
        timeout=300,
    )


def dump(path):
    """Every row of every ordinary table, for before/after comparisons (``path``: a SQLite
    file, or a PostgreSQL database's URL)."""
    if "://" in str(path):
        return _server_dump(str(path))
    con = sqlite3.connect(path)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'enterprise_search%' ORDER BY name"
            )
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


def query(target, sql, *params):
    """The rows of one query (``?`` placeholders) on a SQLite file or a PostgreSQL URL."""
    if "://" in str(target):
        import psycopg

        with psycopg.connect(str(target)) as con:
            return con.execute(sql.replace("?", "%s"), params).fetchall()
    con = sqlite3.connect(target)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def execute(target, sql, *params):
    """Run one changing statement (``?`` placeholders) and commit, on a SQLite file or a
    PostgreSQL URL (as old data or another program would have written it)."""
    if "://" in str(target):
        import psycopg

        with psycopg.connect(str(target)) as con:
            con.execute(sql.replace("?", "%s"), params)
        return
    con = sqlite3.connect(target)
    try:
        con.execute(sql, params)
        con.commit()
    finally:
        con.close()


def server_db(db_target, folder):
    """``db_target`` as the CLI tests pass it: a SQLite file's Path, or a PostgreSQL URL with
    ``folder`` (for password files) as its ``parent``."""
    return db_target if not isinstance(db_target, str) else ServerDb(db_target, folder)


def _server_dump(url):
    import psycopg

    with psycopg.connect(url) as con:
        tables = con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
            " ORDER BY table_name"
        ).fetchall()
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for (t,) in tables}


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "pw.txt"
    path.write_text("admin-pass-1\n", encoding="utf-8")
    return path


def test_init_is_idempotent(tmp_path, db_target, password_file):
    db = server_db(db_target, tmp_path)
    first = gjz("--db", db, "init", "--password-file", password_file)
    assert first.returncode == 0, first.stderr
    assert "已创建数据库" in first.stdout
    before = dump(db)
    assert len(before["street"]) >= 18 and len(before["industry"]) == 7
    assert [row[4] for row in before["user"]] == ["admin"]  # column 4 is username
    second = gjz("--db", db, "init")
    assert second.returncode == 0, second.stderr
    assert "已是最新" in second.stdout
    assert dump(db) == before


def test_init_without_password_source_fails_cleanly(tmp_path):
    result = gjz("--db", tmp_path / "t.db", "init", stdin="")
    assert result.returncode == 2
    assert "密码" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.sqlite_only  # missing and non-database files
def test_errors_are_one_chinese_line_exit_2(tmp_path, password_file):
    missing = gjz("--db", tmp_path / "none.db", "search", "x")
    assert missing.returncode == 2 and "不存在" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    bad_args = gjz("--db", tmp_path / "none.db", "frobnicate")
    assert bad_args.returncode == 2 and "参数错误" in bad_args.stderr
    not_db = tmp_path / "not.db"
    not_db.write_bytes(b"this is not a database at all" * 100)
    broken = gjz("--db", not_db, "search", "x")
    assert broken.returncode == 2 and "不是本系统的数据库" in broken.stderr
    assert "Traceback" not in broken.stderr


def test_login_with_user_and_password_file(tmp_path, db_target, password_file):
    db = server_db(db_target, tmp_path)
    assert gjz("--db", db, "init", "--password-file", password_file).returncode == 0
    ok = gjz("--db", db, "--user", "admin", "--password-file", password_file, "user", "list")
    assert ok.returncode == 0 and "admin" in ok.stdout
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("nope-nope\n")
    bad = gjz("--db", db, "--user", "admin", "--password-file", wrong, "user", "list")
    assert bad.returncode == 2 and "用户名或密码错误" in bad.stderr


def test_user_commands(tmp_path, db_target, password_file):
    db = server_db(db_target, tmp_path)
    gjz("--db", db, "init", "--password-file", password_file)
    new_pw = tmp_path / "clerk.txt"
    new_pw.write_text("clerk-pass-1\n")
    add = gjz(
        "--db",
        db,
        "user",
        "add",
        "clerk",
        "--role",
        "street",
        "--street",
        "营城子街道",
        "--new-password-file",
        new_pw,
    )
    assert add.returncode == 0, add.stderr
    listing = gjz("--db", db, "user", "list").stdout
    assert "clerk" in listing and "营城子街道" in listing and "街道用户" in listing
    assert gjz("--db", db, "user", "disable", "clerk").returncode == 0
    login = gjz("--db", db, "--user", "clerk", "--password-file", new_pw, "search", "x")
    assert login.returncode == 2 and "已停用" in login.stderr
    assert "停用" in gjz("--db", db, "user", "list").stdout


@pytest.mark.sqlite_only  # a file named by GJZ_DB
def test_gjz_db_environment_variable(tmp_path, password_file):
    db = tmp_path / "env.db"
    result = gjz("init", "--password-file", password_file, env={"GJZ_DB": str(db)})
    assert result.returncode == 0 and db.exists()


@pytest.mark.sqlite_only  # the default file in the data folder
def test_default_path_is_in_data_dir(tmp_path, password_file):
    data = tmp_path / "data-home"
    result = gjz("init", "--password-file", password_file, env={"GJZ_DATA_DIR": str(data)})
    assert result.returncode == 0, result.stderr
    assert (data / "registry.db").exists()


@pytest.mark.sqlite_only  # no database: the entry point's refusal
def test_gui_needs_the_entry_point():
    from gjz_registry import cli

    cli._front_end.clear()
    assert cli.main(["--db", ":memory:", "gui"]) == 2  # no client handed in: a clear refusal
    started = []
    assert cli.main(["--demo", "gui"], gui=lambda target, demo: started.append(demo) or 0) == 0
    assert started == [True]
    cli._front_end.clear()
