"""The 导入导出 and 报表 screens: their presenters' outputs (file names, filters), the export
and report buttons writing real files, 导入记录 with 撤销 (and its refusal), read-only users."""

import datetime

import openpyxl
import pytest

from gjz_registry import output_kinds
from tests.exchange import workbooks as W
from tests.exchange.importing import add_carrier, enterprise_rows
from tests.ui.exchange_files import fake_save, finish, pdftotext, squeeze
from ui import errors, theme
from ui.dialogs import confirm
from ui.main_window import MainWindow
from ui.views import catalogue
from ui.views.exchange import ExchangePresenter, ExchangeView
from ui.views.reports import ReportsPresenter, ReportsView

EXPORTS = [k.code for k in output_kinds.export_kinds()]
REPORTS = [k.code for k in output_kinds.report_kinds()]

YEAR = datetime.date.today().year


class FakeView:
    def __init__(self):
        self.shown = []

    def show_batches(self, rows, total, page, pages, sort_key, sort_desc):
        self.shown.append((rows, total))


@pytest.fixture
def imported(tmp_path, admin):
    add_carrier(admin)
    granted = datetime.date.today() - datetime.timedelta(days=30)
    rows = enterprise_rows(4, 高企发证日期=granted)
    for n, row in enumerate(rows[1:], start=1):
        row[16] = f"GR{granted.year}210{n:05d}"
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "四家.xlsx", rows))
    assert result.created == 4, result.rejections
    return admin, result


def test_presenters_name_the_files_and_pass_the_filters(imported):
    admin, result = imported
    p = ExchangePresenter(admin, FakeView())
    p.load()
    rows, total = p.view.shown[-1]
    assert total == 1 and rows[0][1][3] == "四家.xlsx" and rows[0][1][4] == "企业信息"
    p.set_street("大连湾街道")
    p.set_year(2024)
    names = {kind: p.export_output(kind).initialfile for kind in EXPORTS}
    assert names["high-tech"] == "甘井子区大连湾街道2024年高新技术企业名单.xlsx"
    assert names["enterprises"].startswith("甘井子区大连湾街道企业信息_")
    assert names["template"] == "企业信息导入模板.xlsx"
    assert names["carrier-years-template"] == "载体年度运营导入模板.xlsx"
    assert names["targets"].startswith("甘井子区") and names["targets"].endswith(
        "目标完成情况.xlsx"
    )
    assert p.periods and p.period in dict(p.periods)

    reports = ReportsPresenter(admin)
    assert [k for k, _, _ in reports.kinds()] == list(REPORTS)
    reports.set_street("大连湾街道")
    reports.set_year(2025)
    assert reports.output().initialfile == "甘井子区大连湾街道2025年高新技术企业名单.pdf"
    reports.set_kind("statistics")
    assert reports.output().initialfile == "甘井子区2025年科技企业统计报告.pdf"
    reports.set_kind("targets")
    reports.set_period("2019H2")
    assert reports.output().initialfile == "甘井子区2019年下半年行动计划目标完成情况.pdf"
    assert reports.excel_output().initialfile == "甘井子区2019年下半年行动计划目标完成情况.xlsx"


def test_exports_undo_and_its_refusal_on_screen(tk_root, imported, tmp_path, monkeypatch):
    theme.apply(tk_root)
    admin, result = imported
    saved = fake_save(monkeypatch, tmp_path)
    view = ExchangeView(tk_root, admin)
    view.pack()
    view.street_box.set("大连湾街道")
    view.street_box.event_generate("<<ComboboxSelected>>")
    view.year_box.set(f"{YEAR - 1}年")
    view.year_box.event_generate("<<ComboboxSelected>>")
    assert (view.presenter.street, view.presenter.year) == ("大连湾街道", YEAR - 1)
    view.year_box.set(view.year_box.cget("values")[0])  # 今年
    view.year_box.event_generate("<<ComboboxSelected>>")
    assert view.presenter.year is None
    tk_root.update()

    view.export_buttons["enterprises"].invoke()
    finish(tk_root, view.output.worker)
    sheet = openpyxl.load_workbook(tmp_path / saved[-1][1])["企业信息"]
    assert sheet.max_row == 5 and sheet.cell(2, 2).value == "大连测试科技有限公司1"
    view.export_buttons["template"].invoke()
    finish(tk_root, view.output.worker)
    template = openpyxl.load_workbook(tmp_path / saved[-1][1])
    assert template.worksheets[0].cell(1, 2).value == "＊企业名称"  # required: starred
    view.export_buttons["carrier-years-template"].invoke()
    finish(tk_root, view.output.worker)
    template = openpyxl.load_workbook(tmp_path / saved[-1][1])
    assert template.worksheets[0].title == "载体年度运营"
    assert template["下拉选项"]["A2"].value == "甘井子区科技孵化器"  # the carriers
    view.export_buttons["targets"].invoke()
    finish(tk_root, view.output.worker)
    assert "主要指标" in openpyxl.load_workbook(tmp_path / saved[-1][1]).sheetnames

    # 撤销 is refused once a record of the batch changed afterwards — the reason is shown
    e = admin.enterprises.get_by_code(W.credit_code(2))
    admin.enterprises.update(e.id, {"contact_name": "王五"}, version=e.version)
    shown = []
    monkeypatch.setattr(errors, "show", lambda exc, parent=None: shown.append(str(exc)))
    monkeypatch.setattr(confirm, "ask", lambda *a, **k: True)
    view.panel.tree.selection_set(str(result.batch_id))
    view.undo_button.invoke()
    assert shown and "大连测试科技有限公司2" in shown[0]
    assert view.panel.tree.item(str(result.batch_id), "values")[-1] == "已提交"


def test_reports_on_screen(tk_root, imported, tmp_path, monkeypatch):
    theme.apply(tk_root)
    admin, _ = imported
    saved = fake_save(monkeypatch, tmp_path)
    view = ReportsView(tk_root, admin)
    view.pack()
    panel = view.reports
    assert panel.period_box.instate(["disabled"]) and panel.excel_button.instate(["disabled"])
    panel.street_box.set("大连湾街道")
    panel.street_box.event_generate("<<ComboboxSelected>>")
    panel.pdf_button.invoke()
    finish(tk_root, panel.output.worker)
    assert saved[-1][1] == f"甘井子区大连湾街道{YEAR}年高新技术企业名单.pdf"
    text = squeeze(pdftotext(tmp_path / saved[-1][1]))
    assert "大连测试科技有限公司4" in text and "所属街道：大连湾街道" in text

    panel.choose("statistics")
    assert panel.street_box.instate(["disabled"])
    panel.pdf_button.invoke()
    finish(tk_root, panel.output.worker)
    assert "统计" in squeeze(pdftotext(tmp_path / saved[-1][1]))

    panel.choose("targets")
    assert not panel.period_box.instate(["disabled"])
    panel.period_box.set("2019年下半年")
    panel.period_box.event_generate("<<ComboboxSelected>>")
    assert panel.presenter.period == "2019H2"
    panel.pdf_button.invoke()
    finish(tk_root, panel.output.worker)
    assert "2019年下半年" in squeeze(pdftotext(tmp_path / saved[-1][1]))
    panel.excel_button.invoke()
    finish(tk_root, panel.output.worker)
    assert saved[-1][1].endswith(".xlsx") and (tmp_path / saved[-1][1]).exists()


def test_every_new_screen_opens_for_every_role(tk_root, registry, imported):
    theme.apply(tk_root)
    from tests.conftest import PASSWORD

    for username in ("admin", "dlw", "viewer"):
        user = registry.login(username, PASSWORD)
        window = MainWindow(tk_root, user, catalogue.Views(user))
        for key in ("exchange", "reports"):
            window.show(key)
            tk_root.update()
        exchange, reports = window.view("exchange"), window.view("reports")
        for tab in ("reports", "certificates", "verify"):
            reports.select(tab)
        writer = username != "viewer"
        assert exchange.import_button.instate(["!disabled"] if writer else ["disabled"])
        assert bool(reports.certificates.buttons) == writer
        # the 街道 box: a street user's own street only (no 全部), chosen from the start
        for box, presenter in (
            (exchange.street_box, exchange.presenter),
            (reports.reports.street_box, reports.reports.presenter),
        ):
            offered = [str(v) for v in box.cget("values")]
            if username == "dlw":
                assert offered == ["大连湾街道"] and box.get() == "大连湾街道"
                assert presenter.street == "大连湾街道"
            else:
                assert offered[0] == "全部" and box.get() == "全部" and presenter.street is None
                assert len(offered) > 10
        window.destroy()
