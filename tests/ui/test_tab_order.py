"""Tab goes through the buttons in the order they are shown: from a dialog's last field to 确定
then 取消, from a form's 备注 to 保存 then 取消, and in a question from the first button on —
so a clerk who tabs past the last field and presses Enter confirms rather than cancels; the
import wizard's 上一步 → 下一步 → 关闭 likewise."""

from tests.conftest import enterprise_data
from tests.ui.exchange_files import finish
from tests.ui.test_dialog_enter_key import resident  # noqa: F401 (a fixture)
from ui.dialogs import confirm
from ui.dialogs.chain import LeaveDialog
from ui.views.enterprise_form import EnterpriseWindow
from ui.widgets.pager import Pager
from ui.wizard.window import ImportWizard


def tabs_from(tk_root, widget, count):
    """The widgets Tab reaches from ``widget``, ``count`` presses."""
    reached = []
    widget.focus_force()
    tk_root.update()
    for _ in range(count):
        tk_root.focus_get().event_generate("<Tab>")
        tk_root.update()
        reached.append(tk_root.focus_get())
    return reached


def test_a_dialog_tabs_to_ok_then_cancel(tk_root, admin, resident):  # noqa: F811
    dialog = LeaveDialog(tk_root, admin, resident, _utest=True)
    try:
        assert tabs_from(tk_root, dialog.notes, 2) == [dialog.ok_button, dialog.cancel_button]
    finally:
        dialog.destroy()


def test_a_form_tabs_from_the_note_to_save_then_cancel(tk_root, admin):
    e = admin.enterprises.create(enterprise_data(1))
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    try:
        notes = window.form.widgets["notes"]
        assert tabs_from(tk_root, notes, 2) == [window.save_button, window.cancel_button]
    finally:
        window.destroy()


def test_a_question_tabs_in_the_order_of_its_buttons(tk_root):
    dialog = confirm.ConfirmDialog(tk_root, "尚未保存", "？", extra="放弃修改", _utest=True)
    try:
        assert tabs_from(tk_root, dialog.ok_button, 2) == [
            dialog.extra_button,
            dialog.cancel_button,
        ]
    finally:
        dialog.destroy()


def test_the_import_wizard_tabs_through_its_buttons_left_to_right(tk_root, admin, tmp_path):
    path = tmp_path / "企业.xlsx"
    admin.enterprises.create(enterprise_data(1))
    admin.exchange.export("enterprises", str(path))
    wizard = ImportWizard(tk_root, admin, path=str(path))
    try:
        finish(tk_root, wizard.presenter.worker)
        wizard.presenter.on_conflict = wizard.presenter.policies()[0][0]  # 开始导入 enabled
        wizard.presenter.go("options")
        tk_root.update()
        reached = tabs_from(tk_root, wizard.back_button, 2)
        assert reached == [wizard.next_button, wizard.close_button]
    finally:
        wizard.destroy()


def test_the_pager_tabs_left_to_right(tk_root):
    tk_root.deiconify()
    pager = Pager(tk_root, on_page=lambda index: None)
    pager.pack()
    pager.show(300, 1, 3)  # the middle page: every button enabled
    try:
        buttons = pager.buttons
        reached = tabs_from(tk_root, buttons["first"], 3)
        assert reached == [buttons["prev"], buttons["next"], buttons["last"]]
    finally:
        pager.destroy()
        tk_root.withdraw()
