"""导出Excel and 打印名单 from the lists, with their current filters: what the presenters decide
(no display needed for that part), then the real buttons writing real files."""

import datetime
import os

import openpyxl
import pytest

from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN, add_carrier, enterprise_rows
from tests.ui.exchange_files import fake_save, fake_viewer, finish, pdftotext, squeeze
from ui import files, list_output, theme
from ui.views.carriers import CarrierListView
from ui.views.enterprises import EnterpriseListView
from ui.views.qualifications import QualificationsView


@pytest.fixture
def filled(tmp_path, admin):
    """Ten enterprises: 1–6 in 大连湾街道 (新材料), 7–10 in 南关岭街道 (生命健康); 1–4 in the
    incubator; all with a 高企 certificate valid today."""
    add_carrier(admin)
    granted = datetime.date.today() - datetime.timedelta(days=100)
    rows = enterprise_rows(10, 高企发证日期=granted)
    for n, row in enumerate(rows[1:], start=1):
        row[COLUMN["高新技术企业证书编号"]] = f"GR{granted.year}210{n:05d}"
        if n > 4:
            row[COLUMN["孵化阶段"]] = row[COLUMN["入驻载体"]] = row[COLUMN["入驻日期"]] = None
        if n > 6:
            row[COLUMN["所属街道"]] = "南关岭街道"
            row[COLUMN["产业领域"]] = "生命健康"
    result = admin.exchange.import_file(W.write_openpyxl(tmp_path / "in.xlsx", rows))
    assert result.created == 10, result.rejections
    return admin


def name(n):
    return f"大连测试科技有限公司{n}"


def sheet_names(path, sheet="企业信息"):
    rows = list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))
    return [row[1] for row in rows[1:]]


def test_default_names_and_folders(tmp_path):
    year = datetime.date.today().year
    assert files.default_name("高新技术企业名单", "pdf", "甘井子区") == (
        f"甘井子区{year}年高新技术企业名单.pdf"
    )
    assert files.default_name("名单", "pdf", "甘井子区", "大连湾街道", 2024) == (
        "甘井子区大连湾街道2024年名单.pdf"
    )
    assert files.default_name("企业信息", "xlsx", "甘井子区", stamp=True).startswith(
        "甘井子区企业信息_"
    )
    assert files.safe_name('a/b:c*?"<>|') == "a_b_c______"
    assert files.folder_for("output") == os.path.expanduser("~")
    files.remember_folder("output", tmp_path / "x.pdf")
    assert files.folder_for("output") == str(tmp_path)


def test_the_enterprise_list_chooses_a_standard_list_or_its_own_rows(filled):
    plain = list_output.enterprise_print(filled, {"qualification": "高新技术企业"}, "", "name")
    assert plain.initialfile.endswith("年高新技术企业名单.pdf")
    narrowed = {"qualification": "高新技术企业", "industry": "新材料"}
    own = list_output.enterprise_print(filled, narrowed, "", "name")
    assert own.initialfile.endswith("年企业名单.pdf")
    report = list_output.enterprise_report(filled, {"industry": "生命健康"}, "", "-name")
    listed = filled.enterprises.list(industry="生命健康", order_by="-name").items
    assert [row[0] for row in report.rows] == [e.name for e in listed] and len(listed) == 4
    assert report.subtitle.startswith("（产业领域：生命健康；截至")
    assert [c.header for c in report.columns][:3] == ["企业名称", "统一社会信用代码", "所属街道"]
    export = list_output.enterprise_export(filled, {"street": "大连湾街道", "stage": None}, "dl")
    assert export.kind == "xlsx" and export.initialfile.startswith("甘井子区企业信息_")


def test_export_and_print_from_the_enterprise_list(tk_root, filled, tmp_path, monkeypatch):
    theme.apply(tk_root)
    saved = fake_save(monkeypatch, tmp_path)
    opened = fake_viewer(monkeypatch)
    view = EnterpriseListView(tk_root, filled)
    view.pack()
    view.filter_boxes["industry"].set("新材料")
    view.filter_boxes["industry"].event_generate("<<ComboboxSelected>>")
    view.filter_boxes["stage"].set("未入驻")
    view.filter_boxes["stage"].event_generate("<<ComboboxSelected>>")
    tk_root.update()
    shown = [view.table.tree.item(i, "values")[0] for i in view.table.tree.get_children()]
    assert sorted(shown) == [name(5), name(6)]

    view.buttons["导出Excel"].invoke()
    finish(tk_root, view.output.worker)
    workbook = tmp_path / saved[-1][1]
    assert sorted(sheet_names(workbook)) == sorted(shown)
    about = dict(openpyxl.load_workbook(workbook)["说明"].iter_rows(values_only=True))
    assert "产业领域：新材料" in about["筛选条件"] and "孵化阶段：未入驻" in about["筛选条件"]
    assert "已导出 2 条记录" in view.output.done.message.cget("text")
    view.output.done.open_button.invoke()
    assert opened == [str(workbook)]

    view.buttons["打印名单"].invoke()
    finish(tk_root, view.output.worker)
    pdf = tmp_path / saved[-1][1]
    assert saved[-1][1].endswith("年企业名单.pdf")
    text = squeeze(pdftotext(pdf))
    assert name(5) in text and name(6) in text and W.credit_code(1) not in text
    assert "产业领域：新材料" in text and W.credit_code(5) in text
    view.output.done.destroy()


def test_cancelled_output_leaves_no_file(tk_root, filled, tmp_path, monkeypatch):
    saved = fake_save(monkeypatch, tmp_path)
    view = EnterpriseListView(tk_root, filled)
    view.pack()
    view.buttons["打印名单"].invoke()
    view.output.progress.cancel_button.invoke()  # before the thread has finished
    finish(tk_root, view.output.worker)
    assert not (tmp_path / saved[-1][1]).exists()
    assert "已取消" in view.output.done.message.cget("text")
    assert view.output.done.open_button is None


def test_export_and_print_from_the_carrier_list(tk_root, filled, tmp_path, monkeypatch):
    filled.carriers.create({"name": "甘井子区北站加速器", "kind": "加速器", "street": "南关岭街道"})
    saved = fake_save(monkeypatch, tmp_path)
    view = CarrierListView(tk_root, filled)
    view.pack()
    view.filter_boxes["kind"].set("孵化器")
    view.filter_boxes["kind"].event_generate("<<ComboboxSelected>>")
    tk_root.update()
    view.buttons["导出Excel"].invoke()
    finish(tk_root, view.output.worker)
    assert sheet_names(tmp_path / saved[-1][1], "载体信息") == ["甘井子区科技孵化器"]
    view.buttons["打印名单"].invoke()
    finish(tk_root, view.output.worker)
    text = squeeze(pdftotext(tmp_path / saved[-1][1]))
    assert "甘井子区科技孵化器" in text and "北站加速器" not in text and "载体类型：孵化器" in text


def test_export_and_print_from_the_qualification_view(tk_root, filled, tmp_path, monkeypatch):
    saved = fake_save(monkeypatch, tmp_path)
    view = QualificationsView(tk_root, filled)
    view.pack()
    view.street_box.set("南关岭街道")
    view.street_box.event_generate("<<ComboboxSelected>>")
    tk_root.update()
    view.excel_button.invoke()
    finish(tk_root, view.output.worker)
    assert saved[-1][1].endswith(
        "南关岭街道" + str(datetime.date.today().year) + "年高新技术企业名单.xlsx"
    )
    assert sorted(sheet_names(tmp_path / saved[-1][1], "高新技术企业名单")) == sorted(
        name(n) for n in (7, 8, 9, 10)
    )
    view.print_button.invoke()  # the standard list of the street
    finish(tk_root, view.output.worker)
    text = squeeze(pdftotext(tmp_path / saved[-1][1]))
    assert name(7) in text and W.credit_code(1) not in text and "高新技术企业名单" in text
    view.select("expiring")
    tk_root.update()
    assert view.excel_button.instate(["disabled"])
