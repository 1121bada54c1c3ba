"""gjz_registry.outputs: the output-path guard and the one atomic writer every output uses.

The guard refuses the open database, its -wal/-shm/-journal files, anything in a backup
folder and any SQLite file, however the path is spelled (relative, ``..``, symlink, hard link,
another case on a case-insensitive file system); the writer leaves the old file byte-identical
when anything fails, and turns the system's errors (name too long, disk full, file held open)
into one Chinese line.
"""

import errno
import os
import sqlite3

import pytest

from gjz_registry import outputs, settings
from gjz_registry.errors import OutputPathError
from gjz_registry.outputs import OutputGuard
from tests.windows_files import WindowsLocks


def make_database(path):
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.commit()
    return con  # kept open: the -wal and -shm files exist


@pytest.fixture
def place(tmp_path, monkeypatch):
    """A folder with an open database ``registry.db``, a backup folder holding a backup, and
    another SQLite file; the working directory is the folder.  Returns (folder, guard)."""
    folder = tmp_path / "work"
    backups = tmp_path / "backups"
    folder.mkdir()
    backups.mkdir()
    con = make_database(folder / "registry.db")
    make_database(backups / "registry-1.db").close()
    make_database(folder / "other.db").close()
    monkeypatch.chdir(folder)
    yield folder, OutputGuard(folder / "registry.db", [backups])
    con.close()


@pytest.fixture
def out(tmp_path):
    """An empty folder (tmp_path also holds the test's data folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def snapshot(*folders):
    return {
        p: p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()
    }


def write_text(text):
    def save(temporary):
        with open(temporary, "w", encoding="utf-8") as fh:
            fh.write(text)

    return save


# --- the atomic writer ---------------------------------------------------------------------
def test_success_replaces_the_target_through_a_temporary_file_beside_it(out):
    target = out / "a.pdf"
    target.write_bytes(b"old")
    seen = []

    def save(temporary):
        seen.append(temporary)
        assert os.path.dirname(temporary) == str(out)
        assert target.read_bytes() == b"old"  # not yet
        write_text("new")(temporary)

    assert OutputGuard().write(save, target) == target
    assert target.read_bytes() == b"new"
    assert os.listdir(out) == ["a.pdf"] and not os.path.exists(seen[0])


def test_a_writer_failing_midway_leaves_the_old_file_byte_identical(out):
    target = out / "清单.xlsx"
    target.write_bytes(b"the clerk's old workbook")

    def half(temporary):
        with open(temporary, "wb") as fh:
            fh.write(b"PK half a workbook")
        raise RuntimeError("the build failed")

    with pytest.raises(RuntimeError):
        OutputGuard().write(half, target)
    assert target.read_bytes() == b"the clerk's old workbook"
    assert os.listdir(out) == ["清单.xlsx"]
    with pytest.raises(RuntimeError):
        with outputs.temporary(target) as temporary:
            half(temporary)
    assert target.read_bytes() == b"the clerk's old workbook"
    assert os.listdir(out) == ["清单.xlsx"]


def test_a_full_disk_is_one_chinese_line_and_keeps_the_old_file(out):
    target = out / "a.xlsx"
    target.write_bytes(b"old")

    def full(temporary):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputPathError, match="「.*a.xlsx」：磁盘已满"):
        OutputGuard().write(full, target)
    assert target.read_bytes() == b"old" and os.listdir(out) == ["a.xlsx"]


def test_a_target_held_open_is_one_chinese_line(out, monkeypatch):
    target = out / "busy.xlsx"
    target.write_bytes(b"old")

    def locked(source, destination):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(outputs.os, "replace", locked)
    with pytest.raises(OutputPathError, match="busy.xlsx」：文件被其他程序占用"):
        OutputGuard().write(write_text("new"), target)
    assert target.read_bytes() == b"old" and os.listdir(out) == ["busy.xlsx"]


def test_a_target_a_virus_scanner_holds_for_a_moment_is_waited_for(out, monkeypatch):
    target = out / "scanned.xlsx"
    target.write_bytes(b"old")
    locks = WindowsLocks(monkeypatch).hold(target, times=3)
    OutputGuard().write(write_text("new"), target)
    assert target.read_text(encoding="utf-8") == "new" and os.listdir(out) == ["scanned.xlsx"]
    assert [operation for operation, _ in locks.refused] == ["replace"] * 3


def test_a_temporary_file_that_cannot_be_removed_does_not_hide_the_message(
    out, monkeypatch, caplog
):
    """Windows: the target is open in Excel and a scanner holds the new temporary file — the
    user still reads the one Chinese line (not a PermissionError from the clean-up), and the
    leftover is logged."""
    target = out / "busy.xlsx"
    target.write_bytes(b"old")
    locks = WindowsLocks(monkeypatch).hold(target)

    def save(temporary):
        write_text("new")(temporary)
        locks.hold(temporary)

    with pytest.raises(OutputPathError, match="busy.xlsx」：文件被其他程序占用"):
        OutputGuard().write(save, target)
    assert target.read_bytes() == b"old"
    (left,) = set(os.listdir(out)) - {"busy.xlsx"}
    assert left.startswith(outputs.TEMP_PREFIX) and f"could not remove {out / left}" in caplog.text


def test_a_missing_folder_names_it(out):
    with pytest.raises(OutputPathError, match="文件夹「.*nope」不存在"):
        with outputs.temporary(out / "nope" / "a.pdf"):
            pass


def test_a_name_too_long_is_refused_before_any_work(out):
    target = out / ("很长的名字" * 60 + ".xlsx")  # 300 characters, 900 bytes in UTF-8
    called = []
    with pytest.raises(OutputPathError, match="文件名或路径太长"):
        OutputGuard().write(called.append, target)
    assert called == [] and os.listdir(out) == []


def test_a_temporary_name_too_long_is_the_same_chinese_line(out, monkeypatch):
    """A folder path so long that even the short temporary name does not fit."""
    target = out / "a.xlsx"
    target.write_bytes(b"old")

    def too_long(**kwargs):
        raise OSError(errno.ENAMETOOLONG, "File name too long")

    monkeypatch.setattr(outputs.tempfile, "mkstemp", too_long)
    with pytest.raises(OutputPathError, match="「.*a.xlsx」：文件名或路径太长"):
        OutputGuard().write(write_text("new"), target)
    assert target.read_bytes() == b"old"


def test_the_target_is_checked_again_before_the_rename(out):
    """A file that became a database while the output was written is still not replaced."""
    target = out / "a.xlsx"

    def meanwhile(temporary):
        write_text("new")(temporary)
        make_database(target).close()

    with pytest.raises(OutputPathError, match="SQLite 数据库"):
        OutputGuard().write(meanwhile, target)
    assert target.read_bytes().startswith(outputs.SQLITE_HEADER)
    assert os.listdir(out) == ["a.xlsx"]


# --- the guard -----------------------------------------------------------------------------
REFUSED = {
    # target (relative to the work folder) → the words of the reason
    "registry.db": "正在使用的数据库文件",
    "../work/registry.db": "正在使用的数据库文件",
    "sub/../registry.db": "正在使用的数据库文件",
    "link.db": "正在使用的数据库文件",  # a symlink to the database
    "hard.db": "正在使用的数据库文件",  # a hard link to the database
    "registry.db-wal": "预写日志（-wal）",
    "registry.db-shm": "共享内存（-shm）",
    "registry.db-journal": "回滚日志（-journal）",  # does not exist, still the database's
    "linked/registry.db-wal": "预写日志（-wal）",  # through a symlinked folder
    "../backups/registry-1.db": "备份文件夹",
    "../backups/new.xlsx": "备份文件夹",
    "../backups/sub/new.pdf": "备份文件夹",
    "other.db": "SQLite 数据库",
    "other.db-wal": "数据库「other.db」的预写日志",
    "wal-copy.bin": "日志文件",  # an SQLite write-ahead log under another name
    "sub": "文件夹",
}


@pytest.mark.parametrize("target", sorted(REFUSED))
def test_the_guard_refuses(place, target):
    folder, guard = place
    (folder / "sub").mkdir()
    (folder / "../backups/sub").mkdir()
    os.symlink(folder / "registry.db", folder / "link.db")
    os.symlink(folder, folder / "linked")
    os.link(folder / "registry.db", folder / "hard.db")
    (folder / "wal-copy.bin").write_bytes((folder / "registry.db-wal").read_bytes()[:64])
    before = snapshot(folder, folder.parent / "backups")

    with pytest.raises(OutputPathError) as caught:
        guard.write(write_text("an export"), target)

    message = str(caught.value)
    assert REFUSED[target] in message and f"「{target}」" in message
    assert snapshot(folder, folder.parent / "backups") == before


def test_the_guard_lets_ordinary_files_be_written_and_replaced(place):
    folder, guard = place
    (folder / "old.xlsx").write_bytes(b"old")
    for target in ("new.xlsx", "old.xlsx", "registry.db.xlsx", "registry.dbx", "../new.pdf"):
        guard.write(write_text("new"), target)
        assert (folder / target).read_text(encoding="utf-8") == "new"


def test_the_file_being_imported_is_kept(place):
    folder, guard = place
    (folder / "名单.xlsx").write_bytes(b"the original")
    with pytest.raises(OutputPathError, match="正在读取的文件"):
        guard.write(write_text("errors"), "./名单.xlsx", keep=[folder / "名单.xlsx"])
    assert (folder / "名单.xlsx").read_bytes() == b"the original"


def test_case_insensitive_file_systems_compare_folded_names(place, monkeypatch):
    """On Windows (normcase folds case) REGISTRY.DB-WAL is the database's log file and
    BACKUPS\\x.xlsx is in the backup folder, though neither spelling exists as such."""
    folder, guard = place
    monkeypatch.setattr(os.path, "normcase", lambda path: path.lower())
    for target, reason in (
        ("REGISTRY.DB", "正在使用的数据库文件"),
        ("Registry.Db-Journal", "回滚日志"),
        ("../BACKUPS/x.xlsx", "备份文件夹"),
    ):
        with pytest.raises(OutputPathError, match=reason):
            guard.check(target)


def test_without_a_database_every_sqlite_file_is_still_refused(place):
    folder, _ = place
    for target in ("registry.db", "other.db", "registry.db-wal", "../backups/registry-1.db"):
        with pytest.raises(OutputPathError):
            outputs.write(write_text("x"), folder / target)
    outputs.write(write_text("x"), folder.parent / "backups" / "note.txt")  # folder unknown


def test_a_backup_goes_into_a_folder_never_onto_the_database(place):
    folder, guard = place
    assert guard.check_folder(folder.parent / "backups") == str(folder.parent / "backups")
    assert guard.check_folder(folder / "new-folder")
    for target in ("registry.db", "registry.db-journal", "other.db", "../work/registry.db-wal"):
        with pytest.raises(OutputPathError, match="数据库"):
            guard.check_folder(target)


def test_the_facade_guard_knows_its_database_and_backup_folders(registry, db_path, tmp_path):
    admin = registry.as_local_admin("test")
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    admin.reference.set_setting(settings.BACKUP_DIR, str(elsewhere))
    guard = registry.outputs
    assert guard.database == str(db_path)
    with pytest.raises(OutputPathError, match="正在使用的数据库文件"):
        guard.check(db_path)
    with pytest.raises(OutputPathError, match="预写日志"):
        guard.check(str(db_path) + "-wal")
    with pytest.raises(OutputPathError, match="备份文件夹"):
        guard.check(elsewhere / "x.xlsx")  # the configured folder
    default = tmp_path / "data" / "backups"  # conftest: GJZ_DATA_DIR is tmp_path/data
    default.mkdir()
    with pytest.raises(OutputPathError, match="备份文件夹"):
        guard.check(default / "x.xlsx")  # upgrade backups always go there
    assert guard.check(tmp_path / "x.xlsx")
