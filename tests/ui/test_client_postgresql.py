"""The desktop client against a district server (issue 15): the main window on a PostgreSQL
registry, driven by the keyboard — log in, Ctrl+N and type a new enterprise, Ctrl+S, Ctrl+F
and find it by its pinyin initials, Enter to open it, edit and save, then meet the stale-version
refusal after a second client saved the same record meanwhile.  The window says the database is
on the server (its URL without the password), in the status bar and in 系统 › 关于, and
系统 › 备份与恢复 points to ``gjz db copy`` and pg_dump instead of offering file backups.

Needs a display (GJZ_REQUIRE_GUI=1) and PostgreSQL (GJZ_REQUIRE_PG=1): the run's throw-away
server from tests/pgserver.py.  A screenshot of the window goes to GJZ_SCREENSHOT when set.
"""

import os

from gjz_registry import open_registry
from tests.conftest import PASSWORD, make_code
from tests.ui.exchange_files import find, wait
from ui import theme
from ui.app import App
from ui.dialogs.login import LoginDialog
from ui.views.enterprise_form import EnterpriseWindow
from ui.views.system_backup import BackupTab

KEYSYMS = {"-": "minus", " ": "space", "/": "slash", "@": "at", ".": "period"}


def press(root, widget, key):
    """One key (a keysym or a virtual event such as <<Paste>>) sent to ``widget``."""
    widget.focus_force()
    root.update()
    if key.startswith("<"):
        widget.event_generate(key)
    else:
        widget.event_generate("<KeyPress>", keysym=key)
    root.update()


def type_text(root, widget, text):
    """Type ``text`` into ``widget``: ASCII key by key; Chinese as an input method commits
    it, here through the clipboard and Ctrl+V (<<Paste>>)."""
    for char in text:
        if char.isascii():
            press(root, widget, KEYSYMS.get(char, char))
        else:
            root.clipboard_clear()
            root.clipboard_append(char)
            press(root, widget, "<<Paste>>")


def log_in(root, registry, username):
    """The login dialog filled by the keyboard; the logged-in registry."""
    dialog = LoginDialog(root, registry.login, _utest=True)
    type_text(root, dialog.username, username)
    type_text(root, dialog.password, PASSWORD)
    press(root, dialog.password, "Return")
    assert dialog.result is not None, "the login was refused"
    return dialog.result


def screenshot(root, path):
    """The client's window as it is on screen, to ``path`` (PNG)."""
    from PIL import ImageGrab

    root.update()
    x, y = root.winfo_rootx(), root.winfo_rooty()
    box = (x, y, x + root.winfo_width(), y + root.winfo_height())
    ImageGrab.grab(bbox=box, xdisplay=os.environ.get("DISPLAY")).save(path)


def test_the_client_on_a_server_database(tk_root, pg_url):
    theme.apply(tk_root)
    # given with a password (the test server trusts local connections and ignores it)
    registry = open_registry(
        pg_url.replace("postgresql://postgres@", "postgresql://postgres:s3cret-pw@")
    )
    setup = registry.as_local_admin("setup")
    setup.users.create("admin", PASSWORD, "admin", display_name="管理员")
    setup.users.create("dlw", PASSWORD, "street", street="大连湾街道")
    other = open_registry(pg_url)  # a second client on another computer
    try:
        app = App(tk_root, registry)
        app.show_main(log_in(tk_root, registry, "dlw"))
        window = app.window
        window.show("enterprises")
        view = window.view("enterprises")
        tk_root.deiconify()
        tk_root.geometry("1280x800+0+0")
        tk_root.update()

        # the window says where the data is: on the server, the password masked
        status = [w.cget("text") for w in find_all(window, "TLabel")]
        where = next(text for text in status if "数据库" in text)
        assert "服务器" in where and "127.0.0.1" in where, where
        assert "s3cret-pw" not in where and "s3cret-pw" not in tk_root.title()

        # Ctrl+N, type the enterprise, Ctrl+S
        press(tk_root, view.search, "<Control-n>")
        form = find(tk_root, EnterpriseWindow)
        assert form is not None and form.record_id is None
        fields = form.form.widgets
        for key, text in (
            ("name", "大连星海芯片科技有限公司"),
            ("credit_code", make_code(42)),
            ("founded_on", "2024-05-06"),
            ("contact_phone", "13800001111"),
        ):
            type_text(tk_root, fields[key], text)
        press(tk_root, fields["contact_phone"], "<Control-s>")
        assert form.message.cget("text") == "已保存", form.message.cget("text")
        created = form.record_id
        form.destroy()

        # Ctrl+F, the pinyin initials, Enter; Down and Enter open the record
        press(tk_root, window.nav_buttons["enterprises"], "<Control-f>")
        assert tk_root.focus_get() is view.search
        type_text(tk_root, view.search, "dlxhxp")
        press(tk_root, view.search, "Return")
        wait(tk_root, 100)
        rows = view.table.tree.get_children()
        assert [view.table.tree.item(r, "values")[0] for r in rows] == ["大连星海芯片科技有限公司"]
        press(tk_root, view.search, "Down")
        press(tk_root, tk_root.focus_get(), "Return")
        record = find(tk_root, EnterpriseWindow)
        assert record is not None and record.record_id == created

        # an edit saved by the keyboard
        type_text(tk_root, record.form.widgets["contact_name"], "wang")
        press(tk_root, record.form.widgets["contact_name"], "<Control-s>")
        assert record.message.cget("text") == "已保存"

        # meanwhile the record is changed on another computer: this save is refused
        elsewhere = other.login("admin", PASSWORD).enterprises
        current = elsewhere.get(created)
        elsewhere.update(created, {"notes": "区里先改了"}, version=current.version)
        type_text(tk_root, record.form.widgets["contact_name"], "li")
        press(tk_root, record.form.widgets["contact_name"], "<Control-s>")
        refusal = record.message.cget("text")
        assert "已被他人修改" in refusal, refusal
        assert elsewhere.get(created).contact_name == "wang"
        tk_root.update()
        if os.environ.get("GJZ_SCREENSHOT"):
            record.lift()
            tk_root.update()
            screenshot(tk_root, os.environ["GJZ_SCREENSHOT"])
        record.destroy()
        window.destroy()
        app.window = None

        # 系统 › 备份与恢复 as the administrator: the server's business, said so
        app.show_main(log_in(tk_root, registry, "admin"))
        app.window.show("system")
        tab = app.window.view("system").select("backup")
        tk_root.update()
        assert isinstance(tab, BackupTab)
        note = tab.message.cget("text")
        assert "gjz db copy" in note and "pg_dump" in note, note
        assert "s3cret-pw" not in note and "服务器" in note
        assert str(tab.buttons["backup"].cget("state")) == "disabled"
        assert str(tab.buttons["restore"].cget("state")) == "disabled"
        about = app.window.view("system").select("about").values  # 系统 › 关于
        assert "数据库文件" not in about
        shown = about["服务器数据库（PostgreSQL）"].get()
        assert "postgres:***@127.0.0.1" in shown and "s3cret-pw" not in shown
        app.window.destroy()
    finally:
        tk_root.withdraw()
        other.close()
        registry.close()


def find_all(widget, widget_class):
    """Every descendant of ``widget`` whose Tk class is ``widget_class``."""
    found = []
    for child in widget.winfo_children():
        if child.winfo_class() == widget_class:
            found.append(child)
        found.extend(find_all(child, widget_class))
    return found
