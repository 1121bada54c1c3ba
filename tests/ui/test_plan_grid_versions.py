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


def target_changed(targets, draft):
    target = targets.targets(draft.id)[0]
    return (
        "target",
        target.id,
        "value",
        lambda: targets.update_target(target.id, {"value": "999"}, version=target.version),
    )


def task_deleted(targets, draft):
    task = targets.tasks(draft.id)[0]
    return "task", task.id, "lead_units", lambda: targets.delete_task(task.id)


@pytest.mark.parametrize(
    "meanwhile, message",
    [(target_changed, "已被他人修改"), (task_deleted, "重点任务不存在")],
)
def test_a_row_changed_meanwhile_is_not_overwritten(
    tk_root, registry, admin, draft, meanwhile, message
):
    other = registry.login("admin", PASSWORD)
    window = PlanWindow(tk_root, admin)
    try:
        window.load(draft.id)
        kind, row_id, column, change = meanwhile(other.targets, draft)
        window.notebook.select(0 if kind == "target" else 1)
        tk_root.update()
        entry = window.edit(row_id, column, kind)
        change()
        entry.focus_force()
        tk_root.update()
        entry.delete(0, "end")
        entry.insert(0, "300")
        entry.event_generate("<Return>")
        tk_root.update()
        assert message in window.message.cget("text")
        assert window.editor is not None and window.editor[0].get() == "300"
        if kind == "target":
            assert admin.targets.target(row_id).value == 999
    finally:
        window.destroy()
