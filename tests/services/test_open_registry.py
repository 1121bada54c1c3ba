"""A failed open_registry leaves nothing open (gjz_registry/registry.py, db/database.py).

Whatever fails — the file, the integrity check, a migration, the backup before it, even an
interrupt — the connection is closed and the models' proxy is bound back to what it was before
the error leaves.  On Windows a connection left open keeps the database and its -wal/-shm from
being replaced, and the client's next step is to restore a damaged file over it: emulated with
tests/windows_files.py, which refuses to rename any file this process still has open.
"""

import errno
import importlib
import os

import pytest

from db import migrations
from db.database import database_proxy
from gjz_registry import (
    DatabaseDamagedError,
    DatabaseError,
    DatabaseTooNewError,
    RegistryError,
    open_registry,
)
from gjz_registry import registry as registry_module
from tests.conftest import enterprise_data
from tests.damage import break_header, damage_table, malformed_error
from tests.old_database import database_at_version, make_newer
from tests.windows_files import WindowsLocks, open_in_this_process

LAST = importlib.import_module(f"db.migrations.{migrations.available()[-1][1]}")


def current(path):
    registry = open_registry(path)
    registry.as_local_admin().enterprises.create(enterprise_data(1))
    registry.close()
    return path


def older(path):
    return database_at_version(path, migrations.latest_version() - 1)


def fail_in_last_migration(error):
    def setup(path, monkeypatch):
        def up(db, is_sqlite):
            db.execute_sql("CREATE TABLE half_done (x)")
            raise error

        monkeypatch.setattr(LAST, "up", up)
        return older(path)

    return setup


def backup_before_upgrade_fails(path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "磁盘空间不足。", str(path) + ".backup")

    monkeypatch.setattr(registry_module.backup, "new_backup", full)
    return older(path)


FAILURES = {
    "header broken": (lambda p, m: break_header(current(p)) or p, DatabaseDamagedError),
    "integrity check fails": (lambda p, m: damage_table(current(p)) or p, DatabaseDamagedError),
    "written by a newer program": (lambda p, m: make_newer(current(p)), DatabaseTooNewError),
    "damage met while migrating": (
        fail_in_last_migration(malformed_error()),
        DatabaseDamagedError,
    ),
    "a migration's own error": (
        fail_in_last_migration(RegistryError("迁移失败")),
        RegistryError,
    ),
    "interrupted while migrating": (
        fail_in_last_migration(KeyboardInterrupt()),
        KeyboardInterrupt,
    ),
    "the backup before the upgrade cannot be written": (
        backup_before_upgrade_fails,
        DatabaseError,
    ),
}


@pytest.mark.parametrize("failure", FAILURES)
def test_a_failed_open_leaves_the_file_free_and_the_proxy_as_it_was(failure, tmp_path, monkeypatch):
    setup, error = FAILURES[failure]
    path = tmp_path / "registry.db"
    other = open_registry(tmp_path / "other.db")  # the proxy's binding before the call
    try:
        setup(path, monkeypatch)
        database_proxy.initialize(other.db)  # (making the file bound the proxy to it)
        locks = WindowsLocks(monkeypatch).hold_open_files()
        with pytest.raises(error):
            open_registry(path)
        assert not {p for p in open_in_this_process() if p.startswith(str(path))}
        assert database_proxy.obj is other.db
        for name in os.listdir(tmp_path):  # the database and whatever -wal/-shm it left
            if name.startswith("registry.db"):
                os.replace(tmp_path / name, tmp_path / f"moved-{name}")  # as a restore does
        assert locks.refused == []
    finally:
        other.close()


def test_a_folder_that_cannot_be_made_is_one_chinese_line(tmp_path):
    (tmp_path / "数据").write_text("a file where the data folder should be")
    before = database_proxy.obj
    with pytest.raises(DatabaseError, match="无法打开数据库「.*registry.db」：.*请检查数据文件夹"):
        open_registry(tmp_path / "数据" / "registry.db")
    assert database_proxy.obj is before
