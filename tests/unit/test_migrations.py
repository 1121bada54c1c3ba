"""Migrations: the schema they build equals the models; upgrades back up first; a database
from a newer program is refused."""

import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import db as db_package
from db import migrations
from db.database import open_database
from db.models import ALL_MODELS
from gjz_registry import open_registry
from gjz_registry.errors import DatabaseDamagedError, DatabaseTooNewError
from gjz_registry.registry import Upgrade
from tests.old_database import database_at_version, make_newer


def columns(db, table):
    return {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}


def test_migrated_schema_matches_models(tmp_path):
    db = open_database(tmp_path / "m.db")
    applied = migrations.migrate(db, True)
    assert applied == [v for v, _ in migrations.available()]
    for model in ALL_MODELS:
        expected = {f.column_name for f in model._meta.sorted_fields}
        assert columns(db, model._meta.table_name) == expected, model.__name__
    assert migrations.current_version(db) == migrations.latest_version()
    assert migrations.migrate(db, True) == []
    db.close()


def test_upgrade_from_older_version_takes_backup_first(tmp_path, _data_dir):
    path = database_at_version(tmp_path / "old.db", 2)  # as an older program left it
    db = open_database(path)
    assert "area_m2" not in columns(db, "residency")
    db.close()
    reg = open_registry(path)
    assert reg.schema_version() == migrations.latest_version()
    backups = list((_data_dir / "backups").glob("old-noid-before-upgrade-v2-*.db"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT MAX(version) FROM schema_migration").fetchone() == (2,)
    con.close()
    # what the front ends tell the user
    assert reg.upgraded == Upgrade(2, migrations.latest_version(), str(backups[0]))
    assert reg.upgraded.message == (
        f"数据库已从结构版本 2 升级到 {migrations.latest_version()}，升级前的备份：{backups[0]}"
    )
    reg.close()
    again = open_registry(path)  # already up to date: nothing to say
    assert again.upgraded is None
    again.close()


def test_a_new_database_is_created_not_upgraded(tmp_path, _data_dir):
    reg = open_registry(tmp_path / "new.db")
    assert reg.upgraded is None
    reg.close()
    assert not (_data_dir / "backups").exists() or not list((_data_dir / "backups").iterdir())


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    open_registry(path).close()
    make_newer(path)
    with pytest.raises(DatabaseTooNewError, match="更新版本"):
        open_registry(path)


def test_not_a_database_is_refused(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"GJZ" * 2000)
    with pytest.raises(DatabaseDamagedError, match="不是本系统的数据库"):
        open_registry(path)


def test_a_lower_numbered_step_added_later_still_runs(tmp_path, monkeypatch):
    db = open_database(tmp_path / "gap.db")
    everything = migrations.available()
    monkeypatch.setattr(migrations, "available", lambda: [m for m in everything if m[0] != 3])
    migrations.migrate(db, True)
    assert "area_m2" not in columns(db, "residency")
    monkeypatch.setattr(migrations, "available", lambda: everything)
    assert [v for v, _ in migrations.pending(db)] == [3]
    migrations.migrate(db, True)
    assert "area_m2" in columns(db, "residency")
    db.close()


def test_upgrade_gives_stored_names_the_chinese_brackets(tmp_path, _data_dir):
    """Step 9: names stored NFKC-folded get （）; a carrier whose converted name is taken keeps
    its own; certificates keep what they were issued with; search finds the converted name."""
    from tests.conftest import enterprise_data

    path = tmp_path / "v8.db"
    db = open_database(path)
    original = migrations.available
    migrations.available = lambda: [m for m in original() if m[0] <= 8]
    try:
        migrations.migrate(db, True)
    finally:
        migrations.available = original
    db.close()
    con = sqlite3.connect(path)
    stamp = "2024-01-01 00:00:00"
    street = con.execute("SELECT id FROM street ORDER BY id LIMIT 1").fetchone()[0]
    con.execute(
        "INSERT INTO enterprise (created_at, updated_at, version, name, credit_code, street_id,"
        " status, name_pinyin, name_initials) VALUES (?, ?, 1, ?, ?, ?, '在营', ?, ?)",
        (
            stamp,
            stamp,
            "奥亿飞(大连)科技有限公司",
            enterprise_data(1)["credit_code"],
            street,
            "aoyifeidaliankejiyouxiangongsi",
            "ayfdlkjyxgs",
        ),
    )
    for name, operator in (
        ("X(1)孵化器", "甲(大连)公司"),
        ("Y(2)孵化器", None),
        ("Y（2）孵化器", None),
    ):
        con.execute(
            "INSERT INTO carrier (created_at, updated_at, version, name, kind, level,"
            " operator_name, status) VALUES (?, ?, 1, ?, '孵化器', '未认定', ?, '运营')",
            (stamp, stamp, name, operator),
        )
    con.commit()
    con.close()
    reg = open_registry(path)
    admin = reg.as_local_admin("t")
    con = sqlite3.connect(path)
    assert con.execute("SELECT name FROM enterprise").fetchall() == [
        ("奥亿飞（大连）科技有限公司",)
    ]
    assert sorted(con.execute("SELECT name, operator_name FROM carrier")) == [
        ("X（1）孵化器", "甲（大连）公司"),
        ("Y(2)孵化器", None),
        ("Y（2）孵化器", None),
    ]
    con.close()
    assert [e.name for e in admin.enterprises.search("亿飞（大连")] == [
        "奥亿飞（大连）科技有限公司"
    ]
    reg.close()


def test_migrations_are_found_through_the_import_system_not_a_folder(tmp_path):
    """In a zip on sys.path, as in a frozen app's archive, there is no folder to list."""
    archive = tmp_path / "app.zip"
    root = Path(db_package.__file__).resolve().parent
    with zipfile.ZipFile(archive, "w") as zf:
        for path in root.rglob("*"):
            if path.suffix in (".py", ".txt"):
                zf.write(path, Path("db") / path.relative_to(root))
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import db\n"
        "from db import migrations\n"
        "from db.database import open_database\n"
        "assert db.__file__.startswith(sys.argv[1]), db.__file__\n"
        "database = open_database(sys.argv[2])\n"
        "print(migrations.migrate(database, True))\n"
        "print(database.execute_sql('SELECT COUNT(*) FROM plan_task').fetchone()[0])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script, str(archive), str(tmp_path / "z.db")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    applied, targets = run.stdout.splitlines()
    assert applied == str([v for v, _ in migrations.available()])
    assert int(targets) > 0  # 0004 read its text file out of the zip
