"""系统: presenters with fake views (no Tk), then each tab in a real window."""

import datetime
import os
import shutil

import pytest

import gjz_registry
from gjz_registry import settings
from tests.conftest import PASSWORD
from ui.dialogs.system import ResetPasswordDialog, RoleDialog, StreetDialog, UserAddDialog
from ui.views.system import PasswordPresenter, SystemView
from ui.views.system_audit import AuditPresenter, describe
from ui.views.system_backup import BackupPresenter
from ui.views.system_rules import RulesPresenter
from ui.views.system_users import UsersPresenter


class Recorder:
    """A fake view: every show_* call is kept; ask_* answers come from ``answers``."""

    def __init__(self, **answers):
        self.shown, self.messages, self.errors, self.asked = {}, [], {}, []
        self.answers = answers

    def show_message(self, text, error=True):
        self.messages.append((text, error))

    def show_error(self, key, message):
        self.errors[key] = message

    def __getattr__(self, name):
        if name.startswith("show_"):
            return lambda *args: self.shown.__setitem__(name[5:], args)
        if name.startswith("ask_"):

            def ask(*args):
                self.asked.append((name[4:], args))
                answer = self.answers.get(name[4:])
                return answer(*args) if callable(answer) else answer

            return ask
        raise AttributeError(name)


def names(rows):
    return [values[0] for _, values in rows]


# --- presenters ------------------------------------------------------------------------
def test_users_presenter_disables_and_refuses(admin, registry):
    view = Recorder(confirm=True)
    p = UsersPresenter(admin, view)
    p.load()
    rows = view.shown["users"][0]
    assert names(rows) == ["admin", "dlw", "ngl", "viewer"]
    viewer_id = next(i for i, v in rows if v[0] == "viewer")
    assert p.toggle_active(viewer_id) is True
    assert dict(view.shown["users"][0])[viewer_id][4] == "已停用"
    assert view.asked[-1][0] == "confirm" and "viewer" in view.asked[-1][1][0]
    with pytest.raises(gjz_registry.AuthenticationError):
        registry.login("viewer", PASSWORD)
    assert p.toggle_active(viewer_id) is True  # 启用 needs no confirmation
    assert dict(view.shown["users"][0])[viewer_id][4] == "启用"
    me = next(i for i, v in rows if v[0] == "admin")
    assert p.toggle_active(me) is None and "不能停用当前登录的账户" in view.messages[-1][0]


def test_rules_presenter_checks_values(admin):
    view = Recorder()
    p = RulesPresenter(admin, view)
    p.load()
    values = view.shown["rules"][0]
    limits = values["time_limits"]  # per stage, 苗圃 too (issue 16, point 8)
    assert limits["苗圃"] == limits["孵化器"] == ("48", "60") and limits["加速器"] == ("", "")
    assert (
        view.shown["rule_text"][0]
        .splitlines()[1]
        .startswith("孵化期限：苗圃 48 个月（长周期领域 60 个月）；孵化器 48 个月")
    )
    typed = dict(limits, 孵化器=("四十八", "60"), 加速器=("", "72"))
    bad = dict(values, time_limits=typed, investment_threshold="-1", entry_age_stages=[])
    assert p.save(bad) is None
    assert view.errors["time_limits:孵化器"] == "「孵化器」的孵化期限应为正整数（月）"
    assert "只填了长周期领域的期限" in view.errors["time_limits:加速器"]
    assert "不小于 0" in view.errors["investment_threshold"]
    assert "至少选择一个阶段" in view.errors["entry_age_stages"]
    assert admin.incubation.rules()["time_limits"]["孵化器"]["months"] == 48
    typed = dict(limits, 苗圃=("36", ""), 加速器=("120", ""))
    saved = p.save(dict(values, time_limits=typed, long_cycle_fields="生命健康，新材料"))
    assert saved["time_limits"] == {
        "苗圃": {"months": 36, "long_cycle_months": None},
        "孵化器": {"months": 48, "long_cycle_months": 60},
        "加速器": {"months": 120, "long_cycle_months": None},
    }
    assert saved["long_cycle_fields"] == ["生命健康", "新材料"]
    assert view.errors["time_limits:苗圃"] is None and view.messages[-1] == (
        "孵化规则已保存",
        False,
    )
    assert (
        "苗圃 36 个月；孵化器 48 个月（长周期领域 60 个月）；加速器 120 个月；产业化基地不设期限"
        in (view.shown["rule_text"][0])
    )


def test_backup_presenter_restore_asks_first(admin, tmp_path):
    view = Recorder(confirm=False, restore_file=None)
    p = BackupPresenter(admin, view)
    p.load()
    assert view.shown["backups"][0] == []
    path = p.backup_now()
    assert os.path.exists(path) and len(view.shown["backups"][0]) == 1
    assert p.restore() is None and view.asked[-1][0] == "restore_file"  # no file chosen
    assert p.restore_listed(0) is None  # the confirmation said no
    assert path in view.asked[-1][1][0] and "先把当前数据库备份" in view.asked[-1][1][0]
    view.answers["confirm"] = True
    safety = p.restore_listed(0)
    assert "-before-restore-" in os.path.basename(safety)
    assert any(os.path.basename(safety) == v[1] for _, v in view.shown["backups"][0])
    report = p.check()
    assert report.ok and view.shown["check"][0][0].startswith("检查完成，未发现问题")


def test_backup_presenter_asks_again_before_restoring_another_databases_backup(admin, tmp_path):
    from db import identity
    from db.models import Enterprise
    from tests.conftest import enterprise_data

    admin.enterprises.create(enterprise_data(1))
    foreign = str(tmp_path / "foreign.db")
    shutil.copy(admin.maintenance.backup(str(tmp_path / "bk")), foreign)
    identity.write_to_file(foreign, identity.new_id())  # now another database's backup
    admin.enterprises.create(enterprise_data(2))
    answers = {"first": True, "foreign": False}
    view = Recorder(confirm=lambda text: answers["foreign" if "另一个数据库" in text else "first"])
    p = BackupPresenter(admin, view)
    assert p.restore(foreign) is None  # the second question said no
    assert "属于另一个数据库" in view.asked[-1][1][0] and "--force" not in view.asked[-1][1][0]
    assert Enterprise.select().count() == 2
    answers["foreign"] = True
    assert p.restore(foreign) is not None
    assert Enterprise.select().count() == 1


def test_audit_presenter_filters_and_describes(admin):
    admin.reference.add_street("测试街道")
    admin.reference.rename_street("测试街道", "新测试街道")
    view = Recorder()
    p = AuditPresenter(admin, view, page_size=1)
    assert p.set_filters(entity="街道") is True
    rows, total, page, pages = view.shown["page"]
    assert total == 2 and pages == 2 and rows[0][1][5] == "名称：测试街道 → 新测试街道"
    assert rows[0][1][2:4] == ("修改", "街道")
    p.go_to_page(1)
    created = view.shown["page"][0][0][1][5]
    assert "名称：测试街道" in created and "类型：街道" in created
    assert p.set_filters(entity="街道", entity_id="x") is False and view.messages[-1][0]
    p.set_filters(action="新增", until=datetime.date.today() - datetime.timedelta(days=1))
    assert view.shown["page"][1] == 0
    choices = p.choices()
    assert "dlw" in choices["user"] and "改密码" in choices["action"]


def test_describe_maps_codes():
    from gjz_registry.services.audit import AuditEntry

    e = AuditEntry(
        1,
        datetime.datetime(2026, 1, 2),
        "admin",
        "update",
        "user",
        3,
        {"role": "viewer", "active": True},
        {"role": "street", "active": False},
        None,
    )
    assert describe(e) == "角色：只读用户 → 街道用户；启用：是 → 否"


def test_own_password_needs_the_old_one(clerk, registry):
    view = Recorder()
    p = PasswordPresenter(clerk, view)
    assert p.change("wrong", "newpass99", "newpass99") is False
    assert view.messages[-1] == ("原密码错误", True)
    assert p.change(PASSWORD, "newpass99", "different") is False
    assert p.change(PASSWORD, "newpass99", "newpass99") is True
    assert registry.login("dlw", "newpass99").actor.street == "大连湾街道"


# --- the screen ------------------------------------------------------------------------
def show(tk_root, view):
    view.pack(fill="both", expand=True)
    tk_root.geometry("1200x760")
    tk_root.deiconify()
    tk_root.update()


@pytest.fixture
def screen(tk_root, admin):
    view = SystemView(tk_root, admin)
    show(tk_root, view)
    yield view
    view.destroy()
    tk_root.withdraw()


@pytest.mark.gui
def test_admin_adds_resets_and_disables_a_user(tk_root, screen, admin, registry):
    assert screen.keys() == ["users", "reference", "backup", "audit", "review", "password", "about"]
    tab = screen.select("users")
    tab.dialog_options = {"_utest": True}
    tab.buttons["add"].invoke()
    dialog = tab.last_dialog
    assert isinstance(dialog, UserAddDialog)
    dialog.username.insert(0, "zsz")
    dialog.display_name.insert(0, "周水子街道")
    dialog.street.set("")
    dialog.password.insert(0, "start123")
    dialog.again.insert(0, "start123")
    dialog.ok_button.invoke()
    assert "必须指定所属街道" in dialog.error_label.cget("text")
    dialog.street.set("周水子街道")
    dialog.ok_button.invoke()
    assert dialog.result.username == "zsz"
    tab.presenter.finished(dialog.result)  # what the modal dialog's caller does
    tree = tab.table.tree
    row = next(i for i in tree.get_children() if tree.item(i, "values")[0] == "zsz")
    assert tree.item(row, "values")[2:5] == ("街道用户", "周水子街道", "启用")
    assert registry.login("zsz", "start123").actor.street == "周水子街道"
    # reset the password, change the role, then disable the account
    tree.selection_set(row)
    tab.buttons["reset"].invoke()
    reset = tab.last_dialog
    assert isinstance(reset, ResetPasswordDialog)
    reset.password.insert(0, "other456")
    reset.again.insert(0, "other456")
    reset.ok_button.invoke()
    assert reset.result is True and registry.login("zsz", "other456")
    tab.presenter.finished(reset.result)
    tab.buttons["role"].invoke()
    role = tab.last_dialog
    assert isinstance(role, RoleDialog) and role.street.get() == "周水子街道"
    role.role.set("只读用户")
    role.ok_button.invoke()
    assert role.result is True
    tab.presenter.finished(role.result)
    tab.ask_confirm = lambda question: True
    tab.buttons["toggle"].invoke()
    row = next(i for i in tree.get_children() if tree.item(i, "values")[0] == "zsz")
    assert tree.item(row, "values")[2] == "只读用户" and tree.item(row, "values")[4] == "已停用"
    with pytest.raises(gjz_registry.AuthenticationError):
        registry.login("zsz", "other456")


@pytest.mark.gui
def test_streets_unit_rules_and_wording(tk_root, screen, admin):
    tab = screen.select("reference")
    tab.dialog_options = {"_utest": True}
    tab.buttons["add"].invoke()
    dialog = tab.last_dialog
    assert isinstance(dialog, StreetDialog)
    dialog.name.insert(0, "大连湾街道")
    dialog.ok_button.invoke()
    assert "已存在" in dialog.error_label.cget("text")
    dialog.name.delete(0, "end")
    dialog.name.insert(0, "临港园区")
    dialog.kind.set("园区")
    dialog.ok_button.invoke()
    assert dialog.result == "临港园区"
    tab.presenter.finished(dialog.result)
    tree = tab.streets.tree
    row = next(i for i in tree.get_children() if tree.item(i, "values")[0] == "临港园区")
    tree.selection_set(row)
    tab.buttons["rename"].invoke()
    rename = tab.last_dialog
    rename.name.delete(0, "end")
    rename.name.insert(0, "临港工业园区")
    rename.ok_button.invoke()
    assert rename.result == "临港工业园区"
    tab.presenter.finished(rename.result)
    tree.selection_set(row)
    tab.buttons["toggle"].invoke()
    assert tree.item(row, "values") == ("临港工业园区", "已停用", "临港工业园区")  # 园区: own name
    assert "临港工业园区" not in admin.reference.streets()
    assert "临港工业园区" in admin.reference.streets(include_inactive=True)
    # the unit name for printouts
    tab.unit.delete(0, "end")
    tab.unit.insert(0, "甘井子区科技和工业信息化局")
    tab.unit_button.invoke()
    assert admin.reference.setting(settings.UNIT_NAME) == "甘井子区科技和工业信息化局"
    # rules: a bad value is refused under its field, a good one saved
    rules = tab.rules
    assert "苗圃 48 个月（长周期领域 60 个月）" in rules.rule_text.cget("text")
    rules.widgets["months:苗圃"].delete(0, "end")
    rules.widgets["months:苗圃"].insert(0, "0")
    rules.save_button.invoke()
    assert "正整数" in rules.errors["time_limits:苗圃"].cget("text")
    rules.widgets["months:苗圃"].delete(0, "end")
    rules.widgets["months:苗圃"].insert(0, "42")
    rules.widgets["months:加速器"].insert(0, "100")
    rules.save_button.invoke()
    saved = admin.incubation.rules()["time_limits"]
    assert saved["苗圃"] == {"months": 42, "long_cycle_months": 60}
    assert saved["加速器"] == {"months": 100, "long_cycle_months": None}
    assert "加速器 100 个月；产业化基地不设期限" in rules.rule_text.cget("text")
    # certificate wording: the placeholders are listed; an unknown one is refused inline
    wording = tab.certificates
    wording.kind.set("毕业证书")
    wording.kind.event_generate("<<ComboboxSelected>>")
    assert "{graduated_on}（毕业日期）" in wording.placeholders.cget("text")
    wording.text.delete("1.0", "end")
    wording.text.insert("1.0", "{holder_name}于{nonsense}毕业。")
    wording.save_button.invoke()
    assert wording.message.cget("text") and admin.certificates.template("graduation") != (
        "{holder_name}于{nonsense}毕业。"
    )
    wording.text.delete("1.0", "end")
    wording.text.insert("1.0", "{holder_name}准予毕业。")
    wording.save_button.invoke()
    assert admin.certificates.template("graduation") == "{holder_name}准予毕业。"
    wording.restore_button.invoke()
    assert "经孵化培育" in wording.text.get("1.0", "end")


@pytest.mark.gui
def test_backup_now_and_check(tk_root, screen, admin):
    tab = screen.select("backup")
    assert tab.backups.tree.get_children() == ()
    tab.buttons["backup"].invoke()
    assert len(tab.backups.tree.get_children()) == 1
    assert tab.message.cget("text").startswith("已备份到：")
    tab.buttons["check"].invoke()
    assert tab.check_text.get("1.0", "end").startswith("检查完成，未发现问题（企业 0 家）")
    folder = os.path.join(os.path.dirname(admin.path), "elsewhere")
    tab.folder.delete(0, "end")
    tab.folder.insert(0, folder)
    tab.presenter.save_folder(tab.folder.get())
    assert admin.maintenance.backup_folder() == folder
    assert tab.backups.tree.get_children() == ()  # the list follows the folder


@pytest.mark.gui
def test_audit_log_filter(tk_root, screen, admin):
    admin.reference.add_street("临港园区")
    admin.reference.set_setting(settings.UNIT_NAME, "某单位")
    tab = screen.select("audit")
    tab.refresh()
    total = admin.audit.list().total
    assert tab.panel.pager.total_label.cget("text") == f"共 {total} 条"
    tab.boxes["entity"].set("系统设置")
    tab.boxes["entity"].event_generate("<<ComboboxSelected>>")
    rows = tab.panel.tree.get_children()
    assert len(rows) == 1
    assert tab.panel.tree.item(rows[0], "values")[5] == "打印单位名称：甘井子区科学技术局 → 某单位"
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    tab.since.insert(0, tomorrow.strftime("%Y年%m月%d日"))
    tab.search_button.invoke()
    assert tab.panel.tree.get_children() == ()
    tab.since.delete(0, "end")
    tab.since.insert(0, "不是日期")
    assert tab.search() is False and tab.message.cget("text")
    tab.reset()
    assert len(tab.panel.tree.get_children()) == min(total, 100)


@pytest.mark.gui
def test_about_shows_version_and_database(tk_root, screen, admin, capsys):
    from gjz_registry import cli

    assert cli.main(["--version"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == f"gjz-registry {gjz_registry.__version__}"
    tab = screen.select("about")
    assert tab.values["版本"].get() == printed  # the same line as `gjz --version`
    assert tab.values["数据库文件"].get() == admin.path
    assert tab.values["日志文件"].get().endswith("gjz-registry.log")
    assert tab.values["报表字体"].get()


@pytest.mark.gui
def test_non_admins_see_password_and_about_only(tk_root, clerk, viewer):
    for user in (clerk, viewer):
        view = SystemView(tk_root, user)
        show(tk_root, view)
        try:
            assert view.keys() == ["password", "about"]
            tabs = [view.notebook.tab(t, "text") for t in view.notebook.tabs()]
            assert tabs == ["修改密码", "关于"]
            password = view.tabs["password"]
            password.entries["old"].insert(0, "nope")
            password.entries["new"].insert(0, "abcdef12")
            password.entries["again"].insert(0, "abcdef12")
            assert password.change() is False and password.message.cget("text") == "原密码错误"
        finally:
            view.destroy()
            tk_root.withdraw()
