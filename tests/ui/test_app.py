"""Start-up: first-run password, login (wrong then right), main window, switch user."""

from gjz_registry import open_registry
from tests.conftest import PASSWORD
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
