"""The import wizard: its presenter with a fake view (synchronous runs), then the real window
driven through a messy workbook — preview, mapping, import, error workbook, 打开."""

import openpyxl
import pytest

from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN
from tests.ui.exchange_files import (
    BAD_ROWS,
    fake_save,
    fake_viewer,
    finish,
    messy_workbook,
    pump,
)
from ui import theme
from ui.presenters.exchange import batch_values
from ui.wizard.grid import cell_text, column_letter
from ui.wizard.presenter import ImportWizardPresenter
from ui.wizard.window import ImportWizard
from ui.worker import run_now


class FakeView:
    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        def record(*args):
            self.calls.append((name, args))

        return record

    def names(self):
        return [name for name, _ in self.calls]


@pytest.fixture
def messy(tmp_path):
    return messy_workbook(tmp_path / "街道报送名单.xlsx")


def test_helpers():
    assert [column_letter(i) for i in (0, 25, 26, 27)] == ["A", "Z", "AA", "AB"]
    assert cell_text(3.0) == "3" and cell_text(2.5) == "2.5" and cell_text(None) == ""


def test_presenter_reads_maps_previews_and_imports(admin, messy):
    path, names, bad = messy
    view = FakeView()
    p = ImportWizardPresenter(admin, view)
    p.choose_file(path)
    assert p.preview.kind == "enterprises" and p.preview.header_row == 3
    assert "识别为：企业信息；表头在第 3 行；共 10 行数据" in p.describe_file()
    assert p.unknown_columns() == ["奇怪列"]
    rows = {r[2]: r for r in p.mapping_rows()}
    assert rows["单位名称"][4] == "name" and rows["信用代码"][4] == "credit_code"
    assert rows["奇怪列"][4] is None and not rows["奇怪列"][5]

    # the grid: bad rows flagged, bad cells marked, the problems of a row in words
    grid = p.grid_rows()
    assert [number for number, _, flagged in grid if flagged] == bad
    headings = dict(p.grid_columns())
    assert headings[1] == "单位名称→企业名称" and headings[21] == "奇怪列（忽略）"
    cells_of = dict((n, cells) for n, cells, _ in grid)
    code_cell = 2 + [i for i, _ in p.grid_columns()].index(COLUMN["统一社会信用代码"])
    assert p.has_actions  # the first cell says what the import would do with the row
    assert p.compares  # the second its changes to a registered enterprise (none here)
    assert cells_of[bad[0]][0] == "拒绝" and cells_of[bad[0]][code_cell].startswith("⚠ ")
    assert cells_of[4][0] == "新增" and not cells_of[4][code_cell].startswith("⚠")
    assert "新增 6 行" in p.preview_summary()
    problems = p.problems(bad[1])
    assert problems[0][0] == "街道→所属街道" and "火星街道" in problems[0][1]
    assert "4 行有问题" in p.preview_summary()

    # mapping: a required column left out blocks the way on; taking a code moves it
    assert p.go("mapping")
    p.set_column(1, None)
    assert p.missing_required() == ["企业名称"] and not p.can_go("preview")
    changed = p.set_column(21, "name")  # 奇怪列 as the name … then back
    assert changed == [21] and p.current_mapping()[21] == "name"
    assert sorted(p.set_column(1, "name")) == [1, 21] and 21 not in p.current_mapping()
    assert p.mapping_changed
    assert not p.go("preview")  # read again with the new mapping first, then shown
    assert p.step == "preview" and not p.mapping_changed

    p.go("options")
    p.on_conflict = "skip"
    p.next()  # 开始导入
    assert p.step == "result" and p.result.committed
    assert p.result.counts == dict(
        read=10, created=6, updated=0, unchanged=0, skipped=0, rejected=BAD_ROWS
    )
    assert p.result_status().startswith("导入完成，批次号")
    assert [r[0] for r in p.rejection_rows()] == bad
    assert p.has_errors_file
    assert "show_result" in view.names()
    p.close()
    assert not p.has_errors_file


def test_all_or_nothing_and_dry_run_write_nothing(admin, messy):
    path, _, _ = messy
    p = ImportWizardPresenter(admin, FakeView())
    p.choose_file(path)
    p.go("options")
    p.all_or_nothing = True
    assert p.start_import() is None  # the administrator has not chosen a rule yet
    p.on_conflict = "update"
    p.start_import()
    assert p.result.rolled_back_for_rejections and "没有导入任何数据" in p.result_status()
    p.all_or_nothing, p.dry_run = False, True
    p.start_import()
    assert p.result.dry_run and p.result.created == 6 and "没有写入" in p.result_status()
    assert admin.enterprises.list().total == 0
    assert admin.exchange.batches() == []


def test_sheet_and_kind_choices(admin, tmp_path):
    rows = [["企业名称", "统一社会信用代码", "证书编号", "发证日期"]]
    rows.append(["大连名单公司", W.credit_code(5), "GR202321000005", "2023-11-22"])
    path = W.write_openpyxl(
        tmp_path / "两张表.xlsx", [["填表说明：第二张表是名单"]], sheet="说明",
        extra_sheets=[("名单", rows)],
    )  # fmt: skip
    view = FakeView()
    p = ImportWizardPresenter(admin, view)
    p.choose_file(path)
    assert (p.preview.sheet, p.preview.sheet_names) == ("名单", ["说明", "名单"])
    assert p.preview.kind == "high-tech"
    assert dict(p.kind_choices())[None] == "自动识别"
    p.set_kind("enterprises")
    assert p.preview.kind == "enterprises" and p.preview.sheet == "名单"
    p.set_sheet("说明")
    assert p.preview is None and view.names()[-1] == "show_file_error"


def test_cancel_and_errors_come_back_to_the_view(admin, messy, tmp_path):
    path, _, _ = messy

    def cancelling(job, **callbacks):  # the user pressed 取消 before the first chunk
        def job_cancelled(task):
            task.cancel()
            return job(task)

        return run_now(job_cancelled, **callbacks)

    view = FakeView()
    p = ImportWizardPresenter(admin, view, run=cancelling)
    p.choose_file(path)
    p.go("options")
    p.on_conflict = "update"
    p.start_import()
    assert p.cancelled and p.step == "result" and "show_cancelled" in view.names()
    assert admin.enterprises.list().total == 0

    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"not a workbook at all")
    view = FakeView()
    p = ImportWizardPresenter(admin, view)
    p.choose_file(broken)
    assert p.preview is None and view.names()[-1] == "show_file_error"
    assert not p.can_go("mapping")


def test_the_window_through_a_messy_workbook(tk_root, admin, messy, tmp_path, monkeypatch):
    theme.apply(tk_root)
    tk_root.deiconify()
    path, names, bad = messy
    saved = fake_save(monkeypatch, tmp_path)
    opened = fake_viewer(monkeypatch)
    imported = []
    wizard = ImportWizard(tk_root, admin, on_imported=imported.append)
    p = wizard.presenter
    wizard.steps["file"].choose(str(path))
    finish(tk_root, p.worker)
    assert wizard.steps["file"].sheet_box.get() == "Sheet1"
    assert "奇怪列" in wizard.steps["file"].info.cget("text")

    wizard.next_button.invoke()  # → 表头与列
    mapping = wizard.steps["mapping"]
    assert mapping.boxes[1].get() == "企业名称＊" and mapping.boxes[21].get() == "忽略"
    mapping.choose(1, "忽略")
    assert "企业名称" in mapping.missing.cget("text")
    assert wizard.next_button.instate(["disabled"])
    mapping.choose(1, "企业名称＊")
    assert mapping.missing.cget("text") == ""

    wizard.next_button.invoke()  # → 预览 (read again with the mapping)
    pump(tk_root, lambda: p.step == "preview")
    preview = wizard.steps["preview"]
    assert preview.bad_rows() == bad
    assert bad[0] == int(preview.tree.selection()[0])  # the first bad row is selected
    assert "校验位不符" in preview.detail_text() and "应为" not in preview.detail_text()
    preview.tree.selection_set(str(bad[3]))
    tk_root.update()
    assert "「注册资本(万元)」：" in preview.detail_text() and "一百万" in preview.detail_text()

    wizard.next_button.invoke()  # → 导入选项
    wizard.steps["options"].policy_buttons["fill"].invoke()
    assert p.on_conflict == "fill"
    wizard.next_button.invoke()  # 开始导入
    assert p.step == "running" and wizard.close_button.instate(["disabled"])
    finish(tk_root, p.worker)
    result = wizard.steps["result"]
    assert p.step == "result" and imported and imported[0].created == 6
    assert result.count_labels["新增"].cget("text") == "6"
    assert result.count_labels["拒绝"].cget("text") == str(BAD_ROWS)
    assert len(result.tree.get_children()) == BAD_ROWS
    assert result.open_button.instate(["disabled"])

    result.save_button.invoke()  # 保存错误清单…
    assert saved == [("保存错误清单…", "街道报送名单_错误清单.xlsx")]
    target = tmp_path / "街道报送名单_错误清单.xlsx"
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))[2:]  # below the file's two title rows
    assert rows[0][0] == "原行号" and rows[0][-1] == "原因" and len(rows) == 1 + BAD_ROWS
    assert "火星街道" in rows[2][-1] and rows[2][1 + COLUMN["所属街道"]] == "火星街道"
    result.open_button.invoke()
    assert opened == [str(target)]

    names_now = {e.name for e in admin.enterprises.list().items}
    assert names_now == set(names)
    assert W.credit_code(1) in {e.credit_code for e in admin.enterprises.list().items}
    wizard.close_button.invoke()
    assert not wizard.winfo_exists()


def test_a_second_import_previews_the_policy_and_may_write_nothing(admin, messy):
    path, _, bad = messy
    assert admin.exchange.import_file(path).created == 6  # the same file came before
    p = ImportWizardPresenter(admin, FakeView())
    p.choose_file(path)
    assert dict((n, cells) for n, cells, _ in p.grid_rows())[4][0] == "无变化"
    p.go("options")
    p.on_conflict = "skip"
    assert not p.go("preview")  # read again: the actions depend on the policy
    assert p.step == "preview" and "按「跳过」处理" in p.preview_summary()
    assert dict((n, cells) for n, cells, _ in p.grid_rows())[4][0] == "跳过"
    p.go("options")
    p.start_import()
    assert not p.result.committed and p.result.skipped == 6 and p.result.rejected == len(bad)
    assert p.result_status() == "没有写入任何数据：文件中没有可以新增或更新的记录。"


def test_carrier_operations_through_the_wizard(admin, tmp_path):
    """载体年度运营 is among the kinds, detected from its headers; the preview lists the
    figures an update changes, and the import writes them."""
    admin.carriers.create({"name": "甘井子区科技孵化器", "kind": "孵化器", "street": "大连湾街道"})
    carrier = admin.carriers.get_by_name("甘井子区科技孵化器")
    admin.carrier_years.save(carrier.id, 2023, {"stations": 250})
    rows = [["载体名称", "年度", "工位数", "创新创业活动"], ["甘井子区科技孵化器", 2023, 300, 12]]
    p = ImportWizardPresenter(admin, FakeView())
    assert ("carrier-years", "载体年度运营") in p.kind_choices()
    p.choose_file(W.write_openpyxl(tmp_path / "运营.xlsx", rows))
    assert (p.preview.kind, p.preview.total_rows) == ("carrier-years", 1)
    p.on_conflict = "update"
    p.load_preview()
    assert [str(c) for c in p.preview.rows[0].changes][0] == "工位数(个) 250 → 300"
    p.go("options")
    p.start_import()
    assert p.result.committed and p.result.updated == 1
    assert p.change_rows() == [(2, "甘井子区科技孵化器 2023 年度运营", p.result.changes[0].text)]
    assert admin.carrier_years.get(carrier.id, 2023).events == 12
    assert batch_values(admin.exchange.batches()[0])[4] == "载体年度运营"  # 导入记录's 类型
