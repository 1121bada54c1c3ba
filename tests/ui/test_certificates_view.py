"""Certificates in the client: issue (one holder, or the enterprises selected in the list),
the register, 补打, 撤销, and 核验 of a typed serial or a scanned QR text."""

import datetime

import pytest

from tests.conftest import enterprise_data, make_code
from tests.ui.exchange_files import (
    decode_qr,
    drive_dialog,
    fake_save,
    finish,
    pdftotext,
    squeeze,
    wait,
)
from ui import errors, theme
from ui.dialogs.certificates import BatchIssueDialog, IssueDialog, RevokeCertificateDialog
from ui.views.certificates import CertificatesPresenter, VerifyPresenter
from ui.views.enterprises import EnterpriseListView
from ui.views.reports import ReportsView

TODAY = datetime.date.today()


class FakeView:
    def __init__(self):
        self.pages, self.verdicts = [], []

    def show_page(self, rows, total, page, pages, sort_key, sort_desc):
        self.pages.append((rows, total))

    def show_verdict(self, result):
        self.verdicts.append(result)


@pytest.fixture
def world(admin):
    """A recognised incubator with two residents, and two enterprises outside it."""
    carrier = admin.carriers.create(
        {
            "name": "大连湾测试孵化器",
            "kind": "孵化器",
            "street": "大连湾街道",
            "level": "区级",
            "recognized_on": "2019-05-01",
            "operator_name": "大连湾科技服务有限公司",
            "operator_credit_code": make_code(900),
        }
    )
    founded = (TODAY - datetime.timedelta(days=400)).isoformat()
    people = {}
    for n in (1, 2, 3, 4):
        e = admin.enterprises.create(
            enterprise_data(n, founded_on=founded, name=f"大连星海{n}号科技有限公司")
        )
        if n <= 2:
            admin.incubation.admit(e.id, carrier.id, TODAY - datetime.timedelta(days=300))
        people[n] = e
    return {"admin": admin, "carrier": carrier, **people}


def test_presenters_list_and_verify(world):
    admin = world["admin"]
    record = admin.certificates.issue("incubation", enterprise_id=world[1].id)
    view = FakeView()
    register = CertificatesPresenter(admin, view)
    register.load()
    rows, total = view.pages[-1]
    assert total == 1 and rows[0][1][:3] == (record.serial, "入孵证明", "大连星海1号科技有限公司")
    register.set_status("已撤销")
    assert view.pages[-1][1] == 0
    register.set_status("全部")
    register.set_text("星海1")
    assert view.pages[-1][1] == 1
    output = register.reprint_output([record.id])
    assert output.initialfile == "入孵证明_大连星海1号科技有限公司_补打.pdf"
    assert register.reprint_output([]) is None

    checker = VerifyPresenter(admin, view)
    assert checker.verify(record.qr_payload).status == "有效"
    assert checker.verify(record.serial, record.verify_code).status == "有效"
    assert checker.verify(record.serial.lower()).status == "有效"  # no code: the register only
    assert checker.verify(record.serial, "AAAA-BBBB-CCCC").status == "校验码不符"
    unknown = checker.verify("GJZ-2020-RF-999999")
    assert unknown.status == "未知" and ("说明", "证书登记簿中没有这个编号。") in checker.lines(
        unknown
    )


def test_issue_revoke_reprint_and_verify_on_screen(tk_root, world, tmp_path, monkeypatch):
    theme.apply(tk_root)
    admin = world["admin"]
    saved = fake_save(monkeypatch, tmp_path)
    view = ReportsView(tk_root, admin)
    view.pack()
    view.select("certificates")
    panel = view.certificates

    # 颁发证书… to a carrier: the kind decides whom the search finds
    def issue_to_carrier(dialog):
        dialog.kind.set("孵化载体认定证书")
        dialog.search_var.set("大连湾测试")
        dialog.search_now()
        assert dialog.results.selection() == (str(world["carrier"].id),)  # the only match
        dialog.ok_button.invoke()

    check = drive_dialog(tk_root, IssueDialog, issue_to_carrier)
    panel.buttons["颁发证书…"].invoke()
    check()
    finish(tk_root, panel.output.worker)
    pdf = tmp_path / saved[-1][1]
    assert saved[-1][1] == "孵化载体认定证书_大连湾测试孵化器.pdf"
    assert "已签发 1 份证书" in panel.output.done.message.cget("text")
    payload = decode_qr(pdf, tmp_path)
    serial = payload.split("|")[1]
    assert serial in squeeze(pdftotext(pdf))
    assert panel.panel.tree.item(panel.panel.tree.get_children()[0], "values")[0] == serial
    panel.output.done.destroy()

    # 撤销…: the reason is required (said inline), then the certificate is revoked
    def revoke(dialog):
        dialog.ok_button.invoke()
        assert "撤销原因" in dialog.error_label.cget("text")
        dialog.reason.insert(0, "认定被取消")
        dialog.ok_button.invoke()

    record_id = panel.panel.tree.get_children()[0]
    panel.panel.tree.selection_set(record_id)
    check = drive_dialog(tk_root, RevokeCertificateDialog, revoke)
    panel.buttons["撤销…"].invoke()
    check()
    assert admin.certificates.get(serial).revoke_reason == "认定被取消"
    assert panel.panel.tree.item(record_id, "values")[5] == "已撤销"

    # 补打 of a revoked certificate is refused with the service's reason
    shown = []
    monkeypatch.setattr(errors, "show", lambda exc, parent=None: shown.append(str(exc)))
    panel.panel.tree.selection_set(record_id)
    panel.buttons["补打"].invoke()
    finish(tk_root, panel.output.worker)
    assert shown and "已于" in shown[0] and "不能补打" in shown[0]

    # 核验: the scanned text, then a typed serial with a wrong code
    view.select("verify")
    view.verify.serial.insert(0, payload)
    view.verify.verify_button.invoke()
    assert view.verify.status_text() == "核验结果：已撤销"
    assert str(view.verify.status.cget("foreground")) == theme.ERROR
    view.verify.serial.delete(0, "end")
    view.verify.serial.insert(0, serial)
    view.verify.code.insert(0, "AAAA-BBBB-CCCC")
    tk_root.deiconify()
    view.verify.code.focus_force()
    tk_root.update()
    view.verify.code.event_generate("<Return>")
    assert view.verify.status_text() == "核验结果：校验码不符"


def test_batch_issue_from_the_enterprise_list(tk_root, world, tmp_path, monkeypatch):
    theme.apply(tk_root)
    admin = world["admin"]
    saved = fake_save(monkeypatch, tmp_path)
    view = EnterpriseListView(tk_root, admin)
    view.pack()
    tk_root.update()
    view.table.tree.selection_set([str(world[n].id) for n in (1, 2, 3)])

    def choose(dialog):
        assert dialog.kind.get() == "入孵证明"
        assert "已选择 3 家企业" in str(dialog.winfo_children()[0].winfo_children()[0].cget("text"))
        dialog.ok_button.invoke()

    check = drive_dialog(tk_root, BatchIssueDialog, choose)
    view.buttons["颁发证书…"].invoke()
    check()
    finish(tk_root, view.output.worker)
    done = view.output.done
    assert saved[-1][1] == f"入孵证明_{TODAY.isoformat()}.pdf"
    assert "已签发 2 份证书" in done.message.cget("text") and "另有 1 家" in done.message.cget(
        "text"
    )
    details = done.details.get("1.0", "end")
    assert details.startswith("大连星海3号科技有限公司：") and "没有在孵记录" in details
    text = squeeze(pdftotext(tmp_path / saved[-1][1]))
    assert "大连星海1号科技有限公司" in text and "大连星海2号科技有限公司" in text
    assert admin.certificates.list().total == 2
    done.destroy()


def test_register_and_issue_dialog_search_as_you_type(tk_root, world):
    theme.apply(tk_root)
    admin = world["admin"]
    for n in (1, 2):
        admin.certificates.issue("incubation", enterprise_id=world[n].id)
    view = ReportsView(tk_root, admin)
    view.pack()
    view.select("certificates")
    panel = view.certificates
    assert panel.presenter.total == 2
    panel.search_var.set("星海1")
    tk_root.update()
    assert panel.presenter.total == 2  # filtered only once typing pauses
    wait(tk_root, 400)
    assert panel.presenter.total == 1
    panel.search_var.set("")
    tk_root.deiconify()
    panel.search.focus_force()
    tk_root.update()
    panel.search.event_generate("<Return>")  # Enter: at once
    assert panel.presenter.total == 2
    panel.status_box.set("已撤销")
    panel.status_box.event_generate("<<ComboboxSelected>>")
    assert panel.presenter.status == "已撤销" and panel.presenter.total == 0

    dialog = IssueDialog(tk_root, admin, _utest=True)
    dialog.search_var.set("星海3")
    tk_root.update()
    assert dialog.results.get_children() == ()
    wait(tk_root, 400)
    assert dialog.results.selection() == (str(world[3].id),)  # the only match
    dialog.destroy()
