"""退出 and 切换用户 close the client's other windows first, as their close boxes would: a form
with unsaved changes asks (取消 keeps everything open, the typed values too), and no form of
the user before stays open — with that user's rights — after someone else has logged in."""

import tkinter as tk

import pytest

from tests.conftest import enterprise_data
from ui import texts as T
from ui.dialogs import confirm
from ui.main_window import MainWindow
from ui.views import catalogue


@pytest.fixture
def own_root():
    """A Tk of the test's own: 退出 destroys the root."""
    root = tk.Tk()
    yield root
    try:
        root.destroy()
    except tk.TclError:  # 退出 did
        pass


def alive(widget):
    try:
        return bool(widget.winfo_exists())
    except tk.TclError:
        return False


def open_form(window, registry):
    window.show("enterprises")
    e = registry.enterprises.create(enterprise_data(1))
    form = window.view()._open_form(e.id)
    window.root.update()
    return form


def answer(monkeypatch, result):
    asked = []
    monkeypatch.setattr(
        confirm, "choose", lambda parent, title, *a, **k: asked.append(title) or result
    )
    return asked


def test_exit_asks_about_a_form_with_unsaved_changes(own_root, admin, monkeypatch):
    window = MainWindow(own_root, admin, catalogue.Views(admin))
    form = open_form(window, admin)
    form.form.set("contact_name", "韩梅梅")
    asked = answer(monkeypatch, None)  # 取消
    window.close()
    assert asked == [T.UNSAVED_TITLE]
    assert alive(own_root) and alive(form) and form.form.get("contact_name") == "韩梅梅"
    asked = answer(monkeypatch, confirm.EXTRA)  # 放弃修改
    window.close()
    assert asked == [T.UNSAVED_TITLE] and not alive(form) and not alive(own_root)


def test_switch_user_closes_the_forms_of_the_user_before(own_root, admin, monkeypatch):
    switched = []
    window = MainWindow(
        own_root, admin, catalogue.Views(admin), on_switch_user=lambda: switched.append(1)
    )
    form = open_form(window, admin)
    form.form.set("contact_name", "韩梅梅")
    answer(monkeypatch, None)  # 取消: nobody else logs in meanwhile
    window.switch_user()
    assert switched == [] and alive(form)
    form.form.set("contact_name", admin.enterprises.get(form.record_id).contact_name or "")
    asked = answer(monkeypatch, None)
    window.switch_user()  # no unsaved changes left: closed without a question
    assert asked == [] and switched == [1] and not alive(form)
