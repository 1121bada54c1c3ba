"""Upgrades keep the data: a newer program opens an older database, backs it up first and
says so in one line; an older program refuses a newer database."""

import sqlite3

import pytest

from db import migrations
from tests.acceptance.test_cli import gjz
from tests.old_database import database_at_version, make_newer

# Older database files (tests/old_database) and the file backup before an upgrade: SQLite only.
pytestmark = pytest.mark.sqlite_only


def test_the_cli_backs_up_upgrades_and_says_so_in_one_line(tmp_path, _data_dir):
    path = database_at_version(tmp_path / "old.db", 4)
    first = gjz("--db", path, "search", "大连")
    assert first.returncode == 0, first.stderr
    (backup,) = (_data_dir / "backups").glob("*-before-upgrade-v4-*.db")
    latest = migrations.latest_version()
    assert first.stderr.splitlines() == [
        f"数据库已从结构版本 4 升级到 {latest}，升级前的备份：{backup}"
    ]
    con = sqlite3.connect(backup)
    assert con.execute("SELECT MAX(version) FROM schema_migration").fetchone() == (4,)
    con.close()
    again = gjz("--db", path, "search", "大连")
    assert again.returncode == 0 and again.stderr == ""


def test_an_older_program_refuses_a_newer_database(tmp_path, _data_dir):
    path = tmp_path / "new.db"
    assert gjz("--db", path, "init", "--password-file", _password(tmp_path)).returncode == 0
    make_newer(path)
    refused = gjz("--db", path, "search", "大连")
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        f"数据库「{path}」由更新版本的程序创建（结构版本 999，本程序支持到 "
        f"{migrations.latest_version()}），请升级程序后再打开"
    )


def _password(folder):
    secret = folder / "pw.txt"
    secret.write_text("admin-pass-1\n", encoding="utf-8")
    return secret
