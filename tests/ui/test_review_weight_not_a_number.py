"""系统 › 绩效评价指标: 「NaN」, 「Infinity」 and the like typed as a weight or a 满分值 are no
numbers — refused in the editor with 「…不是数字」, never an internal error on applying or
saving."""

import pytest

from tests.ui.test_review_indicators_view import edit
from ui.views.system import SystemView


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "Infinity", "-inf"])
@pytest.mark.parametrize("field", ["weight", "full_at"])
def test_not_a_number_is_refused_in_the_editor(tk_root, admin, typed, field):
    view = SystemView(tk_root, admin)
    view.pack(fill="both", expand=True)
    try:
        tab = view.select("review")
        edit(tab, 0, **{field: typed})
        assert tab.message.cget("text") == f"「{typed}」不是数字"
        tab.save_button.invoke()
        assert tab.message.cget("text") == "「孵化器」的评价指标已保存"  # the set as it was
    finally:
        view.destroy()
