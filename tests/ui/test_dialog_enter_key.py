"""Enter in a modal dialog is the default button only while no other button has the focus: a
clerk who tabs to 「取消」 and presses Enter cancels (the 迁出 is not recorded), and Enter in a
several-line note starts a new line instead of sending the dialog."""

import pytest

from tests.conftest import enterprise_data
from ui.dialogs.chain import LeaveDialog
from ui.dialogs.targets import TaskDialog


@pytest.fixture
def resident(admin):
    """An enterprise in an incubator."""
    carrier = admin.carriers.create(
        {"name": "甘井子孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-10"))
    admin.incubation.admit(e.id, carrier.id, "2024-03-01")
    return admin.enterprises.get(e.id)


def press_enter(tk_root, widget):
    widget.focus_force()
    tk_root.update()
    widget.event_generate("<Return>")
    tk_root.update()


def test_enter_on_the_cancel_button_cancels(tk_root, admin, resident):
    dialog = LeaveDialog(tk_root, admin, resident, _utest=True)
    press_enter(tk_root, dialog.cancel_button)
    assert not dialog.winfo_exists() and dialog.result is None
    assert [r.enterprise_id for r in admin.incubation.residents()] == [resident.id]


def test_enter_in_a_field_still_confirms(tk_root, admin, resident):
    dialog = LeaveDialog(tk_root, admin, resident, _utest=True)
    press_enter(tk_root, dialog.notes)
    assert dialog.result is not None and admin.incubation.residents() == []


def test_enter_in_a_note_is_a_new_line(tk_root, admin):
    task = admin.targets.tasks()[0]
    dialog = TaskDialog(tk_root, admin, task, "2026H2", _utest=True)
    dialog.note.insert("1.0", "第一行")
    press_enter(tk_root, dialog.note)
    assert dialog.winfo_exists() and dialog.result is None
    assert dialog.note.get("1.0", "end-1c") == "第一行\n"
    dialog.cancel()
