"""目标考核 and 首页 say which action plan is in force today — and, when none is, that the plan
shown (the seeded 2018–2020 one) has ended, instead of passing 2020年下半年 off as current."""

import datetime

import pytest

from tests.ui.test_system_view import show
from ui import theme
from ui.views.dashboard import DashboardView
from ui.views.targets_screen import NOTE_COLOUR, TargetsView

SEEDED = "甘井子区创新驱动三年行动计划(2018—2020年)"


def test_targets_screen_says_when_no_plan_is_in_force(tk_root, clerk):
    theme.apply(tk_root)
    view = TargetsView(tk_root, clerk)
    show(tk_root, view)
    try:
        assert view.plan_label.cget("text") == (
            f"当前没有处于执行期的行动计划；显示最近的计划：《{SEEDED}》"
            "（执行期 2018年7月—2020年12月，已结束）"
        )
        assert str(view.plan_label.cget("foreground")) == NOTE_COLOUR
        assert view.plan_label.winfo_ismapped()
        assert list(view.period_box.cget("values"))[-1] == "2020年下半年"
    finally:
        view.destroy()
        tk_root.withdraw()


def test_targets_screen_shows_the_plan_in_force_and_its_periods(tk_root, admin):
    theme.apply(tk_root)
    year = datetime.date.today().year
    name = f"甘井子区科技创新行动计划({year - 1}—{year + 1}年)"
    plan = admin.targets.add_plan(name, f"{year - 1}-01-01", f"{year + 1}-12-31")
    admin.targets.publish_plan(plan.id)
    view = TargetsView(tk_root, admin)
    show(tk_root, view)
    try:
        assert view.plan_label.cget("text") == (
            f"当前执行的行动计划：《{name}》（执行期 {year - 1}年1月—{year + 1}年12月）"
        )
        assert str(view.plan_label.cget("foreground")) != NOTE_COLOUR
        periods = list(view.period_box.cget("values"))
        half = "上" if datetime.date.today().month <= 6 else "下"
        assert periods[0] == f"{year - 1}年上半年" and periods[-1] == f"{year}年{half}半年"
    finally:
        view.destroy()
        tk_root.withdraw()


@pytest.mark.parametrize(
    "user, heading",
    [
        ("clerk", "行动计划主要目标（2020年下半年，本街道贡献，计划已结束）"),
        ("admin", "行动计划主要目标（2020年下半年，计划已结束）"),
    ],
)
def test_dashboard_heading_says_the_plan_has_ended(tk_root, request, user, heading):
    theme.apply(tk_root)
    view = DashboardView(tk_root, request.getfixturevalue(user))
    show(tk_root, view)
    try:
        assert view.target_chart.title == heading
    finally:
        view.destroy()
        tk_root.withdraw()
