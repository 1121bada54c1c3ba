"""A form opened from another window (an enterprise from its carrier's 在孵企业, a row of a
drill-down) closes with that window — and asks first when it has unsaved changes: 取消 keeps
both open with the typed values, nothing is lost silently."""

from types import SimpleNamespace

import pytest

from tests.conftest import enterprise_data
from tests.ui.test_main_window_close import answer
from ui import texts as T
from ui.dialogs import confirm
from ui.dialogs.targets import DrillDownWindow
from ui.views.carrier_form import CarrierWindow


@pytest.fixture
def shown_root(tk_root):
    """The root on screen, as in the client, so the windows opened from it are mapped (Tk
    8.6 has crashed in TkSetFocusWin, in a later test, after a focused window of a hidden
    root was destroyed without ever being mapped)."""
    tk_root.deiconify()
    tk_root.update()
    yield tk_root
    tk_root.withdraw()


def test_closing_a_carrier_asks_about_its_residents_form(shown_root, admin, monkeypatch):
    tk_root = shown_root
    carrier = admin.carriers.create(
        {"name": "甘井子孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-10"))
    admin.incubation.admit(e.id, carrier.id, "2024-03-01")
    window = CarrierWindow(tk_root, admin, carrier.id, _utest=True)
    form = window.open_enterprise(e.id)
    tk_root.update()
    form.form.set("contact_name", "韩梅梅")
    asked = answer(monkeypatch, None)  # 取消
    window.cancel()
    assert asked == [T.UNSAVED_TITLE]
    assert window.winfo_exists() and form.winfo_exists()
    assert form.form.get("contact_name") == "韩梅梅"
    asked = answer(monkeypatch, confirm.EXTRA)  # 放弃修改
    window.cancel()
    assert asked == [T.UNSAVED_TITLE] and not window.winfo_exists()


def test_closing_a_drill_down_asks_about_the_form_opened_from_it(shown_root, admin, monkeypatch):
    tk_root = shown_root
    e = admin.enterprises.create(enterprise_data(1))
    row = SimpleNamespace(
        name=e.name, credit_code=e.credit_code, street=e.street, field="", value=1, detail="",
        enterprise_id=e.id, carrier_id=None,
    )  # fmt: skip
    result = SimpleNamespace(
        title="高新技术企业", definition="有效证书", rows=[row], total=1, unit="家"
    )
    window = DrillDownWindow(tk_root, admin, result)
    form = window.open_row(0)
    tk_root.update()
    form.form.set("contact_name", "韩梅梅")
    asked = answer(monkeypatch, None)  # 取消
    window.close()
    assert asked == [T.UNSAVED_TITLE] and window.winfo_exists() and form.winfo_exists()
    answer(monkeypatch, confirm.EXTRA)  # 放弃修改
    window.close()
    assert not window.winfo_exists()
