"""Backups (per database), rotation, restore, the database check, damaged and locked databases."""

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest

from db import backup, identity, migrations
from db.database import database_proxy
from db.models import AuditLog, Enterprise
from gjz_registry import (
    DatabaseDamagedError,
    DatabaseError,
    FileFormatError,
    ForeignBackupError,
    LockTimeoutError,
    PermissionDeniedError,
    open_registry,
    settings,
)
from gjz_registry.presence import announce, withdraw
from tests.conftest import enterprise_data, make_code
from tests.damage import damage_table
from tests.windows_files import WindowsLocks


@pytest.mark.sqlite_only  # file backups
def test_backup_is_verified_copy_named_for_its_database(admin, registry, tmp_path):
    admin.enterprises.create(enterprise_data(1))
    path = admin.maintenance.backup(str(tmp_path / "bk"))
    assert backup.integrity_errors(path) == []
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM enterprise").fetchone() == (1,)
    con.close()
    database_id = identity.of_database(registry.db)
    assert len(database_id) == 32 and identity.of_file(path) == database_id
    name = os.path.basename(path)
    assert name.startswith(f"registry-{database_id[:8]}-manual-"), name


def test_database_id_cannot_be_changed_by_hand(admin, registry):
    before = identity.of_database(registry.db)
    with pytest.raises(PermissionDeniedError, match="自动生成"):
        admin.reference.set_setting(settings.DATABASE_ID, identity.new_id())
    assert identity.of_database(registry.db) == before


@pytest.mark.sqlite_only  # file backups
def test_backups_in_the_same_second_get_names_of_their_own(registry, tmp_path):
    when = datetime.datetime(2025, 3, 1, 9, 0, 0)
    database_id = identity.of_database(registry.db)
    made = [
        backup.new_backup(registry.path, tmp_path / "bk", backup.MANUAL, database_id, when=when)
        for _ in range(3)
    ]
    prefix = f"registry-{database_id[:8]}-manual-20250301-090000"
    assert [os.path.basename(p) for p in made] == [
        f"{prefix}.db",
        f"{prefix}-2.db",
        f"{prefix}-3.db",
    ]
    assert all(backup.parse_name(p).belongs_to(database_id) for p in made)
    assert [b.seq for b in backup.scan(tmp_path / "bk")] == [3, 2, 1]


def test_backup_of_damaged_pages_is_refused(tmp_path):
    """A database whose pages are damaged (header intact, it opens) gives no backup: the
    integrity check of the copy fails and nothing is left in the folder."""
    path = tmp_path / "d.db"
    reg = open_registry(path)
    for n in range(1, 40):
        reg.as_local_admin().enterprises.create(enterprise_data(n))
    reg.close()
    damage_table(path)
    reg = open_registry(path, check=False)
    try:
        with pytest.raises(DatabaseError, match="备份失败"):
            reg.as_local_admin().maintenance.backup(str(tmp_path / "bk"))
    finally:
        reg.close()
    assert os.listdir(tmp_path / "bk") == []


@pytest.mark.sqlite_only  # file backups
def test_auto_backup_once_a_day(admin, _data_dir):
    first = admin.maintenance.auto_backup()
    assert first and os.path.exists(first) and "-auto-" in os.path.basename(first)
    assert admin.maintenance.auto_backup() is None
    admin.maintenance.backup()  # a manual backup does not count as the day's automatic one
    tomorrow = datetime.datetime.now() + datetime.timedelta(days=1)
    assert admin.maintenance.auto_backup(now=tomorrow) is not None


@pytest.mark.sqlite_only  # file backups
def test_backups_lists_this_databases_backups_and_safety_copies(admin, clerk, tmp_path):
    folder = tmp_path / "bk"
    assert admin.maintenance.backups(str(folder)) == []
    first = admin.maintenance.backup(str(folder))
    (folder / "notes.txt").write_text("not a backup")
    legacy = str(folder / "before-restore-20200101-080000.db")  # named by an older version
    with open(legacy, "wb") as fh:
        fh.write(b"x")
    (folder / "other-0123abcd-manual-20240101-080000.db").write_bytes(b"x")  # another database
    found = clerk.maintenance.backups(str(folder))  # any logged-in user may look
    assert [path for _, path, _ in found] == [first, legacy]
    assert found[0][2] == os.path.getsize(first)
    assert found[1][0] == datetime.datetime(2020, 1, 1, 8)


def _fake_backup(folder, stem, database_id, kind, when, seq=1):
    """A small SQLite file that carries ``database_id`` like a backup of that database."""
    name = backup.backup_name(stem, database_id, kind, when) + ("" if seq == 1 else f"-{seq}")
    path = folder / f"{name}.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE setting (id INTEGER PRIMARY KEY, key TEXT UNIQUE, value TEXT)")
    con.execute("INSERT INTO setting (key, value) VALUES ('database_id', ?)", (database_id,))
    con.commit()
    con.close()
    return path


def test_rotation_keeps_daily_weekly_monthly_of_one_database_only(tmp_path):
    ours, theirs = identity.new_id(), identity.new_id()
    impostor = ours[:8] + identity.new_id()[8:]  # our short id in the name, another inside
    start = datetime.datetime(2025, 1, 1, 9, 0, 0)
    others = []
    for day in range(400):
        when = start + datetime.timedelta(days=day)
        _fake_backup(tmp_path, "registry", ours, backup.AUTO, when)
        others.append(_fake_backup(tmp_path, "registry", theirs, backup.AUTO, when))
        if day % 50 == 0:
            others.append(_fake_backup(tmp_path, "registry", ours, backup.MANUAL, when))
            others.append(_fake_backup(tmp_path, "registry", ours, backup.MANUAL, when, seq=2))
            others.append(_fake_backup(tmp_path, "registry", impostor, backup.AUTO, when, seq=2))
            others.append(_fake_backup(tmp_path, "registry2", ours, backup.AUTO, when))
    surplus = backup.surplus(tmp_path, ours, "registry")
    assert surplus and not set(surplus) & set(others)  # nothing of anyone else's
    for path in surplus:
        os.remove(path)
    kept = [
        b.when
        for b in backup.scan(tmp_path)
        if b.kind == backup.AUTO and b.stem == "registry" and b.belongs_to(ours)
    ]
    newest = start + datetime.timedelta(days=399)
    assert kept[0] == newest
    assert len([t for t in kept if (newest - t).days < 7]) == 7
    assert len(kept) <= 7 + 4 + 12
    assert min(kept) < newest - datetime.timedelta(days=300)  # monthly ones reach back


def test_two_databases_in_one_folder_keep_their_own_backups(tmp_path, _data_dir):
    """Two databases sharing the backup folder: automatic backups rotate per database,
    manual ones are never rotated, and the hint for a damaged one names its own backup."""
    folder = _data_dir / "backups"
    made = {}
    for stem in ("a", "b"):
        reg = open_registry(tmp_path / f"{stem}.db")
        admin = reg.as_local_admin()
        admin.enterprises.create(enterprise_data(1 if stem == "a" else 2))
        auto = admin.maintenance.auto_backup()
        manual = [admin.maintenance.backup(), admin.maintenance.backup()]  # same second too
        made[stem] = dict(auto=auto, manual=manual, id=identity.of_database(reg.db))
        reg.close()
    # a month of older automatic backups of both, then a's next automatic backup rotates
    for stem, info in made.items():
        for day in range(1, 40):
            when = datetime.datetime.now() - datetime.timedelta(days=day)
            name = backup.backup_name(stem, info["id"], backup.AUTO, when) + ".db"
            shutil.copy(info["auto"], folder / name)
    before = set(os.listdir(folder))
    reg = open_registry(tmp_path / "a.db")
    reg.as_local_admin().maintenance.backup(kind=backup.AUTO)  # the next automatic one
    reg.close()
    gone = before - set(os.listdir(folder))
    assert gone and all(name.startswith(f"a-{made['a']['id'][:8]}-auto-") for name in gone)
    for info in made.values():
        assert all(os.path.exists(path) for path in info["manual"]), "a manual backup is gone"
        assert len(set(info["manual"])) == 2
    # b is damaged: the hint names b's newest backup, not a's (which is newer)
    damage_table(tmp_path / "b.db", "schema_migration")
    with pytest.raises(DatabaseDamagedError) as err:
        open_registry(tmp_path / "b.db")
    assert made["b"]["manual"][1] in str(err.value), str(err.value)
    hint = str(err.value).split("最近的完好备份")[1].split("restore")[0]
    assert f"a-{made['a']['id'][:8]}-" not in hint  # (b's own id may hold "a-": 25d5ce1a-…)


def _world(tmp_path, stem, n):
    """A database ``stem``.db with enterprise n and a backup of it; (path, backup path)."""
    path = tmp_path / f"{stem}.db"
    reg = open_registry(path)
    reg.as_local_admin().enterprises.create(enterprise_data(n))
    snapshot = reg.as_local_admin().maintenance.backup(str(tmp_path / "bk"))
    reg.close()
    return path, snapshot


@pytest.mark.sqlite_only  # file backups
def test_restore_validates_backs_up_and_replaces(admin, registry, tmp_path):
    kept = admin.enterprises.create(enterprise_data(1))
    snapshot = admin.maintenance.backup(str(tmp_path / "bk"))
    admin.enterprises.create(enterprise_data(2))
    assert Enterprise.select().count() == 2
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello" * 100)
    with pytest.raises(FileFormatError, match="不是 SQLite"):
        admin.maintenance.restore(str(junk))
    done = admin.maintenance.restore(snapshot)
    assert done.warning is None
    assert [e.id for e in Enterprise.select()] == [kept.id]
    assert "-before-restore-" in os.path.basename(done.safety)
    con = sqlite3.connect(done.safety)
    assert con.execute("SELECT COUNT(*) FROM enterprise").fetchone() == (2,)
    con.close()
    assert AuditLog.select().where(AuditLog.action == "restore").count() == 1
    assert [e.name for e in admin.enterprises.search("测试1号")] == [kept.name]
    assert not [f for f in os.listdir(tmp_path) if "-restore-" in f]  # no staging file left


def _unchanged(admin, tmp_path, codes=(1,)):
    """The live database still holds exactly the enterprises ``codes``; no copy was taken."""
    assert [e.credit_code for e in Enterprise.select()] == [make_code(n) for n in codes]
    folder = admin.maintenance.backup_folder()
    copies = os.listdir(folder) if os.path.isdir(folder) else []
    assert not any("-before-restore-" in f for f in copies)
    assert not [f for f in os.listdir(tmp_path) if "-restore-" in f]


@pytest.mark.sqlite_only  # file backups
def test_restore_gives_up_when_another_program_holds_the_write_lock(
    admin, registry, tmp_path, monkeypatch
):
    """sqlite3's backup() retries a busy database for ever: a restore while another client
    is writing must end with the busy message after the busy timeout, nothing changed."""
    kept = admin.enterprises.create(enterprise_data(1))
    snapshot = admin.maintenance.backup(str(tmp_path / "bk"))
    admin.enterprises.create(enterprise_data(2))
    registry.db.execute_sql("PRAGMA busy_timeout = 300")
    holder = sqlite3.connect(registry.db.database, timeout=0, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE setting SET value = value")
    started = time.monotonic()
    try:
        with pytest.raises(LockTimeoutError, match="数据库正忙") as raised:
            admin.maintenance.restore(snapshot)
    finally:
        holder.rollback()
        holder.close()
    assert time.monotonic() - started < 60  # before the fix: it never returned
    assert "当前数据库未作任何改动" in str(raised.value)
    assert [e.credit_code for e in Enterprise.select()] == [make_code(1), make_code(2)]
    assert kept.id in [e.id for e in Enterprise.select()]
    assert not [f for f in os.listdir(tmp_path) if "-restore-" in f]  # staging file gone


@pytest.mark.sqlite_only  # file backups
@pytest.mark.parametrize("how", ["damaged pages", "a table missing", "a column missing"])
def test_restore_refuses_an_incomplete_backup_before_touching_anything(
    admin, tmp_path, _data_dir, how
):
    admin.enterprises.create(enterprise_data(1))
    bad = tmp_path / "bad.db"
    shutil.copy(admin.maintenance.backup(str(tmp_path / "bk")), bad)
    admin.enterprises.create(enterprise_data(2))
    if how == "damaged pages":  # the header is valid, a page in the middle is not
        damage_table(bad)
        reason = "已损坏"
    else:
        con = sqlite3.connect(bad)
        if how == "a table missing":
            con.execute("DROP TABLE annual_report")
        else:
            con.execute("ALTER TABLE certificate DROP COLUMN unit_name")
        con.commit()
        con.close()
        reason = "缺失"
    with pytest.raises(FileFormatError, match=reason):
        admin.maintenance.restore(str(bad), force=True)
    _unchanged(admin, tmp_path, (1, 2))


@pytest.mark.sqlite_only  # file backups
def test_restore_refuses_another_databases_backup_unless_forced(admin, registry, tmp_path):
    admin.enterprises.create(enterprise_data(1))
    ours = identity.of_database(registry.db)
    other_db, foreign = _world(tmp_path, "other", 2)
    database_proxy.initialize(registry.db)  # the models back on our database
    # another database's backup, even renamed to look like one of ours
    disguised = (
        tmp_path / "bk" / os.path.basename(admin.maintenance.backup()).replace("-manual-", "-auto-")
    )
    shutil.copy(foreign, disguised)
    for candidate in (foreign, disguised):
        with pytest.raises(ForeignBackupError, match="属于另一个数据库") as err:
            admin.maintenance.restore(str(candidate))
        assert "--force" in str(err.value)
        _unchanged(admin, tmp_path)
    done = admin.maintenance.restore(foreign, force=True)
    assert "属于另一个数据库" in done.warning
    assert [e.credit_code for e in Enterprise.select()] == [enterprise_data(2)["credit_code"]]
    # the restored content keeps this database's id: its backups stay apart from other.db's
    assert identity.of_database(registry.db) == ours
    row = AuditLog.select().where(AuditLog.action == "restore").get()
    assert "属于另一个数据库" in row.after


@pytest.mark.sqlite_only  # file backups
def test_restore_of_an_old_backup_without_id_needs_force_and_is_upgraded(admin, registry, tmp_path):
    admin.enterprises.create(enterprise_data(1))
    ours = identity.of_database(registry.db)
    old = tmp_path / "old.db"
    shutil.copy(admin.maintenance.backup(str(tmp_path / "bk")), old)
    con = sqlite3.connect(old)  # as the program before version 10 left it
    con.execute("DELETE FROM setting WHERE key = 'database_id'")
    con.execute("DELETE FROM schema_migration WHERE version = 10")
    con.commit()
    con.close()
    with pytest.raises(ForeignBackupError, match="旧版本程序创建"):
        admin.maintenance.restore(str(old))
    assert admin.maintenance.restore(str(old), force=True).warning
    assert registry.schema_version() == migrations.latest_version()
    assert identity.of_database(registry.db) == ours


@pytest.mark.sqlite_only  # file backups
def test_restore_of_a_backup_with_another_page_size(admin, tmp_path):
    """The open database is in WAL mode, where the page copy needs equal page sizes: the
    staged copy is rebuilt with the database's page size."""
    admin.enterprises.create(enterprise_data(1))
    small = tmp_path / "small.db"
    shutil.copy(admin.maintenance.backup(str(tmp_path / "bk")), small)
    con = sqlite3.connect(small)
    con.execute("PRAGMA page_size = 1024")
    con.execute("VACUUM")
    con.close()
    admin.enterprises.create(enterprise_data(2))
    admin.maintenance.restore(str(small))
    assert [e.credit_code for e in Enterprise.select()] == [make_code(1)]
    assert admin.maintenance.check().ok


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
    registry.db.execute_sql(
        f"UPDATE enterprise SET stage = '加速器' WHERE id = {registry.db.param}", (e.id,)
    )
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


# --- files another program holds (Windows, emulated: tests/windows_files.py) ---------------
@pytest.mark.sqlite_only  # file backups
def test_an_old_backup_another_program_holds_does_not_fail_the_days_backup(
    registry, admin, _data_dir, monkeypatch, caplog
):
    """Explorer's preview or a virus scanner holds old automatic backups that rotation
    deletes: the day's backup (taken at login) is written all the same, the held files stay
    (logged) and go at a later rotation."""
    folder = _data_dir / "backups"
    first = admin.maintenance.backup(kind=backup.AUTO)
    database_id = identity.of_database(registry.db)
    old = []
    for day in range(1, 41):
        when = datetime.datetime.now() - datetime.timedelta(days=day)
        old.append(
            folder / (backup.backup_name("registry", database_id, backup.AUTO, when) + ".db")
        )
        shutil.copy(first, old[-1])
    os.remove(first)
    locks = WindowsLocks(monkeypatch)
    for path in old:
        locks.hold(path)
    written = admin.maintenance.auto_backup()
    assert written and os.path.exists(written)
    assert locks.refused and all(path.exists() for path in old)
    assert "could not remove" in caplog.text
    for path in old:
        locks.release(path)
    admin.maintenance.backup(kind=backup.AUTO)
    assert len([p for p in old if p.exists()]) < len(old) - 10  # rotated away at last


def test_restoring_a_damaged_database_that_another_client_holds_names_the_file(
    tmp_path, _data_dir, monkeypatch
):
    from gjz_registry.services.restore import restore_damaged
    from tests.damage import break_header

    path = tmp_path / "r.db"
    reg = open_registry(path)
    reg.as_local_admin().enterprises.create(enterprise_data(1))
    good = reg.as_local_admin().maintenance.backup()
    reg.close()
    break_header(path)
    damaged = path.read_bytes()
    locks = WindowsLocks(monkeypatch).hold(path)  # still open in a second client
    with pytest.raises(DatabaseError) as caught:
        restore_damaged(str(path), good)
    message = str(caught.value)
    assert f"文件「{path}」被其他程序占用（可能是杀毒软件或 Excel），请关闭后重试" in message
    assert "损坏的数据库已另存为「" in message and "-damaged-" in message
    assert path.read_bytes() == damaged and os.listdir(tmp_path) == ["data", "r.db"]
    locks.release(path)  # the other client closed
    restore_damaged(str(path), good)
    reopened = open_registry(path)
    assert reopened.as_local_admin().enterprises.search(make_code(1))
    reopened.close()
