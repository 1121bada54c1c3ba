"""Enterprise form: presenter rules without Tk, then the real window and its chain dialogs."""

import datetime
from tkinter import font as tkfont
from tkinter import ttk

import pytest

from tests.conftest import code, enterprise_data, make_code
from tests.ui.forms import FakeForm, save_after_another_edit
from ui.dialogs.chain import CarrierDialog, GraduateDialog, LeaveDialog
from ui.dialogs.records import QualificationDialog
from ui.views.enterprise_form import EnterpriseFormPresenter, EnterpriseWindow


def test_new_enterprise_validation_and_save(clerk):
    view = FakeForm()
    p = EnterpriseFormPresenter(clerk, view)
    p.load()
    assert view.values["street"] == "大连湾街道" and view.editable == (True, True, "")
    assert "不能为空" in p.leave("name", "")
    good = make_code(1)
    corrupted = good[:-1] + ("0" if good[-1] != "0" else "1")
    message = p.leave("credit_code", corrupted)
    assert "校验位不符" in message and "逐位核对" in message
    assert "应为" not in message and good[-1] not in message
    assert p.leave("contact_phone", "0411-8765432") is None
    values = dict(
        view.values,
        name="大连新星科技有限公司",
        credit_code=make_code(7),
        founded_on="2021年3月5日",
        employees="12",
        rd_staff="20",
    )
    assert p.save(values) is None
    assert "研发人员" in view.errors["rd_staff"] or "研发人员" in " ".join(view.messages)
    values["rd_staff"] = "4"
    record = p.save(values)
    assert record.name == "大连新星科技有限公司" and record.founded_on == datetime.date(2021, 3, 5)
    assert view.saved_records == [record]


def test_duplicate_credit_code_is_shown_in_the_form(clerk):
    """Like the carrier form's duplicate name: the reason stays in the form's message line,
    beside what the user typed, and nothing is saved."""
    code = make_code(31)
    clerk.enterprises.create(enterprise_data(31, credit_code=code))
    view = FakeForm()
    p = EnterpriseFormPresenter(clerk, view)
    p.load()
    assert p.save(dict(view.values, name="大连重码科技有限公司", credit_code=code)) is None
    assert any(code in m for m in view.messages) and view.saved_records == []


def test_stale_version_is_refused_with_message(admin, registry):
    e = admin.enterprises.create(enterprise_data(1))
    record, view = save_after_another_edit(EnterpriseFormPresenter, admin, e)
    assert record is None and "已被他人修改" in view.messages[-1]


def test_viewer_and_other_street_cannot_edit(viewer, other_clerk, admin):
    e = admin.enterprises.create(enterprise_data(1))
    view = FakeForm()
    EnterpriseFormPresenter(viewer, view, e.id).load()
    assert view.editable == (False, False, "只读：您没有修改此记录的权限")
    # another street's clerk cannot even open it
    with pytest.raises(Exception, match="不属于|无权"):
        EnterpriseFormPresenter(other_clerk, FakeForm(), e.id).load()


@pytest.mark.gui
def test_saving_says_so_and_shows_the_stored_values(tk_root, clerk):
    """Issue 16.13: after 保存 the message line says 「已保存」 (not in red) and the form shows
    what was stored — a code typed in lower case comes back upper case, and the form is not
    「有修改尚未保存」 right after saving.  Typing again clears the note; 保存 without a change
    says there was nothing to save."""
    window = EnterpriseWindow(tk_root, clerk, None, _utest=True)
    typed = code("91210211ma0x7u8k2").lower()
    for key, value in enterprise_data(1, credit_code=typed).items():
        window.form.set(key, value)
    window.save_button.invoke()
    tk_root.update()
    stored = clerk.enterprises.get(window.record_id)
    assert stored.credit_code == typed.upper()
    assert window.message.cget("text") == "已保存"
    assert str(window.message.cget("style")) == "Success.TLabel"
    assert window.form.get("credit_code") == typed.upper()
    assert not window.presenter.dirty(window.form.values())
    window.form.widgets["contact_name"].insert(0, "李")
    window.form.widgets["contact_name"].event_generate("<KeyRelease>")
    assert window.message.cget("text") == ""
    window.form.set("contact_name", "")
    window.save_button.invoke()
    assert window.message.cget("text") == "没有修改，无需保存"
    window.destroy()


def field_columns(form):
    """{key: (x, width)} of every field widget and of the grid's columns."""
    form.update_idletasks()
    places = {key: (w.winfo_x(), w.winfo_width()) for key, w in form.widgets.items()}
    for column in range(4):
        x, _, width, _ = form.grid_bbox(column, 0)
        places[f"column {column}"] = (x, width)
    return places


@pytest.mark.gui
def test_field_errors_have_a_fixed_place_and_width(tk_root, clerk):
    """Issue 16.15: the reason under a field neither widens its column nor moves the other
    fields, whatever its length; it takes at most two lines, broken between words (never in
    「18 位」), and a longer one ends with … and shows whole in a tooltip."""
    window = EnterpriseWindow(tk_root, clerk, None, _utest=True)
    window.geometry("920x700")
    tk_root.update()
    form = window.form
    before = field_columns(form)
    form.set("credit_code", "91210211MA0000001")  # 17 characters
    window.presenter.leave("credit_code", form.get("credit_code"))
    form.set("founded_on", "2021-02-30")
    window.presenter.leave("founded_on", form.get("founded_on"))
    tk_root.update()
    assert field_columns(form) == before
    error = form.errors["credit_code"]
    assert "应为 18 位，实为 17 位" in form.error_text("credit_code")
    lines = error.cget("text").split("\n")
    font = tkfont.Font(font=ttk.Style(form).lookup("FieldError.TLabel", "font"))
    assert 1 <= len(lines) <= 2
    assert all(font.measure(line) <= error.winfo_width() for line in lines)
    assert not any(line.endswith(("18", "17")) for line in lines)  # never 「18」/「位」
    # the error row keeps its height whatever the message's length
    height = error.winfo_height()
    form.set_error("credit_code", "短")
    tk_root.update()
    assert error.winfo_height() == height and field_columns(form) == before
    long = "「统一社会信用代码」" + "很长的说明" * 30
    form.set_error("credit_code", long)
    tk_root.update()
    assert error.winfo_height() == height and field_columns(form) == before
    assert error.cget("text").endswith("…") and form.error_text("credit_code") == long
    error.tooltip.delay = 0
    error.event_generate("<Enter>", x=5, y=5)
    error.event_generate("<Motion>", x=6, y=5)
    tk_root.update()
    assert error.tooltip.shown.replace("\n", "") == long
    # an empty reason takes no room (short screens at 150 %)
    form.clear_errors()
    tk_root.update()
    assert not error.winfo_ismapped()
    window.destroy()


@pytest.mark.gui
def test_window_tabs_and_chain_dialogs(tk_root, admin):
    carrier = admin.carriers.create(
        {"name": "甘井子区测试孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    admin.carriers.create({"name": "大连测试加速器", "kind": "加速器", "street": "大连湾街道"})
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    saved = []
    window = EnterpriseWindow(tk_root, admin, e.id, on_saved=saved.append, _utest=True)
    tk_root.update()
    # inline validation on leaving a field
    window.form.set("credit_code", "123")
    window.presenter.leave("credit_code", window.form.get("credit_code"))
    assert "18 位" in window.form.errors["credit_code"].cget("text")
    window.form.set("credit_code", e.credit_code)
    window.form.set("contact_name", "李雷")
    window.save_button.invoke()
    assert admin.enterprises.get(e.id).contact_name == "李雷" and saved

    dialog = CarrierDialog(window, admin, admin.enterprises.get(e.id), _utest=True)
    dialog.carrier.set(next(k for k in dialog.carrier_ids if "孵化器" in k))
    dialog.date.set_date(datetime.date(2025, 1, 10))
    dialog.ok_button.invoke()
    assert dialog.result is not None and dialog.result.carrier == carrier.name

    grad = GraduateDialog(window, admin, admin.enterprises.get(e.id), _utest=True)
    assert all("✘" in label.cget("text") for label in grad.rule_labels)
    grad.ok_button.invoke()
    assert "不满足毕业条件" in grad.error_label.cget("text") and grad.result is None
    grad.cancel()

    qual = QualificationDialog(window, admin, e.id, _utest=True)
    qual.number.insert(0, "GR202521000777")
    qual.granted.set_date(datetime.date(2025, 10, 20))
    qual.ok_button.invoke()
    assert qual.result is not None
    grad = GraduateDialog(window, admin, admin.enterprises.get(e.id), _utest=True)
    assert "✔" in grad.rule_labels[0].cget("text")
    grad.date.set_date(datetime.date(2025, 12, 1))
    grad.ok_button.invoke()
    assert grad.result.exit_reason == "毕业"

    annual = window.tabs["annual"]
    window.notebook.select(annual)
    annual.year_box.set("2025")
    annual.year_box.event_generate("<Return>")
    annual.forms["revenue"].set("revenue", "1,200")
    annual.forms["rd_expense"].set("rd_expense", "60")
    window.save_button.invoke()  # saves the tab shown
    assert admin.annual.for_enterprise(e.id, 2025)[0].rd_intensity == 5

    window.refresh_tabs()
    history = window.tabs["history"].table.tree
    assert len(history.get_children()) == 1
    assert history.item(history.get_children()[0], "values")[4] == "毕业"
    quals = window.tabs["qualifications"].table.tree.get_children()
    assert len(quals) == 1
    audit = window.tabs["audit"].table.tree.get_children()
    assert len(audit) >= 3
    leave = LeaveDialog(window, admin, admin.enterprises.get(e.id), _utest=True)
    leave.ok_button.invoke()
    assert "未入驻任何载体" in leave.error_label.cget("text")
    leave.cancel()
    window.destroy()


@pytest.mark.gui
def test_audit_tab_shows_names_not_codes(tk_root, admin):
    carrier = admin.carriers.create(
        {"name": "甘井子区测试孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    admin.incubation.admit(e.id, carrier.id, datetime.date(2025, 1, 10))
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    tk_root.update()
    window.form.set("notes", "地址已核实")
    window.form.set("street", "南关岭街道")
    window.save_button.invoke()
    assert admin.enterprises.get(e.id).street == "南关岭街道"
    tree = window.tabs["audit"].table.tree
    rows = [tree.item(i, "values") for i in tree.get_children()]
    latest = rows[0][3]  # newest first: the edit just saved
    assert rows[0][2] == "修改"
    assert "备注：— → 地址已核实" in latest and "街道：大连湾街道 → 南关岭街道" in latest
    everything = "\n".join(row[3] for row in rows)
    assert "载体：— → 甘井子区测试孵化器" in everything  # the admission: a carrier id by name
    assert "产业领域：人工智能及新一代信息技术" in everything  # the creation: an industry id
    for raw in ("notes:", "notes", "street", "industry", "carrier", "载体编号", ": "):
        assert raw not in everything
    window.destroy()
