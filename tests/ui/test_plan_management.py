"""目标考核 › 计划管理 (issue 18, Done when #1): the administrator copies the 2018–2020 plan as
the 2021–2025 draft, changes three targets from the keyboard in the grid, splits one over the
streets, publishes it — and on a demo database dated in 2023 the dashboard and the 目标考核
screen open on that plan and its current period.  Others get no plan management."""

import datetime

import pytest

from gjz_registry.demo import generate
from tests.ui.test_system_view import show
from ui import theme
from ui.views.dashboard import DashboardView
from ui.views.targets_screen import TargetsView

SEEDED = "甘井子区创新驱动三年行动计划(2018—2020年)"
NEXT = "甘井子区科技创新行动计划(2021—2025年)"
IN_2023 = datetime.date(2023, 5, 10)


@pytest.fixture
def demo_2023(registry):
    generate(registry.db, enterprises=120, seed=6, today=IN_2023)
    return registry


def type_into(entry, value, key="<Return>"):
    entry.focus_force()
    entry.update()
    entry.delete(0, "end")
    entry.insert(0, value)
    entry.event_generate(key)


def row_of(window, indicator, scope="区"):
    tree = window.grid.tree
    return next(
        i for i in tree.get_children()
        if tree.set(i, "indicator") == indicator and tree.set(i, "scope") == scope
    )  # fmt: skip


def test_copy_edit_split_publish_and_the_dashboard_of_2023(tk_root, demo_2023):
    from tests.conftest import PASSWORD

    admin = demo_2023.login("admin", PASSWORD)
    theme.apply(tk_root)
    screen = TargetsView(tk_root, admin, today=IN_2023)
    show(tk_root, screen)
    window = screen.manage_plans()
    window.dialog_options = {"_utest": True}
    try:
        tk_root.update()
        # copy the shipped plan
        seeded = next(p.id for p in admin.targets.plans() if p.name == SEEDED)
        window.plans.tree.selection_set(str(seeded))
        dialog = window.copy_plan()
        dialog.name.insert(0, NEXT)
        dialog.document.insert(0, "甘政发〔2021〕8号")
        dialog.start.insert(0, "2021-01-01")
        dialog.end.insert(0, "2025-12-31")
        dialog.ok()
        plan = window.dialog_done()
        assert plan.status == "草稿" and window.selected_plan() == plan.id
        # three targets changed from the keyboard: Enter opens 目标值, Enter saves and opens
        # the next row's, Tab moves on to 单位
        tree = window.grid.tree
        first = row_of(window, "高新技术企业")
        tree.selection_set(first)
        tree.focus_force()
        tree.update()
        tree.event_generate("<Return>")
        type_into(window.editor[0], "300")  # → the next row (科技型中小企业) is open
        assert window.editor[1:3] == ("target", int(row_of(window, "科技型中小企业")))
        type_into(window.editor[0], "600", "<Tab>")  # saved; 单位 of the same row is open
        assert window.editor[3] == "unit"
        window.editor[0].event_generate("<Escape>")
        tree.selection_set(row_of(window, "技术合同交易额"))
        window.edit(int(row_of(window, "技术合同交易额")))
        type_into(window.editor[0], "50")
        window.cancel_edit()
        values = {(t.indicator, t.scope): t.value for t in admin.targets.targets(plan.id)}
        assert values[("高新技术企业", "区")] == 300
        assert values[("科技型中小企业", "区")] == 600
        assert values[("技术合同交易额", "区")] == 50
        # split 高新技术企业 over two streets: the check says the parts fall short
        tree.selection_set(row_of(window, "高新技术企业"))
        split = window.split()
        type_into(split.entries["大连湾街道"], "120", "<KeyRelease>")
        type_into(split.entries["南关岭街道"], "100", "<KeyRelease>")
        split.ok()
        window.split_done()
        assert "各街道分解数合计 220，比区目标 300 少 80家" in window.checks.cget("text")
        assert tree.set(row_of(window, "高新技术企业", "大连湾街道"), "part_of") != ""
        # a new target typed in, cell by cell (Tab), and a task's 牵头单位 changed
        entry = window.add_target()
        type_into(entry, "新增科技企业孵化器", "<Tab>")
        type_into(window.editor[0], "营城子街道×新材料", "<Tab>")
        type_into(window.editor[0], "2", "<Tab>")
        type_into(window.editor[0], "家", "<Tab>")
        type_into(window.editor[0], "2023")
        added = next(
            t for t in admin.targets.targets(plan.id) if t.indicator == "新增科技企业孵化器"
        )
        assert (added.scope, added.value, added.unit, added.period) == (
            "营城子街道×新材料",
            2,
            "家",
            "2023",
        )
        window.notebook.select(1)
        task_tree = window.task_grid.tree
        seventh = admin.targets.task_by_number(7, plan.id)
        task_tree.selection_set(str(seventh.id))
        task_tree.focus_force()
        task_tree.update()
        task_tree.event_generate("<F2>")
        assert window.editor[1:] == ("task", seventh.id, "title")
        window.editor[0].event_generate("<Tab>")  # the title as it was; on to 牵头单位
        type_into(window.editor[0], "区科技局", "<Escape>")  # Esc: not saved
        assert admin.targets.task_by_number(7, plan.id).lead_units == "区经信局"
        window.edit(seventh.id, "lead_units", "task")
        type_into(window.editor[0], "区科技局")
        assert admin.targets.task_by_number(7, plan.id).lead_units == "区科技局"
        assert admin.targets.task_by_number(7, SEEDED).lead_units == "区经信局"
        # a new plan from nothing: a quarterly draft
        dialog = window.new_plan()
        dialog.name.insert(0, "甘井子区科技创新专项计划(2024—2026年)")
        dialog.start.insert(0, "2024-01-01")
        dialog.end.insert(0, "2026-12-31")
        dialog.rhythm.set("季度")
        dialog.ok()
        fresh = window.dialog_done()
        assert (fresh.status, fresh.rhythm, fresh.targets) == ("草稿", "季度", 0)
        # publish
        window.plans.tree.selection_set(str(plan.id))
        assert window.publish().status == "已发布"
    finally:
        window.destroy()
        screen.destroy()
    # 2023: the dashboard and the targets screen open on the new plan and its current period
    dashboard = DashboardView(tk_root, admin)
    dashboard.presenter.today = IN_2023
    show(tk_root, dashboard)
    try:
        dashboard.refresh()
        assert dashboard.target_chart.title == "行动计划主要目标（2023年上半年）"
        assert f"《{NEXT}》" in dashboard.target_chart.note
    finally:
        dashboard.destroy()
    screen = TargetsView(tk_root, admin, today=IN_2023)
    show(tk_root, screen)
    try:
        assert "各街道分解数合计 220，比区目标 300 少 80家" in screen.notes.cget("text")
        assert screen.plan_box.get() == NEXT
        assert screen.period_box.get() == "2023年上半年"
        assert list(screen.period_box.cget("values"))[-1] == "2023年上半年"  # never beyond
        assert screen.plan_label.cget("text").startswith(f"当前执行的行动计划：《{NEXT}》")
        assert screen.presenter.progress.plan == NEXT
        screen.choose_plan(SEEDED)  # any plan can be chosen
        assert screen.period_box.get() == "2020年下半年"
    finally:
        screen.destroy()
        tk_root.withdraw()


def test_others_get_no_plan_management_and_no_drafts(tk_root, registry):
    from tests.conftest import PASSWORD

    admin = registry.login("admin", PASSWORD)
    admin.targets.copy_plan(SEEDED, NEXT, "2021-01-01", "2025-12-31")
    theme.apply(tk_root)
    screen = TargetsView(tk_root, registry.login("dlw", PASSWORD), today=IN_2023)
    show(tk_root, screen)
    try:
        assert not hasattr(screen, "manage_button")
        assert list(screen.plan_box.cget("values")) == [SEEDED]  # the draft is not shown
    finally:
        screen.destroy()
        tk_root.withdraw()
