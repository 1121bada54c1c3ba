"""Backups, rotation, restore, the database check, damaged and locked databases."""

import datetime
import os
import sqlite3
import subprocess
import sys

import pytest

from db import backup
from db.models import AuditLog, Enterprise
from gjz_registry import DatabaseError, FileFormatError, PermissionDeniedError, open_registry
from gjz_registry.presence import announce, withdraw
from tests.conftest import enterprise_data


def test_backup_is_verified_copy(admin, tmp_path):
    admin.enterprises.create(enterprise_data(1))
    path = admin.maintenance.backup(str(tmp_path / "bk"))
    assert backup.integrity_errors(path) == []
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM enterprise").fetchone() == (1,)
    con.close()


def test_auto_backup_once_a_day(admin, _data_dir):
    first = admin.maintenance.auto_backup()
    assert first and os.path.exists(first)
    assert admin.maintenance.auto_backup() is None
    tomorrow = datetime.datetime.now() + datetime.timedelta(days=1)
    assert admin.maintenance.auto_backup(now=tomorrow) is not None


def test_backups_lists_backups_and_safety_copies(admin, clerk, tmp_path):
    folder = tmp_path / "bk"
    assert admin.maintenance.backups(str(folder)) == []
    first = admin.maintenance.backup(str(folder))
    (folder / "notes.txt").write_text("not a backup")
    safety = str(folder / "before-restore-20200101-080000.db")
    with open(safety, "wb") as fh:
        fh.write(b"x")
    found = clerk.maintenance.backups(str(folder))  # any logged-in user may look
    assert [path for _, path, _ in found] == [first, safety]
    assert found[0][2] == os.path.getsize(first)
    assert found[1][0] == datetime.datetime(2020, 1, 1, 8)


def test_rotation_keeps_daily_weekly_monthly(tmp_path):
    start = datetime.datetime(2025, 1, 1, 9, 0, 0)
    for day in range(400):
        when = start + datetime.timedelta(days=day)
        (tmp_path / f"registry-{when:%Y%m%d-%H%M%S}.db").write_bytes(b"x")
    backup.rotate(tmp_path)
    kept = [t for t, _ in backup.list_backups(tmp_path)]
    newest = start + datetime.timedelta(days=399)
    assert kept[0] == newest
    assert len([t for t in kept if (newest - t).days < 7]) == 7
    assert len(kept) <= 7 + 4 + 12
    assert min(kept) < newest - datetime.timedelta(days=300)  # monthly ones reach back


def test_restore_validates_backs_up_and_replaces(admin, registry, tmp_path):
    kept = admin.enterprises.create(enterprise_data(1))
    snapshot = admin.maintenance.backup(str(tmp_path / "bk"))
    admin.enterprises.create(enterprise_data(2))
    assert Enterprise.select().count() == 2
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello" * 100)
    with pytest.raises(FileFormatError, match="不是 SQLite"):
        admin.maintenance.restore(str(junk))
    safety = admin.maintenance.restore(snapshot)
    assert [e.id for e in Enterprise.select()] == [kept.id]
    assert os.path.basename(safety).startswith("before-restore-")
    con = sqlite3.connect(safety)
    assert con.execute("SELECT COUNT(*) FROM enterprise").fetchone() == (2,)
    con.close()
    assert AuditLog.select().where(AuditLog.action == "restore").count() == 1
    assert [e.name for e in admin.enterprises.search("测试1号")] == [kept.name]


def test_restore_needs_admin(clerk, tmp_path):
    with pytest.raises(PermissionDeniedError):
        clerk.maintenance.restore(str(tmp_path / "x.db"))


def test_check_reports_inconsistencies(admin, registry):
    carrier = admin.carriers.create(
        {"name": "测试孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    admin.incubation.admit(e.id, carrier.id, "2024-06-01")
    assert admin.maintenance.check().ok
    registry.db.execute_sql("UPDATE enterprise SET stage = '加速器' WHERE id = ?", (e.id,))
    report = admin.maintenance.check()
    assert not report.ok and any("不一致" in p for p in report.problems)


def test_damaged_database_is_refused_with_backup_hint(tmp_path, _data_dir):
    path = tmp_path / "r.db"
    reg = open_registry(path)
    admin = reg.as_local_admin()
    for n in range(1, 300):
        admin.enterprises.create(enterprise_data(n))
    good = admin.maintenance.backup()
    reg.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    size = os.path.getsize(path)
    with open(path, "r+b") as fh:  # scribble over the middle pages
        fh.seek(size // 2)
        fh.write(os.urandom(8192))
    with pytest.raises(DatabaseError) as err:
        open_registry(path)
    assert "已损坏" in str(err.value) and good in str(err.value)
    # restore from that backup through the CLI, then the database opens again
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(path), "restore", good],
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert result.returncode == 0, result.stderr
    reopened = open_registry(path)
    assert reopened.as_local_admin().maintenance.check().ok
    reopened.close()


def test_locked_database_names_the_holder(tmp_path, monkeypatch):
    path = tmp_path / "locked.db"
    open_registry(path).close()
    announce(str(path), "王芳")
    # make the note look like another live process of this machine
    import json

    note_file = str(path) + ".inuse"
    note = json.load(open(note_file, encoding="utf-8"))
    note["pid"] = os.getppid()
    json.dump(note, open(note_file, "w", encoding="utf-8"), ensure_ascii=False)
    password = tmp_path / "pw.txt"
    password.write_text("viewer-pass-1\n")
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = subprocess.run(
            [
                sys.executable,
                "main.py",
                "--db",
                str(path),
                "user",
                "add",
                "x",
                "--role",
                "viewer",
                "--new-password-file",
                str(password),
            ],
            cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
            capture_output=True,
            text=True,
            env=dict(os.environ, GJZ_BUSY_TIMEOUT_MS="300"),
        )
    finally:
        holder.rollback()
        holder.close()
        withdraw(str(path))
    assert result.returncode == 2
    assert "数据库正忙" in result.stderr and "王芳" in result.stderr
    assert "Traceback" not in result.stderr
