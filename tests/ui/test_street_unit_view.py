"""系统 › 基础数据: the admin names a street's office (制表单位); then that street's clerk prints
a list from 报表证书 and the PDF names the office — read back with pdftotext."""

import datetime

from tests.conftest import enterprise_data
from tests.ui.exchange_files import fake_save, finish, pdftotext, squeeze
from tests.ui.test_system_view import show
from ui import theme
from ui.dialogs.system import StreetUnitDialog
from ui.views.reports import ReportsView
from ui.views.system import SystemView


def row_of(tree, street):
    return next(i for i in tree.get_children() if tree.item(i, "values")[0] == street)


def test_admin_names_the_street_office_and_the_clerks_list_prints_it(
    tk_root, admin, clerk, tmp_path, monkeypatch
):
    theme.apply(tk_root)
    e = admin.enterprises.create(enterprise_data(1, name="大连湾高企科技有限公司"))
    granted = datetime.date.today() - datetime.timedelta(days=30)
    admin.qualifications.add(e.id, "高新技术企业", f"GR{granted.year}21000001", granted_on=granted)

    screen = SystemView(tk_root, admin)
    show(tk_root, screen)
    try:
        tab = screen.select("reference")
        tab.dialog_options = {"_utest": True}
        tree = tab.streets.tree
        row = row_of(tree, "大连湾街道")
        assert tree.item(row, "values")[2] == "甘井子区大连湾街道办事处"  # the default
        tree.selection_set(row)
        tab.buttons["unit"].invoke()
        dialog = tab.last_dialog
        assert isinstance(dialog, StreetUnitDialog)
        assert dialog.unit.get() == "甘井子区大连湾街道办事处"
        dialog.unit.delete(0, "end")
        dialog.unit.insert(0, "大连市甘井子区大连湾街道办事处")
        dialog.ok_button.invoke()
        tab.presenter.finished(dialog.result)
        assert (
            tree.item(row_of(tree, "大连湾街道"), "values")[2] == "大连市甘井子区大连湾街道办事处"
        )
    finally:
        screen.destroy()

    saved = fake_save(monkeypatch, tmp_path)
    view = ReportsView(tk_root, clerk)
    show(tk_root, view)
    try:
        panel = view.reports
        panel.pdf_button.invoke()  # the clerk's 高新技术企业名单, their street chosen already
        finish(tk_root, panel.output.worker)
        text = squeeze(pdftotext(tmp_path / saved[-1][1]))
        assert "制表单位：大连市甘井子区大连湾街道办事处" in text
        assert "大连湾高企科技有限公司" in text
    finally:
        view.destroy()
        tk_root.withdraw()
