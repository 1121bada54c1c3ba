"""The client and failed logins: the login dialog says until when a name is locked (and who
holds a busy database), 系统 › 用户 shows the lock and lifts it, 系统 › 操作日志 tells failed
logins, locks and unlocks in Chinese."""

import json
import os
import sqlite3

import pytest

from db import database
from gjz_registry import AuthenticationError, open_registry, presence
from tests.conftest import PASSWORD
from tests.fake_throttle import FakeThrottle
from tests.ui import test_system_view
from ui.dialogs.login import LoginDialog

screen = test_system_view.screen  # the fixture: the 系统 view, shown
LOCKED = "账户「dlw」因连续 10 次登录失败已锁定至 09:16，请届时再试，或请管理员解锁"


@pytest.fixture
def throttle(registry):
    fake = FakeThrottle()
    registry.login_throttle = fake
    return fake


def type_and_log_in(dialog, password):
    dialog.password.delete(0, "end")
    dialog.password.insert(0, password)
    dialog.ok_button.invoke()
    return dialog.error_label.cget("text")


def lock_dlw(registry):
    dialog = LoginDialog(None, registry.login, username="dlw", _utest=True)
    shown = [type_and_log_in(dialog, "wrong-pass") for _ in range(10)]
    return dialog, shown


def test_login_dialog_says_until_when_the_name_is_locked(tk_root, registry, throttle):
    dialog, shown = lock_dlw(registry)
    assert shown[0] == "用户名或密码错误"
    assert shown[-1] == LOCKED
    assert type_and_log_in(dialog, PASSWORD) == LOCKED  # the right password is refused too
    assert dialog.result is None and dialog.winfo_exists()
    assert throttle.waits == [1, 2, 4, 8, 8, 8, 8, 8]  # no real waiting in this test
    dialog.destroy()


def row_of(tree, username):
    return next(i for i in tree.get_children() if tree.item(i, "values")[0] == username)


def test_users_tab_shows_the_lock_and_unlocks(tk_root, registry, throttle, screen):
    lock_dlw(registry)[0].destroy()
    tab = screen.select("users")
    tab.refresh()
    tree = tab.table.tree
    status = tree.item(row_of(tree, "dlw"), "values")[4]
    assert status.startswith("锁定至 ") and status.endswith("09:16")
    tree.selection_set(row_of(tree, "dlw"))
    tab.buttons["unlock"].invoke()
    assert tab.message.cget("text") == "已解除「dlw」的登录锁定"
    assert tree.item(row_of(tree, "dlw"), "values")[4] == "启用"
    assert registry.login("dlw", PASSWORD).actor.label == "dlw"


def test_audit_tab_tells_failed_logins_locks_and_unlocks(tk_root, registry, throttle, screen):
    lock_dlw(registry)[0].destroy()
    registry.login("admin", PASSWORD).users.unlock("dlw")
    registry.login_throttle = FakeThrottle()
    with pytest.raises(AuthenticationError, match="用户名或密码错误"):
        registry.login("nobody", "wrong-pass")  # an unknown name is logged the same way
    tab = screen.select("audit")
    tab.refresh()
    tree = tab.panel.tree
    rows = [tree.item(i, "values") for i in tree.get_children()]
    host = rows[0][5].split("电脑：")[1].split("；")[0]
    dlw = str(registry.login("admin", PASSWORD).users._get("dlw").id)
    # 时间 操作人 操作 对象 编号 内容, newest first
    assert [r[1:5] for r in rows[:4]] == [
        ("nobody", "登录失败", "用户", ""),
        ("admin", "解除锁定", "用户", dlw),
        ("dlw", "锁定账户", "用户", dlw),
        ("dlw", "登录失败", "用户", dlw),
    ]
    assert rows[0][5] == f"电脑：{host}；连续失败次数：1；用户名：nobody"
    assert rows[3][5] == f"电脑：{host}；连续失败次数：10；用户名：dlw"
    assert rows[1][5].startswith("连续失败次数：10 → 0；锁定至：")
    assert rows[1][5].endswith("09:16 → —")
    assert rows[2][5].startswith(f"电脑：{host}；连续失败次数：10；锁定至：")
    assert rows[2][5].endswith(" 09:16；用户名：dlw")
    tab.boxes["action"].set("锁定账户")
    tab.boxes["action"].event_generate("<<ComboboxSelected>>")
    assert [tree.item(i, "values")[2] for i in tree.get_children()] == ["锁定账户"]


def test_login_dialog_names_who_holds_a_busy_database(tk_root, tmp_path, monkeypatch):
    """A login waits for the write lock (it counts failures, notes the last login); when the
    wait times out the dialog says who has the database open, from the client's note."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setitem(database.SQLITE_PRAGMAS, "busy_timeout", 200)
    path = str(tmp_path / "busy.db")
    registry = open_registry(path)
    registry.as_local_admin().users.create("dlw", PASSWORD, "street", street="大连湾街道")
    presence.announce(path, "王芳")
    note = json.load(open(presence.note_path(path), encoding="utf-8"))
    note["pid"] = os.getppid()  # another live process of this computer holds it
    with open(presence.note_path(path), "w", encoding="utf-8") as fh:
        json.dump(note, fh, ensure_ascii=False)
    holder = sqlite3.connect(path, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    try:
        dialog = LoginDialog(None, registry.login, username="dlw", _utest=True)
        shown = type_and_log_in(dialog, PASSWORD)
    finally:
        holder.rollback()
        holder.close()
    assert shown.startswith("数据库正忙，可能正被 王芳（")
    assert f"，{note['host']}，自 {note['since']} 起）" in shown
    assert dialog.result is None
    dialog.destroy()
    registry.close()
