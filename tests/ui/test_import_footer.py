"""The import wizard with a list that ends in 合计 / 填报人 / 注： lines: the preview names them
as a skipped trailer, not as rows with problems, and the import rejects none of them."""

from tests.exchange import workbooks as W
from tests.exchange.test_trailer import footed_rows
from tests.ui.exchange_files import finish, pump
from ui import theme
from ui.wizard.window import ImportWizard

SKIPPED = "跳过表尾 3 行（第 8、10、11 行：合计、填报人、注）"


def test_the_preview_names_the_footer_as_skipped_and_the_import_rejects_none(
    tk_root, admin, tmp_path
):
    theme.apply(tk_root)
    tk_root.deiconify()
    path = W.write_openpyxl(tmp_path / "带表尾.xlsx", footed_rows())
    wizard = ImportWizard(tk_root, admin)
    p = wizard.presenter
    wizard.steps["file"].choose(str(path))
    finish(tk_root, p.worker)
    assert "共 5 行数据" in wizard.steps["file"].info.cget("text")
    wizard.next_button.invoke()  # → 表头与列
    wizard.next_button.invoke()  # → 预览
    pump(tk_root, lambda: p.step == "preview")
    preview = wizard.steps["preview"]
    assert preview.bad_rows() == []
    assert "其中 0 行有问题" in preview.summary.cget("text")
    assert SKIPPED in preview.trailers.cget("text") and preview.trailers.winfo_ismapped()
    assert [int(i) for i in preview.tree.get_children()] == [3, 4, 5, 6, 7]

    wizard.next_button.invoke()  # → 导入选项
    wizard.steps["options"].policy_buttons["fill"].invoke()  # an administrator must choose
    wizard.next_button.invoke()  # 开始导入
    finish(tk_root, p.worker)
    result = wizard.steps["result"]
    assert p.result.created == 5 and result.count_labels["拒绝"].cget("text") == "0"
    assert result.tree.get_children() == ()
    wizard.close_button.invoke()


def test_without_a_footer_the_line_is_not_shown(tk_root, admin, tmp_path):
    theme.apply(tk_root)
    rows = footed_rows()[:7]  # the title, the header and the five rows
    wizard = ImportWizard(tk_root, admin)
    wizard.steps["file"].choose(str(W.write_openpyxl(tmp_path / "无表尾.xlsx", rows)))
    finish(tk_root, wizard.presenter.worker)
    wizard.next_button.invoke()
    wizard.next_button.invoke()
    pump(tk_root, lambda: wizard.presenter.step == "preview")
    preview = wizard.steps["preview"]
    assert preview.trailers.cget("text") == "" and not preview.trailers.winfo_ismapped()
    wizard.close_button.invoke()
