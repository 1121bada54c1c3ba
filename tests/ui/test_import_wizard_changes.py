"""The import wizard and registered records (issue 16, points 1, 2 and 5), driven through the
window: a dry run leads on to 正式导入 with the same file, mapping and options (上一步 goes back
to the options); the preview shows each changed field old → new with the count per column; a
street user starts from 只填空白, an administrator must choose, and 更新 never overwrites a
value that was not shown; the error list's save dialog starts in the imported file's folder."""

from decimal import Decimal
from tkinter import filedialog

from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN
from tests.exchange.test_import_changes import capital_files
from tests.ui.exchange_files import finish, messy_workbook, pump
from tests.ui.test_import_wizard import FakeView
from ui import files, theme
from ui.wizard.presenter import ImportWizardPresenter
from ui.wizard.window import ImportWizard


def stored(registry, n=1):
    e = registry.enterprises.get_by_code(W.credit_code(n))
    return e.registered_capital, e.employees


def open_wizard(tk_root, user, path, imported=None):
    """The wizard with ``path`` chosen and read."""
    theme.apply(tk_root)
    tk_root.deiconify()
    wizard = ImportWizard(tk_root, user, on_imported=None if imported is None else imported.append)
    wizard.steps["file"].choose(str(path))
    finish(tk_root, wizard.presenter.worker)
    return wizard


def forward(tk_root, wizard, to):
    """下一步 until the wizard shows step ``to`` (each one read again when needed)."""
    while wizard.presenter.step != to:
        step = wizard.presenter.step
        wizard.next_button.invoke()
        pump(tk_root, lambda was=step: wizard.presenter.step != was and wizard.presenter.preview)


def run(tk_root, wizard):
    """Press the accent button (开始导入 / 试导入 / 正式导入) and wait for the result."""
    wizard.next_button.invoke()
    finish(tk_root, wizard.presenter.worker)
    assert wizard.presenter.step == "result"


def test_a_dry_run_goes_on_to_the_real_import_in_one_step(tk_root, admin, tmp_path):
    first, second = capital_files(tmp_path)
    admin.exchange.import_file(first)
    imported = []
    wizard = open_wizard(tk_root, admin, second, imported)
    p = wizard.presenter
    forward(tk_root, wizard, "mapping")
    wizard.steps["mapping"].choose(COLUMN["从业人员"], "忽略")  # a mapping of the user's own
    forward(tk_root, wizard, "options")
    options = wizard.steps["options"]
    options.policy_buttons["update"].invoke()
    options.dry_button.invoke()  # 试导入
    assert wizard.next_button.cget("text") == "试导入"
    run(tk_root, wizard)
    result = wizard.steps["result"]
    assert p.result.dry_run and stored(admin) == (Decimal(50), 10)
    assert "试导入完成" in result.status.cget("text") and "正式导入" in result.status.cget("text")
    assert [
        result.changes_tree.item(i, "values")[2] for i in result.changes_tree.get_children()
    ] == ["注册资本(万元) 50 → 60"]
    assert wizard.next_button.cget("text") == "正式导入" and wizard.next_button.winfo_ismapped()
    assert wizard.back_button.instate(["!disabled"])

    wizard.back_button.invoke()  # 上一步: the options, as they were
    assert p.step == "options" and options.policy.get() == "update" and options.dry_run.get()
    wizard.next_button.invoke()  # 试导入 again, then 正式导入 in one step
    finish(tk_root, p.worker)
    run(tk_root, wizard)
    assert p.result.committed and not p.result.dry_run and imported == [p.result]
    assert "导入完成" in result.status.cget("text")
    # the same mapping: 从业人员 stayed ignored, 注册资本 was written
    assert stored(admin) == (Decimal(60), 10)
    assert not wizard.next_button.winfo_ismapped() and wizard.back_button.instate(["disabled"])
    wizard.close_button.invoke()


def test_the_preview_shows_each_changed_field_old_to_new(tk_root, admin, tmp_path):
    first, second = capital_files(tmp_path)
    admin.exchange.import_file(first)
    wizard = open_wizard(tk_root, admin, second)
    forward(tk_root, wizard, "preview")
    preview = wizard.steps["preview"]
    tree = preview.tree
    headings = [tree.heading(c, "text") for c in tree.cget("columns")]
    row = dict(zip(headings, tree.item("2", "values")))
    assert row["处理"] == "已登记"
    assert row["变更（原值 → 新值）"] == "注册资本(万元) 50 → 60；从业人员 10 → 11"
    assert row["注册资本(万元)"] == "50 → 60" and row["从业人员"] == "10 → 11"
    assert dict(zip(headings, tree.item("3", "values")))["处理"] == "无变化"
    summary = preview.summary.cget("text")
    assert "将修改 1 行已登记记录的字段" in summary
    assert "各列改动的行数：注册资本(万元) 1 行，从业人员 1 行" in summary
    assert tree.selection() == ("2",)  # the changed row is selected, its changes below
    assert preview.detail_text().splitlines() == [
        "第 2 行将修改：",
        "「注册资本(万元)」：50 → 60",
        "「从业人员」：10 → 11",
    ]
    assert stored(admin) == (Decimal(50), 10)
    wizard.close_button.invoke()


def test_a_clerk_starts_from_fill_and_an_administrator_must_choose(tk_root, admin, clerk, tmp_path):
    first, second = capital_files(tmp_path)
    admin.exchange.import_file(first)
    # the administrator: no rule chosen, no way on until one is
    wizard = open_wizard(tk_root, admin, second)
    forward(tk_root, wizard, "options")
    options = wizard.steps["options"]
    assert not any(b.instate(["selected"]) for b in options.policy_buttons.values())
    assert wizard.next_button.instate(["disabled"])
    assert options.policy_note.cget("text") == "请选择一种处理方式。"
    options.policy_buttons["update"].invoke()
    # the preview listed every difference, so 更新 may start at once
    assert (
        wizard.next_button.instate(["!disabled"]) and wizard.next_button.cget("text") == "开始导入"
    )
    assert options.policy_note.cget("text") == ""
    wizard.close_button.invoke()

    # the clerk: 只填空白 chosen, nothing overwritten — and told what is left as it was
    wizard = open_wizard(tk_root, clerk, second)
    p = wizard.presenter
    forward(tk_root, wizard, "preview")
    summary = wizard.steps["preview"].summary.cget("text")
    assert "不会修改任何已登记记录的字段" in summary
    assert "另有 1 行与库中的值不同，按「只填空白」保留库中原值" in summary
    forward(tk_root, wizard, "options")
    options = wizard.steps["options"]
    assert options.policy_buttons["fill"].instate(["selected"]) and p.on_conflict == "fill"
    assert wizard.next_button.cget("text") == "开始导入"
    run(tk_root, wizard)
    assert p.result.updated == 0 and stored(admin) == (Decimal(50), 10)
    wizard.close_button.invoke()

    # 更新, compared under 只填空白 only: a dry run lists the changes before anything is written
    wizard = open_wizard(tk_root, clerk, second)
    p = wizard.presenter
    forward(tk_root, wizard, "options")
    options = wizard.steps["options"]
    options.policy_buttons["update"].invoke()
    assert wizard.next_button.cget("text") == "试导入"
    assert "将先试导入" in options.policy_note.cget("text")
    run(tk_root, wizard)
    assert p.result.dry_run and stored(admin) == (Decimal(50), 10)
    result = wizard.steps["result"]
    assert "请先核对「修改的字段」" in result.status.cget("text")
    assert result.tabs.index("current") == 1  # the changes tab is shown
    assert "各列改动的行数：注册资本(万元) 1 行，从业人员 1 行" in result.changes_summary.cget(
        "text"
    )
    run(tk_root, wizard)  # 正式导入
    assert p.result.committed and stored(admin) == (Decimal(60), 11)
    wizard.close_button.invoke()


def test_the_error_list_is_saved_from_the_imported_files_folder(
    tk_root, admin, tmp_path, monkeypatch
):
    folder = tmp_path / "街道来文"
    folder.mkdir()
    path, _, _ = messy_workbook(folder / "街道报送名单.xlsx")
    elsewhere = tmp_path / "上次保存的地方"
    elsewhere.mkdir()
    files.remember_folder("output", elsewhere / "名单.pdf")  # the last folder used for output
    asked = []

    def dialog(**options):
        asked.append(options)
        return str(tmp_path / options["initialfile"])

    monkeypatch.setattr(filedialog, "asksaveasfilename", dialog)
    wizard = open_wizard(tk_root, admin, path)
    forward(tk_root, wizard, "options")
    wizard.steps["options"].policy_buttons["skip"].invoke()
    run(tk_root, wizard)
    wizard.steps["result"].save_button.invoke()
    [options] = asked
    assert options["initialdir"] == str(folder)
    assert options["initialfile"] == "街道报送名单_错误清单.xlsx"
    assert (tmp_path / "街道报送名单_错误清单.xlsx").exists()
    wizard.close_button.invoke()


def test_a_list_sheet_under_update_is_checked_before_it_is_written(admin, tmp_path):
    """A carrier sheet's preview compares nothing, so 更新 runs a dry run first."""
    rows = [
        ["载体名称", "载体类型", "所属街道", "面积"],
        ["甘井子孵化器", "孵化器", "大连湾街道", 100],
    ]
    admin.exchange.import_file(W.write_openpyxl(tmp_path / "载体.xlsx", rows))
    rows[1][3] = 150
    p = ImportWizardPresenter(admin, FakeView())
    p.choose_file(W.write_openpyxl(tmp_path / "载体新面积.xlsx", rows))
    p.go("options")
    p.on_conflict = "fill"
    assert not p.runs_dry  # 只填空白 overwrites nothing
    p.on_conflict = "update"
    assert p.runs_dry
    p.start_import()
    assert p.result.dry_run and [r.text for r in p.result.changes] == ["面积(平方米) 100 → 150"]
    assert p.can_commit and "请先核对「修改的字段」" in p.result_status()
    p.commit()
    assert p.result.committed and admin.carriers.list().items[0].area_m2 == 150
