"""End to end through the widgets, from a demo database: log in, import a messy workbook
without fixing anything, get the error workbook, undo the import (the database is as before),
issue a certificate (its QR code verifies), and print a list."""

import openpyxl

from gjz_registry.demo_accounts import describe, open_demo
from tests.exchange.importing import COLUMN, content
from tests.ui.exchange_files import (
    BAD_ROWS,
    decode_qr,
    drive_dialog,
    fake_save,
    fake_viewer,
    finish,
    messy_workbook,
    pdftotext,
    pump,
    squeeze,
)
from ui import files, theme
from ui.app import App
from ui.dialogs import confirm
from ui.dialogs.certificates import IssueDialog
from ui.dialogs.login import LoginDialog


def test_import_undo_certificate_and_list_from_a_demo_database(tk_root, tmp_path, monkeypatch):
    theme.apply(tk_root)
    db = tmp_path / "demo.db"
    registry = open_demo(db, enterprises=300)
    try:
        run_the_day(tk_root, registry, db, tmp_path, monkeypatch)
    finally:
        registry.close()


def run_the_day(tk_root, registry, db, tmp_path, monkeypatch):
    path, good_names, bad_rows = messy_workbook(tmp_path / "大连湾街道报送名单.xlsx")
    saved = fake_save(monkeypatch, tmp_path)
    opened = fake_viewer(monkeypatch)
    monkeypatch.setattr(files, "ask_open_path", lambda *a, **k: str(path))
    # --- log in through the login dialog ---------------------------------------------------
    app = App(tk_root, registry, demo=True)
    login = LoginDialog(tk_root, registry.login, describe(), _utest=True)
    login.username.insert(0, "admin")
    login.password.insert(0, "admin123")
    login.ok_button.invoke()
    app.show_main(login.result)
    window = app.window
    tk_root.update()
    before = content(db)  # after the login, which records the user's last login
    count_before = registry.as_local_admin("test").enterprises.list().total

    # --- import the messy workbook, fixing nothing ----------------------------------------
    window.show("exchange")
    exchange = window.view()
    exchange.import_button.invoke()
    wizard = exchange.wizard
    wizard.steps["file"].browse_button.invoke()  # the file dialog answers with the workbook
    finish(tk_root, wizard.presenter.worker)
    for step in ("mapping", "preview", "options"):  # 表头与列 → 预览 → 导入选项
        wizard.next_button.invoke()
        pump(tk_root, lambda step=step: wizard.presenter.step == step)
    wizard.steps["options"].policy_buttons["update"].invoke()  # an administrator chooses
    wizard.next_button.invoke()  # 开始导入
    finish(tk_root, wizard.presenter.worker)
    result = wizard.presenter.result
    assert result.committed and result.created == len(good_names)
    assert result.rejected == BAD_ROWS

    # --- the error workbook: the bad rows and the 原因 column ------------------------------
    wizard.steps["result"].save_button.invoke()
    errors_path = tmp_path / saved[-1][1]
    rows = list(openpyxl.load_workbook(errors_path).active.iter_rows(values_only=True))
    header, data = rows[2], rows[3:]  # below the file's two title rows
    assert header[-1] == "原因" and header[2] == "单位名称"  # 原行号, the file's own header
    assert len(data) == BAD_ROWS and all(row[-1] for row in data)
    assert {row[1 + COLUMN["所属街道"]] for row in data} >= {"火星街道"}
    assert any("校验位" in row[-1] for row in data)
    wizard.close_button.invoke()

    # --- 导入记录 shows the batch; 撤销 puts the database back -----------------------------
    tree = exchange.panel.tree
    batch = str(result.batch_id)
    assert batch in tree.get_children()
    assert tree.item(batch, "values")[3] == path.name
    tree.selection_set(batch)
    monkeypatch.setattr(confirm, "ask", lambda *a, **k: True)  # 撤销导入
    exchange.undo_button.invoke()
    assert tree.item(batch, "values")[-1] == "已撤销"
    assert "已撤销" in exchange.undo_note.cget("text")
    assert content(db) == before
    assert registry.as_local_admin("test").enterprises.list().total == count_before

    # --- issue a certificate to an enterprise in a carrier ---------------------------------
    certified = {c.enterprise_id for c in login.result.certificates.list(limit=10000).items}
    resident = next(
        r for r in login.result.incubation.residents() if r.enterprise_id not in certified
    )
    window.show("reports")
    reports = window.view()
    reports.select("certificates")
    panel = reports.certificates

    def fill_issue_dialog(dialog):
        dialog.kind.set("入孵证明")
        dialog.search_var.set(resident.enterprise_name)
        dialog.search_now()
        dialog.results.selection_set(str(resident.enterprise_id))
        dialog.ok_button.invoke()

    check = drive_dialog(tk_root, IssueDialog, fill_issue_dialog)
    panel.buttons["颁发证书…"].invoke()
    check()
    finish(tk_root, panel.output.worker)
    certificate = tmp_path / saved[-1][1]
    assert saved[-1][1] == f"入孵证明_{resident.enterprise_name}.pdf" and certificate.exists()
    assert panel.output.done.open_button is not None
    panel.output.done.open_button.invoke()
    assert opened[-1] == str(certificate)
    serial = panel.panel.tree.item(panel.panel.tree.get_children()[0], "values")[0]
    assert serial in squeeze(pdftotext(certificate))

    payload = decode_qr(certificate, tmp_path)
    assert payload.startswith("GJZ-CERT|" + serial + "|")
    assert registry.login("viewer", "viewer123").certificates.verify_payload(payload).valid
    reports.select("verify")
    reports.verify.serial.insert(0, payload)
    reports.verify.verify_button.invoke()
    assert reports.verify.status_text() == "核验结果：有效"

    # --- print a list ----------------------------------------------------------------------
    reports.select("reports")
    reports.reports.choose("high-tech-list")
    reports.reports.pdf_button.invoke()
    finish(tk_root, reports.reports.output.worker)
    listing = tmp_path / saved[-1][1]
    assert saved[-1][1].endswith("年高新技术企业名单.pdf") and listing.exists()
    names = [row[0] for row in login.result.listings.listing("high-tech-list").rows]
    text = squeeze(pdftotext(listing))
    assert names and all(name in text for name in names[:5])
    window.destroy()
