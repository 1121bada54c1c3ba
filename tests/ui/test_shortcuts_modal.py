"""The main window's Ctrl+N (新增) and Ctrl+F (搜索) are bound in every window; while a modal
dialog (迁出, 毕业…) holds the input they must not open a form behind it nor take the focus
to the main window's search box."""

from tests.conftest import enterprise_data
from ui import theme
from ui.dialogs.chain import LeaveDialog
from ui.main_window import MainWindow
from ui.views import catalogue
from ui.views.enterprise_form import EnterpriseWindow


def test_ctrl_n_and_ctrl_f_wait_for_a_modal_dialog(tk_root, admin):
    theme.apply(tk_root)
    carrier = admin.carriers.create(
        {"name": "甘井子孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-10"))
    admin.incubation.admit(e.id, carrier.id, "2024-03-01")
    window = MainWindow(tk_root, admin, catalogue.Views(admin))
    window.show("enterprises")
    tk_root.deiconify()
    dialog = LeaveDialog(tk_root, admin, admin.enterprises.get(e.id), _utest=True)
    try:
        dialog.grab_set()  # as shown for real (the test switch leaves the grab out)
        dialog.notes.focus_force()
        tk_root.update()
        for key in ("<Control-n>", "<Control-N>", "<Control-f>"):
            dialog.notes.event_generate(key)
            tk_root.update()
        forms = [w for w in tk_root.winfo_children() if isinstance(w, EnterpriseWindow)]
        assert forms == []
        assert tk_root.focus_get() is dialog.notes
    finally:
        dialog.destroy()
        window.destroy()
        tk_root.withdraw()
