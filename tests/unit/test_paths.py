"""The data folder on Windows (emulated: sys.platform, %LOCALAPPDATA% and %APPDATA% in temporary
folders): local, not roaming, and an older version's roaming folder moves there once."""

import logging
import shutil
import sqlite3
import sys

import pytest

from gjz_registry import logs, paths


@pytest.fixture
def profile(tmp_path, monkeypatch):
    """A Windows user profile: (roaming, local) data folders, neither created yet."""
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delenv("GJZ_DATA_DIR", raising=False)
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    monkeypatch.setattr(paths, "_roaming_checked", {}, raising=False)
    monkeypatch.setattr(paths, "_notes", [], raising=False)
    return tmp_path / "Roaming" / "gjz-registry", tmp_path / "Local" / "gjz-registry"


def old_version_folder(roaming):
    """What an older version left in the roaming profile: a database with an unmerged WAL
    (the client was killed), backups, the log and the remembered window."""
    (roaming / "backups").mkdir(parents=True)
    con = sqlite3.connect(roaming / "registry.db")
    con.execute("PRAGMA journal_mode=wal")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES ('只在 WAL 中')")
    con.commit()
    shutil.copy(roaming / "registry.db", roaming / "copy.db")
    shutil.copy(roaming / "registry.db-wal", roaming / "copy.db-wal")
    con.close()  # the last close merges the WAL: put the killed client's files back
    for name in ("registry.db", "registry.db-wal"):
        (roaming / name.replace("registry", "copy")).replace(roaming / name)
    (roaming / "backups" / "auto-20240101.db").write_bytes(b"backup")
    (roaming / "gjz-registry.log").write_text("旧日志\n", encoding="utf-8")
    (roaming / "window.json").write_text('{"view": "home"}', encoding="utf-8")


def test_new_installation_uses_local_appdata(profile):
    roaming, local = profile
    assert paths.data_dir() == str(local)
    assert paths.default_db() == str(local / "registry.db")
    assert paths.backup_dir() == str(local / "backups")
    assert not roaming.exists() and paths.take_notes() == []


def test_roaming_database_moves_once_and_the_log_says_so(profile, monkeypatch, caplog):
    roaming, local = profile
    old_version_folder(roaming)
    assert paths.data_dir() == str(local)
    assert not roaming.exists()
    assert (local / "registry.db-wal").exists()
    con = sqlite3.connect(local / "registry.db")
    assert con.execute("SELECT x FROM t").fetchall() == [("只在 WAL 中",)]
    con.close()
    assert (local / "backups" / "auto-20240101.db").read_bytes() == b"backup"
    assert (local / "gjz-registry.log").read_text(encoding="utf-8") == "旧日志\n"
    assert (local / "window.json").exists()
    monkeypatch.setattr(logs, "_configured", True)  # keep the root logger as it is
    with caplog.at_level(logging.INFO):
        logs.setup()
    assert [r.getMessage() for r in caplog.records] == [
        f"数据目录已从漫游配置文件 {roaming} 迁移到本机 {local}（数据库、备份、日志）"
    ]
    # once: a database that appears in the roaming folder later is left alone
    monkeypatch.setattr(paths, "_roaming_checked", {}, raising=False)
    roaming.mkdir()
    (roaming / "registry.db").write_bytes(b"")
    assert paths.data_dir() == str(local) and (roaming / "registry.db").exists()
    assert paths.take_notes() == []


def test_local_files_are_kept_and_what_stays_is_named(profile):
    roaming, local = profile
    old_version_folder(roaming)
    (local / "backups").mkdir(parents=True)
    (local / "gjz-registry.log").write_text("新日志\n", encoding="utf-8")
    (local / "backups" / "manual.db").write_bytes(b"manual")
    assert paths.data_dir() == str(local)
    assert (local / "gjz-registry.log").read_text(encoding="utf-8") == "新日志\n"
    assert {p.name for p in (local / "backups").iterdir()} == {"manual.db", "auto-20240101.db"}
    assert [p.name for p in roaming.iterdir()] == ["gjz-registry.log"]
    notes = paths.take_notes()
    assert "本机数据目录中已有同名文件" in notes[0] and "gjz-registry.log" in notes[0]
    assert "迁移到本机" in notes[1]


def test_a_locked_database_stays_where_it_is(profile, monkeypatch):
    """Windows refuses to move a file another process has open (WinError 32): the database
    and its WAL stay together in the roaming folder, used this time, tried again next start."""
    roaming, local = profile
    old_version_folder(roaming)
    real_move = shutil.move

    def move(source, target):
        if str(source).endswith("-wal"):
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。")
        return real_move(source, target)

    monkeypatch.setattr(shutil, "move", move)
    assert paths.data_dir() == str(roaming)
    assert (roaming / "registry.db").exists() and (roaming / "registry.db-wal").exists()
    assert not (local / "registry.db").exists()
    assert "本次继续使用" in paths.take_notes()[0]
    monkeypatch.setattr(shutil, "move", real_move)
    monkeypatch.setattr(paths, "_roaming_checked", {})  # the next start
    assert paths.data_dir() == str(local) and (local / "registry.db").exists()


def test_other_systems_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("GJZ_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert paths.data_dir() == str(tmp_path / "share" / "gjz-registry")
