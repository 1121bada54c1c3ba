"""Ctrl+letter shortcuts with Caps Lock on: Tk reports the key as upper case (<Control-S>),
and the shortcut must still work — in a form window (Ctrl+S) and in the main window (Ctrl+N,
Ctrl+F)."""

from pathlib import Path

import pytest

from tests.conftest import enterprise_data
from ui import theme
from ui.main_window import MainWindow
from ui.views import catalogue
from ui.views.enterprise_form import EnterpriseWindow
from ui.widgets.keys import shortcut_sequences

UI = Path(__file__).resolve().parents[2] / "ui"


def test_every_ctrl_shortcut_goes_through_the_helper():
    """No bare "<Control-…>" binding in ui/ outside ui/widgets/keys.py: a new one in one case
    only would break with Caps Lock again."""
    offenders = [
        f"{path.relative_to(UI.parent)}:{number}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "keys.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "<Control-" in line
    ]
    assert offenders == []
    assert shortcut_sequences("s") == ("<Control-s>", "<Control-S>")
    with pytest.raises(ValueError):
        shortcut_sequences("F5")


@pytest.mark.parametrize("key", ["<Control-S>", "<Control-s>"])
def test_ctrl_s_saves_with_caps_lock(tk_root, admin, key):
    e = admin.enterprises.create(enterprise_data(1))
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    tk_root.update()
    window.form.set("contact_name", "韩梅梅")
    field = window.form.widgets["contact_name"]
    field.focus_force()
    tk_root.update()
    field.event_generate(key)
    tk_root.update()
    assert admin.enterprises.get(e.id).contact_name == "韩梅梅"
    window.destroy()


def test_ctrl_n_and_ctrl_f_in_capitals(tk_root, clerk):
    theme.apply(tk_root)
    window = MainWindow(tk_root, clerk, catalogue.Views(clerk))
    window.show("enterprises")
    tk_root.deiconify()
    tk_root.update()
    view = window.view()
    window.nav_buttons["home"].focus_force()
    tk_root.update()
    window.nav_buttons["home"].event_generate("<Control-F>")
    tk_root.update()
    assert tk_root.focus_get() is view.search
    view.search.event_generate("<Control-N>")
    tk_root.update()
    forms = [w for w in tk_root.winfo_children() if isinstance(w, EnterpriseWindow)]
    assert len(forms) == 1 and forms[0].record_id is None
    forms[0].destroy()
    window.destroy()
    tk_root.withdraw()
