"""Start-up: first-run password, login (wrong then right), main window, switch user; the
offer to restore a damaged database (also on an emulated Windows)."""

import os
import sqlite3

from gjz_registry import open_registry
from tests.conftest import PASSWORD, make_code
from ui import theme
from ui.app import App
from ui.dialogs.login import FirstRunDialog, LoginDialog
from ui.main_window import MainWindow
from ui.views import catalogue


def test_first_run_dialog_validates(tk_root):
    dialog = FirstRunDialog(tk_root, _utest=True)
    dialog.password.insert(0, "123")
    dialog.ok_button.invoke()
    assert "至少 6 位" in dialog.error_label.cget("text") and dialog.result is None
    dialog.password.delete(0, "end")
    dialog.password.insert(0, "abcdef1")
    dialog.again.insert(0, "abcdef2")
    dialog.ok_button.invoke()
    assert "不一致" in dialog.error_label.cget("text")
    dialog.again.delete(0, "end")
    dialog.again.insert(0, "abcdef1")
    dialog.ok_button.invoke()
    assert dialog.result == "abcdef1"


def test_login_dialog_shows_reason_and_demo_accounts(tk_root, registry):
    dialog = LoginDialog(tk_root, registry.login, ["admin / admin123（管理员）"], _utest=True)
    dialog.username.insert(0, "admin")
    dialog.password.insert(0, "wrong")
    dialog.ok_button.invoke()
    assert dialog.error_label.cget("text") == "用户名或密码错误"
    assert dialog.password.get() == ""
    dialog.password.insert(0, PASSWORD)
    dialog.event_generate("<Return>")
    if dialog.winfo_exists():  # the key event is delivered only once the dialog is mapped
        dialog.ok()
    assert dialog.result.actor.label == "admin"


def test_main_window_status_and_count(tk_root, registry, admin):
    theme.apply(tk_root)
    clerk = registry.login("dlw", PASSWORD)
    window = MainWindow(tk_root, clerk, catalogue.Views(clerk))
    tk_root.update()
    labels = [w.cget("text") for w in window.winfo_children()[-1].winfo_children()]
    assert any("大连湾街道" in text for text in labels)
    assert window.current == "home"  # 首页 is the first view for a new user
    assert window.count_label.cget("text") == ""
    window.show("enterprises")
    assert window.count_label.cget("text") == "共 0 条"
    # 报表证书: only its 证书登记簿 tab is a list; the 报表 tab shows no count
    window.show("reports")
    assert window.count_label.cget("text") == ""
    reports = window.view("reports")
    reports.select("certificates")
    tk_root.update()
    assert window.count_label.cget("text") == "共 0 条"
    reports.select("reports")
    tk_root.update()
    assert window.count_label.cget("text") == ""
    assert tk_root.title().startswith("甘井子区孵化链企业登记系统")
    window.destroy()


def test_app_first_run_creates_admin(tk_root, tmp_path, monkeypatch):
    reg = open_registry(tmp_path / "new.db")
    monkeypatch.setattr(
        FirstRunDialog,
        "__init__",
        lambda self, parent, _utest=False: setattr(self, "result", "firstpass1"),
    )
    seen = {}

    def fake_login(self, parent, login, accounts=(), username="", _utest=False):
        seen["username"] = username
        self.result = login(username, "firstpass1")

    monkeypatch.setattr(LoginDialog, "__init__", fake_login)
    app = App(tk_root, reg)
    assert app.start() is True
    assert seen["username"] == "admin"
    assert app.window.registry.actor.role == "admin"
    app.window.destroy()
    reg.close()


def test_theme_picks_a_chinese_font(tk_root):
    chosen = theme.apply(tk_root)
    assert chosen in theme.FONT_CANDIDATES


def test_damaged_database_offers_restore_of_newest_good_backup(
    tk_root, tmp_path, _data_dir, monkeypatch
):
    import os

    import ui.app as app_module
    from gjz_registry import DatabaseError

    path = tmp_path / "r.db"
    reg = open_registry(path)
    admin = reg.as_local_admin()
    admin.users.create("admin", PASSWORD, "admin")
    good = admin.maintenance.backup()
    reg.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    with open(path, "r+b") as fh:
        fh.write(b"\0" * 100)  # the header is gone: the file cannot be opened at all
    try:
        open_registry(path)
    except DatabaseError as exc:
        error = exc
    monkeypatch.setattr(app_module.messagebox, "showinfo", lambda *a, **k: None)
    asked = []
    reopened = app_module.offer_restore(
        tk_root, path, False, error, ask=lambda *a, **k: asked.append(a[2]) or True
    )
    assert asked and good in asked[0]
    assert reopened is not None and reopened.has_users()
    assert any("-damaged-" in name for name in os.listdir(_data_dir / "backups"))
    reopened.close()


def test_damaged_database_is_never_offered_another_databases_backup(
    tk_root, tmp_path, _data_dir, monkeypatch
):
    """Databases back up into one folder; a damaged one is offered its own backup, never
    another's newer one — and nothing when it has none."""
    import ui.app as app_module
    from gjz_registry import DatabaseDamagedError
    from tests.damage import break_header

    made = {}
    for stem, count in (("mine", 1), ("other", 2), ("lonely", 0)):
        reg = open_registry(tmp_path / f"{stem}.db")
        reg.as_local_admin().users.create("admin", PASSWORD, "admin")
        made[stem] = [reg.as_local_admin().maintenance.backup() for _ in range(count)]
        reg.close()
    monkeypatch.setattr(app_module.messagebox, "showinfo", lambda *a, **k: None)
    errors, asked = [], []
    monkeypatch.setattr(app_module.messagebox, "showerror", lambda *a, **k: errors.append(a))

    def offer(stem):
        break_header(tmp_path / f"{stem}.db")
        try:
            open_registry(tmp_path / f"{stem}.db")
        except DatabaseDamagedError as exc:
            return app_module.offer_restore(
                tk_root,
                tmp_path / f"{stem}.db",
                False,
                exc,
                ask=lambda *a, **k: asked.append(a[2]) or True,
            )
        raise AssertionError("a damaged database opened")

    reopened = offer("mine")
    assert len(asked) == 1 and made["mine"][0] in asked[0] and "other-" not in asked[0]
    assert reopened is not None
    reopened.close()
    assert offer("lonely") is None and len(asked) == 1 and errors  # the error, no offer


def test_the_client_says_when_opening_upgraded_an_older_database(
    tk_root, tmp_path, _data_dir, monkeypatch
):
    import ui.app as app_module
    from db import migrations
    from tests.old_database import database_at_version

    path = database_at_version(tmp_path / "old.db", 4)
    told = []
    monkeypatch.setattr(app_module.messagebox, "showinfo", lambda *a, **k: told.append(a[1]))
    registry = app_module.open_for_client(tk_root, path, False)
    (backup,) = (_data_dir / "backups").glob("*-before-upgrade-v4-*.db")
    assert told == [
        f"数据库已从结构版本 4 升级到 {migrations.latest_version()}，升级前的备份：{backup}"
    ]
    registry.close()
    told.clear()
    app_module.open_for_client(tk_root, path, False).close()
    assert told == []  # up to date: nothing to say


# --- the restore offer on Windows (emulated: tests/windows_files.py) ------------------------
def _damaged_while_migrating(tmp_path, monkeypatch):
    """A database one schema version old, with an enterprise and a good backup, whose damage
    shows only when the last migration reads it (SQLite: 「database disk image is
    malformed」).  Returns the path.  (The emulated damage lets the copy taken before the
    upgrade pass as a good backup too: either may be the one restored.)"""
    import importlib

    from db import migrations
    from tests.conftest import enterprise_data
    from tests.damage import malformed_error
    from tests.old_database import database_at_version

    path = tmp_path / "r.db"
    database_at_version(path, migrations.latest_version() - 1)
    reg = open_registry(path, upgrade=False)
    admin = reg.as_local_admin()
    admin.enterprises.create(enterprise_data(1))
    admin.maintenance.backup()
    reg.close()
    last = importlib.import_module(f"db.migrations.{migrations.available()[-1][1]}")
    up = last.up

    def damaged_up(db, is_sqlite):
        if os.path.samefile(db.database, path):
            raise malformed_error()
        return up(db, is_sqlite)

    monkeypatch.setattr(last, "up", damaged_up)
    return path


def _boxes(monkeypatch, app_module, answer=True):
    shown = []
    for kind in ("showinfo", "showerror", "showwarning"):
        monkeypatch.setattr(
            app_module.messagebox, kind, lambda t, m, _k=kind, **k: shown.append((_k, m))
        )
    monkeypatch.setattr(app_module.confirm, "ask", lambda parent, t, m, **k: answer)
    return shown


def test_the_restore_offer_works_on_windows_when_the_damage_shows_while_upgrading(
    tk_root, tmp_path, _data_dir, monkeypatch
):
    """Windows refuses to replace a file any connection still has open: the failed open must
    have closed the damaged database, its -wal and -shm, for the offered restore to work."""
    import ui.app as app_module
    from tests.windows_files import WindowsLocks

    path = _damaged_while_migrating(tmp_path, monkeypatch)
    locks = WindowsLocks(monkeypatch).hold_open_files()
    shown = _boxes(monkeypatch, app_module)
    registry = app_module.open_for_client(tk_root, path, False)
    assert registry is not None, shown
    assert locks.refused == []
    assert registry.as_local_admin().enterprises.search(make_code(1))
    assert shown[0][0] == "showinfo" and "已用备份恢复" in shown[0][1]
    assert "-damaged-" in shown[0][1]
    registry.close()


def test_a_restore_that_fails_is_said_and_the_client_ends_normally(
    tk_root, tmp_path, _data_dir, monkeypatch, caplog
):
    """The damaged file held by a second client, then an error nobody foresaw: each is a
    message (the unforeseen one logged with its traceback), never a crash."""
    import ui.app as app_module
    from tests.windows_files import WindowsLocks

    path = _damaged_while_migrating(tmp_path, monkeypatch)
    locks = WindowsLocks(monkeypatch).hold(path)  # still open in another client
    shown = _boxes(monkeypatch, app_module)
    assert app_module.open_for_client(tk_root, path, False) is None
    assert shown == [("showerror", shown[0][1])] and "被其他程序占用" in shown[0][1]
    locks.release(path)

    def broken(*args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(app_module, "restore_damaged", broken)
    shown.clear()
    assert app_module.open_for_client(tk_root, path, False) is None
    assert shown == [("showerror", shown[0][1])] and shown[0][1].startswith("内部错误")
    assert "sqlite3.OperationalError: disk I/O error" in caplog.text  # with its traceback
