"""Tab and Shift+Tab leave a several-line note (备注) as they leave every other field: a clerk
who tabs through the form is not caught in the note, typing tab characters into it."""

from tests.conftest import enterprise_data
from ui.dialogs.targets import TaskDialog
from ui.views.enterprise_form import EnterpriseWindow


def press(tk_root, widget, key):
    widget.focus_force()
    tk_root.update()
    widget.event_generate(key)
    tk_root.update()
    return tk_root.focus_get()


def test_tab_leaves_the_note_of_a_form(tk_root, admin):
    e = admin.enterprises.create(enterprise_data(1))
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    tk_root.update()
    notes = window.form.widgets["notes"]
    for key in ("<Tab>", "<Shift-Tab>"):
        assert press(tk_root, notes, key) is not notes, key
    assert notes.get("1.0", "end-1c") == ""
    assert not window.presenter.dirty(window.form.values())
    # Shift+Tab goes back to the field before it
    assert press(tk_root, notes, "<Shift-Tab>") is window.form.widgets["status"]
    window.destroy()


def test_tab_leaves_the_note_of_a_dialog(tk_root, admin):
    dialog = TaskDialog(tk_root, admin, admin.targets.tasks()[0], "2026H2", _utest=True)
    assert press(tk_root, dialog.note, "<Tab>") is not dialog.note
    assert dialog.note.get("1.0", "end-1c") == ""
    dialog.cancel()
