"""更正最后一步 / 撤回最后一步 act on the step the dialog showed: when someone else has
recorded or withdrawn a step since the dialog opened, it says so and changes nothing —
never withdrawing or correcting a step the administrator has not seen."""

import pytest

from tests.conftest import PASSWORD, enterprise_data
from ui.dialogs.chain import CorrectStepDialog, WithdrawStepDialog


@pytest.fixture
def moved(admin):
    """An enterprise admitted to an incubator, then moved on to an accelerator."""
    incubator = admin.carriers.create(
        {"name": "甘井子孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    accelerator = admin.carriers.create(
        {"name": "大连湾智造加速器", "kind": "加速器", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-10"))
    admin.incubation.admit(e.id, incubator.id, "2024-03-01")
    admin.incubation.move(e.id, accelerator.id, "2025-02-01")
    return admin.enterprises.get(e.id)


@pytest.mark.parametrize("dialog_class", [WithdrawStepDialog, CorrectStepDialog])
def test_a_step_changed_meanwhile_is_not_touched(tk_root, registry, admin, moved, dialog_class):
    step = admin.incubation.last_step(moved.id)
    dialog = dialog_class(tk_root, admin, moved, step, _utest=True)
    other = registry.login("admin", PASSWORD)
    other.incubation.withdraw_last_step(moved.id)  # the move is gone: the admission is last
    before = admin.incubation.history(moved.id)
    dialog.ok_button.invoke()
    assert dialog.winfo_exists() and dialog.result is None
    assert "已被他人改变" in dialog.error_label.cget("text")
    assert admin.incubation.history(moved.id) == before
    dialog.destroy()
