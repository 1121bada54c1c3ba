"""Issue 16.11, texts shown whole: lists size their columns to their content (short columns
such as 资质类型 keep theirs, long names give way and show whole in a tooltip), the 首页
heading wraps instead of running off its chart, the import's rejection list scrolls sideways,
the drill-down's 依据 is readable and the preview's problem box never breaks 「第 15 行」."""

import datetime
import types
from tkinter import font as tkfont

import pytest

from gjz_registry.services.qualifications import add_years
from tests.conftest import enterprise_data
from tests.exchange import workbooks as W
from tests.exchange.importing import COLUMN
from tests.ui.exchange_files import finish, messy_rows, pump
from ui import theme
from ui.dialogs.targets import DrillDownWindow
from ui.views.dashboard import DashboardView
from ui.widgets.columns import CELL_PADDING, tree_fonts
from ui.widgets.table import Table
from ui.wizard.window import ImportWizard

CARRIER = "甘井子区启普人工智能科技企业孵化器"


@pytest.fixture
def shown(tk_root):
    theme.apply(tk_root)
    tk_root.minsize(1, 1)  # a main window shown by an earlier test leaves its minimum size
    tk_root.deiconify()
    yield tk_root
    tk_root.withdraw()


def cell_fits(tree, key, text):
    """True when column ``key`` of ``tree`` shows ``text`` whole."""
    body = tkfont.Font(tree, font=tree_fonts(tree)[0])  # Tk's own measure, not the cached one
    return int(tree.column(key, "width")) >= body.measure(text) + CELL_PADDING


def hover(widget, x, y):
    """The pointer comes to (x, y) over ``widget``; returns the tooltip's text (or None)."""
    widget.tooltip.delay = 0
    widget.event_generate("<Enter>", x=x, y=y)
    widget.event_generate("<Motion>", x=x, y=y)
    widget.update()
    shown = widget.tooltip.shown
    return None if shown is None else shown.replace("\n", "")  # a long tip wraps


def cell_centre(tree, row, key):
    x, y, width, height = tree.bbox(row, key)
    return x + width // 2, y + height // 2


def test_columns_fit_their_content_and_a_cut_name_shows_in_a_tooltip(shown):
    columns = [("name", "企业名称", 100), ("kind", "资质类型", 80), ("day", "到期日", 80)]
    table = Table(shown, columns)
    table.pack(fill="both", expand=True)
    shown.geometry("460x300")
    rows = [
        (1, ("大连" + "非常长的名字" * 6 + "科技有限公司", "科技型中小企业", "2026-12-31（25天）")),
        (2, ("大连短名有限公司", "高新技术企业", "2026-12-21（15天）")),
    ]
    table.set_rows(rows)
    shown.update()
    tree = table.tree
    assert cell_fits(tree, "kind", "科技型中小企业")
    assert cell_fits(tree, "day", "2026-12-31（25天）")
    assert not cell_fits(tree, "name", rows[0][1][0])  # the long name gives way
    total = sum(int(tree.column(k, "width")) for k in ("name", "kind", "day"))
    assert total <= tree.winfo_width()  # nothing runs off the right edge
    assert hover(tree, *cell_centre(tree, "1", "name")) == rows[0][1][0]
    assert hover(tree, *cell_centre(tree, "2", "name")) is None  # shown whole: no tip
    table.event_generate("<Leave>")
    # a wider window: the name is shown whole
    shown.geometry("1100x300")
    shown.update()
    assert cell_fits(tree, "name", rows[0][1][0])
    table.destroy()


@pytest.fixture
def expiring(admin):
    """A tech-SME of 大连湾 that expires at the end of the year, a resident of a carrier with
    a long name in for ten years, and a high-tech certificate expiring within 90 days."""
    carrier = admin.carriers.create({"name": CARRIER, "kind": "孵化器", "street": "大连湾街道"})
    name = "大连弘东众创数据科技服务有限公司"
    e = admin.enterprises.create(enterprise_data(1, name=name, founded_on="2014-01-01"))
    admin.incubation.admit(e.id, carrier.id, "2015-06-01", override_reason="老企业入驻")
    year = datetime.date.today().year
    admin.qualifications.add(e.id, "科技型中小企业", f"{year}210211A0000001", year=year)
    other = admin.enterprises.create(enterprise_data(2))
    granted = add_years(datetime.date(year, 12, 20), -3)
    number = f"GR{granted.year}21000001"
    admin.qualifications.add(other.id, "高新技术企业", number, granted_on=granted)
    return datetime.date(year, 12, 1)


def test_dashboard_heading_wraps_and_short_columns_stay_whole(shown, clerk, expiring):
    view = DashboardView(shown, clerk)
    view.presenter.today = expiring  # both qualifications expire within 90 days
    view.pack(fill="both", expand=True)
    shown.geometry("1200x760")
    shown.update()
    view.refresh()
    shown.update()
    chart = view.target_chart
    title = chart.title
    assert (
        title.startswith("行动计划主要目标（") and "，本街道贡献" in title and title.endswith("）")
    )
    lines = chart.itemcget(chart.find_withtag("title")[0], "text").split("\n")
    assert "".join(lines) == title
    assert all(chart.bold.measure(line) <= chart.winfo_width() for line in lines)
    tree = view.expiring.tree
    kinds = {tree.set(row, "kind") for row in tree.get_children()}
    assert kinds == {"科技型中小企业", "高新技术企业"}
    for row in tree.get_children():
        assert cell_fits(tree, "kind", tree.set(row, "kind"))
        assert cell_fits(tree, "expires_on", tree.set(row, "expires_on"))
    overdue = view.overdue.tree
    row = overdue.get_children()[0]
    assert overdue.set(row, "carrier") == CARRIER
    if not cell_fits(overdue, "carrier", CARRIER):  # cut: the whole name on hover
        assert hover(overdue, *cell_centre(overdue, row, "carrier")) == CARRIER
    view.destroy()


def test_drill_down_basis_is_readable(shown, admin):
    detail = "GR202321000001，有效期至 2026-11-30；2025 年营业收入 2,000 万元，研发投入占比 6.5%"
    result = types.SimpleNamespace(
        title="高新技术企业（区，2025年下半年）",
        definition="期末持有有效高新技术企业证书的企业数",
        rows=[
            types.SimpleNamespace(
                name="大连弘东众创数据科技服务有限公司",
                credit_code="91210211MA0X7U8K2U",
                street="大连湾街道",
                field="人工智能及新一代信息技术",
                value=1,
                detail=detail,
                enterprise_id=None,
                carrier_id=None,
            )
        ],
        total=1,
        unit="家",
    )
    window = DrillDownWindow(shown, admin, result)
    window.update()
    tree = window.table.tree
    row = tree.get_children()[0]
    assert cell_fits(tree, "detail", detail) or hover(tree, *cell_centre(tree, row, "detail"))
    window.geometry("800x400")  # narrower: the basis is cut, and whole in the tooltip
    window.update()
    assert not cell_fits(tree, "detail", detail)
    assert cell_fits(tree, "value", "1") and cell_fits(tree, "street", "大连湾街道")
    assert hover(tree, *cell_centre(tree, row, "detail")) == detail
    window.destroy()


def display_lines(text):
    """The lines of a Text widget as it shows them (its own breaks and Tk's wrapping)."""
    text.update_idletasks()
    lines, index = [], "1.0"
    while True:
        end = text.index(f"{index} display lineend")
        lines.append(text.get(index, end))
        following = text.index(f"{index} + 1 display lines display linestart")
        if text.compare(following, "<=", index) or text.compare(following, ">=", "end - 1c"):
            return lines
        index = following


def test_import_preview_problems_and_rejection_reasons(shown, admin, tmp_path):
    rows, _, bad = messy_rows()
    far_away = "火星" + "遥远的" * 40 + "街道"
    rows[bad[1] - 1][COLUMN["所属街道"]] = far_away  # a reason wider than the list
    path = W.write_openpyxl(tmp_path / "报送.xlsx", rows)
    wizard = ImportWizard(shown, admin)
    p = wizard.presenter
    wizard.steps["file"].choose(str(path))
    finish(shown, p.worker)
    wizard.next_button.invoke()  # → 表头与列
    wizard.next_button.invoke()  # → 预览
    pump(shown, lambda: p.step == "preview")
    preview = wizard.steps["preview"]
    # every width of the problem box: no line ends inside 「第 N 行」 nor starts with its 行
    for number in bad:
        preview.tree.selection_set(str(number))
        shown.update()
        assert f"第 {number} 行" in preview.detail_text()
        for width in range(24, 90, 3):
            preview.detail.configure(width=width)
            for line in display_lines(preview.detail):
                assert not line.rstrip().endswith(("第", f"第 {number}")), (width, line)
                assert not line.startswith(("行", f"{number} 行")), (width, line)
    wizard.next_button.invoke()  # → 导入选项
    wizard.steps["options"].policy_buttons["fill"].invoke()  # an administrator must choose
    wizard.next_button.invoke()  # 开始导入
    finish(shown, p.worker)
    result = wizard.steps["result"]
    shown.update()
    tree = result.tree
    reasons = [tree.set(row, "message") for row in tree.get_children()]
    longest = max(reasons, key=len)
    assert far_away in longest and cell_fits(tree, "message", longest)
    assert tree.xview() != (0.0, 1.0)  # wider than the list: it scrolls sideways
    tree.xview_moveto(1.0)
    shown.update()
    assert tree.xview()[1] == 1.0
    tree.xview_moveto(0.0)
    shown.update()
    row = next(r for r in tree.get_children() if tree.set(r, "message") == longest)
    _, y, _, height = tree.bbox(row, "message")
    assert hover(tree, tree.winfo_width() // 2, y + height // 2) == longest  # beyond the edge
    wizard.close()
