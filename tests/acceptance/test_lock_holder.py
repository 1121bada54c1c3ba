"""A command blocked by the desktop client says who holds the database (user, computer, since
when, from the client's ``<db>.inuse`` note), whichever way it was opened or blocked.

A real second connection holds the write lock; the command runs as a separate process with a
short busy timeout (GJZ_BUSY_TIMEOUT_MS)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gjz_registry import open_registry, presence
from gjz_registry.errors import LockTimeoutError
from tests.conftest import PASSWORD

# SQLite's file lock and the client's <db>.inuse note: SQLite only.
pytestmark = pytest.mark.sqlite_only

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def held(tmp_path):
    """A database with users, the note of a client 王芳 runs on this computer, and that
    client's open write transaction; yields (path, note)."""
    path = str(tmp_path / "held.db")
    registry = open_registry(path)
    admin = registry.as_local_admin("setup")
    admin.users.create("admin", PASSWORD, "admin")
    admin.users.create("viewer", PASSWORD, "viewer")
    registry.close()
    presence.announce(path, "王芳")
    with open(presence.note_path(path), encoding="utf-8") as fh:
        note = json.load(fh)
    note["pid"] = os.getppid()  # a live process of this computer other than the command
    with open(presence.note_path(path), "w", encoding="utf-8") as fh:
        json.dump(note, fh, ensure_ascii=False)
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n", encoding="utf-8")
    yield path, note
    os.remove(presence.note_path(path))


def hold(path):
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def gjz(*args):
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, GJZ_BUSY_TIMEOUT_MS="300"),
    )


def names_the_holder(result, note):
    holder = f"可能正被 王芳（{note['os_user']}，{note['host']}，自 {note['since']} 起） 使用"
    return result.returncode == 2 and "数据库正忙" in result.stderr and holder in result.stderr


def test_a_write_through_a_sqlite_url_names_the_holder(held):
    path, note = held
    holder = hold(path)
    try:
        result = gjz("--db-url", f"sqlite:///{path}", "user", "disable", "viewer")
    finally:
        holder.rollback()
        holder.close()
    assert names_the_holder(result, note), result.stderr
    assert "Traceback" not in result.stderr


def test_an_upgrade_blocked_on_opening_names_the_holder(held):
    """The program opens a database one step behind (an upgrade to write) while the client
    holds it."""
    path, note = held
    con = sqlite3.connect(path)
    con.execute("DELETE FROM schema_migration WHERE version = 9")  # a repeatable step
    con.commit()
    con.close()
    holder = hold(path)
    try:
        result = gjz("--db", path, "search", "大连")
    finally:
        holder.rollback()
        holder.close()
    assert names_the_holder(result, note), result.stderr
    assert f"无法打开数据库「{path}」" in result.stderr


def test_a_login_names_the_holder(held, tmp_path):
    path, note = held
    holder = hold(path)
    try:
        result = gjz(
            "--db", path, "--user", "viewer", "--password-file", str(tmp_path / "pw.txt"), "check"
        )
    finally:
        holder.rollback()
        holder.close()
    assert names_the_holder(result, note), result.stderr


def test_registry_login_turns_a_lock_timeout_into_the_holder_message(held, monkeypatch):
    """The service level under the client's login dialog: a DatabaseError naming the holder,
    not the driver's 「database is locked」."""
    from db import database

    path, note = held
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setitem(database.SQLITE_PRAGMAS, "busy_timeout", 200)
    registry = open_registry(path)
    holder = hold(path)
    try:
        with pytest.raises(LockTimeoutError, match="可能正被 王芳（") as info:
            registry.login("viewer", "wrong-pass")
    finally:
        holder.rollback()
        holder.close()
        registry.close()
    assert note["since"] in str(info.value)
