"""The plan grid (计划管理) saves a cell against the version of the row it showed: a target or
task another administrator changed meanwhile is refused with the Chinese message and the
value typed stays in the open cell — never silently written over the other's change, and a
task deleted meanwhile is a message, not an internal error."""

import pytest

from tests.conftest import PASSWORD
from ui.views.plan_window import PlanWindow

SEEDED = "甘井子区创新驱动三年行动计划(2018—2020年)"


@pytest.fixture
def draft(admin):
    seeded = next(p for p in admin.targets.plans() if p.name == SEEDED)
    return admin.targets.copy_plan(
        seeded.id, "甘井子区科技创新行动计划(2021—2025年)", "2021-01-01", "2025-12-31"
    )


def type_and_enter(tk_root, entry, value):
    entry.focus_force()
    tk_root.update()
    entry.delete(0, "end")
    entry.insert(0, value)
    entry.event_generate("<Return>")
    tk_root.update()


def test_a_target_changed_meanwhile_is_not_overwritten(tk_root, registry, admin, draft):
    other = registry.login("admin", PASSWORD)
    window = PlanWindow(tk_root, admin)
    try:
        window.load(draft.id)
        tk_root.update()
        target = admin.targets.targets(draft.id)[0]
        entry = window.edit(target.id, "value")
        other.targets.update_target(target.id, {"value": "999"}, version=target.version)
        type_and_enter(tk_root, entry, "300")
        assert "已被他人修改" in window.message.cget("text")
        assert window.editor is not None and window.editor[0].get() == "300"
        assert admin.targets.target(target.id).value == 999
    finally:
        window.destroy()


def test_a_task_deleted_meanwhile_is_a_message(tk_root, registry, admin, draft):
    other = registry.login("admin", PASSWORD)
    window = PlanWindow(tk_root, admin)
    try:
        window.load(draft.id)
        tk_root.update()
        task = admin.targets.tasks(draft.id)[0]
        window.notebook.select(1)  # 重点任务
        tk_root.update()
        entry = window.edit(task.id, "lead_units", "task")
        other.targets.delete_task(task.id)
        type_and_enter(tk_root, entry, "区科技局")
        assert "重点任务不存在" in window.message.cget("text")
        assert window.editor is not None and window.editor[0].get() == "区科技局"
    finally:
        window.destroy()
