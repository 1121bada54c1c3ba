"""系统 › 绩效评价指标: the administrator changes weights in the grid; a set whose active
weights do not sum to 100 is refused with the service's message and nothing is saved, a set
that does is saved (ui/views/system_review.py)."""

import pytest

from ui.views.system import SystemView


def edit(tab, row, **values):
    tab.table.tree.selection_set(str(row))
    tab.table.tree.event_generate("<<TreeviewSelect>>")
    tab.update()
    for field, value in values.items():
        widget = tab.fields[field]
        widget.delete(0, "end")
        widget.insert(0, value)
    tab.apply_button.invoke()


@pytest.mark.gui
def test_weights_are_edited_in_the_grid_and_checked_on_saving(tk_root, admin):
    view = SystemView(tk_root, admin)
    view.pack(fill="both", expand=True)
    try:
        tab = view.select("review")
        assert tab.kind.get() == "孵化器" and len(tab.table.tree.get_children()) == 12
        assert tab.total.cget("text") == "启用指标权重合计：100 / 100"
        edit(tab, 0, weight="15")
        assert tab.fields["name"].get() == "自有孵化种子基金金额"
        assert tab.total.cget("text") == "启用指标权重合计：105 / 100"
        assert str(tab.total.cget("style")) == "Error.TLabel"
        tab.save_button.invoke()
        assert "合计为 105，应为 100" in tab.message.cget("text")
        assert admin.reviews.indicators("孵化器")[0].weight == 10  # nothing saved
        edit(tab, 1, weight="3")
        tab.save_button.invoke()
        assert tab.message.cget("text") == "「孵化器」的评价指标已保存"
        assert [i.weight for i in admin.reviews.indicators("孵化器")][:2] == [15, 3]
        edit(tab, 0, weight="十")
        assert tab.message.cget("text") == "「十」不是数字"
        tab.kind.set("加速器")
        tab.kind.event_generate("<<ComboboxSelected>>")
        tab.update()
        assert len(tab.table.tree.get_children()) == 10
    finally:
        view.destroy()
