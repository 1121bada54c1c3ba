"""The Canvas widgets: bar, column and progress charts, and the drawn table with bars."""

import pytest

from tests.ui.test_dashboard import double_click
from ui.widgets.bartable import BarTable, Cell
from ui.widgets.charts import BarChart, ColumnChart, ProgressChart, number_text
from ui.widgets.wrap import shorten

pytestmark = pytest.mark.gui


@pytest.fixture
def window(tk_root):
    tk_root.geometry("700x420")
    tk_root.deiconify()
    yield tk_root
    tk_root.withdraw()


def texts(canvas, tag):
    return [canvas.itemcget(i, "text") for i in canvas.find_withtag(tag)]


def test_bar_chart_scales_bars_and_writes_values(window):
    chart = BarChart(window, "各阶段", height=200)
    chart.pack(fill="both", expand=True)
    chart.show([("苗圃", 10), ("孵化器", 40), ("加速器", 0)], unit="家", note="另有 3 家")
    window.update()
    assert texts(chart, "value") == ["10家", "40家", "0家"]
    assert texts(chart, "note") == ["另有 3 家"]
    short, long_ = (chart.coords(chart.find_withtag(f"bar{i}")[0]) for i in (0, 1))
    assert (long_[2] - long_[0]) == pytest.approx(4 * (short[2] - short[0]), rel=0.02)
    assert not chart.find_withtag("bar2")  # zero: no bar, only its value
    chart.show([("苗圃", 0)])
    assert chart.find_withtag("empty")


def test_column_chart_ticks_and_legend(window):
    chart = ColumnChart(window, "流转", height=240)
    chart.pack(fill="both", expand=True)
    chart.show([2024, 2025], [("新入驻", [7, 13]), ("毕业", [1, 0])])
    window.update()
    assert texts(chart, "tick") == ["0", "5", "10", "15"]
    assert texts(chart, "legend") == ["新入驻", "毕业"]
    assert chart.find_withtag("column1-0") and not chart.find_withtag("column1-1")


def test_progress_chart_caps_the_bar_and_keeps_captions(window):
    chart = ProgressChart(window, "目标", height=200)
    chart.pack(fill="both", expand=True)
    chart.show(
        [
            ("高新技术企业", 1.25, 0.5, "150/120家 125.0%", "#3a8d4f"),
            ("技术合同交易额", 0.1, 0.5, "3.4/34亿元 10.0%", "#d9822b"),
        ],
        note="时间进度 50.0%",
        legend=[("#3a8d4f", "已达标")],
    )
    window.update()
    track, fill, tick = (chart.coords(i) for i in chart.find_withtag("bar0"))
    assert fill[2] == pytest.approx(track[2])  # 125 % fills the track, no further
    assert tick[0] == pytest.approx(track[0] + (track[2] - track[0]) * 0.5)
    assert texts(chart, "caption1") == ["3.4/34亿元 10.0%"]
    assert texts(chart, "legend") == ["已达标"]


def test_helpers(window):
    chart = BarChart(window)
    assert [number_text(v) for v in (3, 3.0, 0.125, None)] == ["3", "3", "0.12", ""]
    assert shorten(chart.font.measure, "甘井子区启普人工智能科技企业孵化器", 60).endswith("…")
    assert shorten(chart.font.measure, "短", 60) == "短"


def test_bar_table_selects_opens_and_shows_cells(window):
    opened, selected = [], []
    columns = [
        ("name", "指标", 160, "w"),
        ("bar", "完成率", 200, "w"),
        ("verdict", "评价", 80, "e"),
    ]
    table = BarTable(window, columns, on_open=opened.append, on_select=selected.append, height=4)
    table.pack(fill="both", expand=True)
    rows = [
        (7, ("高新技术企业", Cell("94.3%", fraction=0.943, expected=1.0), Cell("滞后", "#b85c00"))),
        (9, ("科技型中小企业", Cell("24.8%", fraction=0.248, expected=1.0), "—")),
    ]
    table.set_rows(rows)
    window.update()
    assert table.text(7, "bar") == "94.3%" and table.text(9, "verdict") == "—"
    assert len(table.canvas.find_withtag("row0")) > 3  # texts, track, fill and tick
    table.canvas.event_generate("<ButtonPress-1>", x=30, y=table.row_y(9))
    assert table.selected_id() == 9 and selected == [9]
    table.canvas.focus_force()  # Xvfb has no window manager to give the window the focus
    window.update()
    table.canvas.event_generate("<Up>")
    assert table.selected_id() == 7
    table.canvas.event_generate("<Return>")
    double_click(table.canvas, 30, table.row_y(9))
    assert opened == [7, 9]
    table.set_rows(rows[:1])  # the selected row is gone
    assert table.selected_id() is None and table.row_at(table.row_h * 3) is None
