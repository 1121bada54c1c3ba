"""End to end in a real window: log in as a street clerk, create an enterprise, find it by its
pinyin initials, open it and admit it to a carrier — all through the widgets."""

import datetime

from tests.conftest import PASSWORD, make_code
from tests.ui.exchange_files import find, wait
from ui import theme
from ui.app import App
from ui.dialogs.chain import CarrierDialog
from ui.dialogs.login import LoginDialog
from ui.views.enterprise_form import EnterpriseWindow


def test_clerk_creates_finds_and_admits(tk_root, registry, admin):
    theme.apply(tk_root)
    admin.carriers.create({"name": "甘井子区星海孵化器", "kind": "孵化器", "street": "大连湾街道"})
    app = App(tk_root, registry)

    login = LoginDialog(tk_root, registry.login, _utest=True)
    login.username.insert(0, "dlw")
    login.password.insert(0, PASSWORD)
    login.ok_button.invoke()
    app.show_main(login.result)
    window = app.window
    assert window.current == "home"  # a new user starts on 首页
    window.show("enterprises")
    view = window.view("enterprises")
    tk_root.update()

    # Ctrl+N → new enterprise form; the street is fixed to the clerk's
    window.new_record()
    form = find(tk_root, EnterpriseWindow)
    assert form.form.get("street") == "大连湾街道"
    assert str(form.form.widgets["street"].cget("state")) == "disabled"
    form.form.set("name", "大连星海芯片科技有限公司")
    form.form.set("credit_code", make_code(42))
    form.form.set("founded_on", "2024/05/06")
    form.form.set("contact_phone", "13800001111")
    form.save_button.invoke()
    assert form.presenter.enterprise_id is not None
    form.destroy()

    # type the pinyin initials; the debounced search updates the list
    view.search.focus_set()
    view.search_var.set("dlxhxp")
    wait(tk_root, 500)
    rows = view.table.tree.get_children()
    assert len(rows) == 1
    assert view.table.tree.item(rows[0], "values")[0] == "大连星海芯片科技有限公司"

    # Enter on the row opens the record
    view.table.focus_first()
    view.table.tree.event_generate("<Return>")
    tk_root.update()
    record_window = find(tk_root, EnterpriseWindow)
    assert record_window.presenter.record.name == "大连星海芯片科技有限公司"

    # 入驻: the dialog is modal; fill it from a timer while the button waits for it
    def fill_dialog():
        dialog = find(tk_root, CarrierDialog)
        dialog.carrier.set(next(iter(dialog.carrier_ids)))
        dialog.date.set_date(datetime.date(2025, 3, 1))
        dialog.ok_button.invoke()

    tk_root.after(300, fill_dialog)
    record_window.tabs["history"].buttons["入驻"].invoke()
    tk_root.update()
    history = record_window.tabs["history"].table.tree
    values = history.item(history.get_children()[0], "values")
    assert values[0] == "甘井子区星海孵化器" and values[1] == "孵化器"
    e = registry.login("dlw", PASSWORD).enterprises.search("dlxhxp")[0]
    assert e.stage == "孵化器" and e.carrier == "甘井子区星海孵化器"
    record_window.destroy()
    window.destroy()
