"""Carrier form: presenter rules with a fake view (no Tk), then the real window and its tabs."""

import datetime

import pytest

from tests.conftest import enterprise_data, make_code
from tests.ui.forms import FakeForm, save_after_another_edit
from ui.views.carrier_form import CarrierFormPresenter, CarrierWindow
from ui.views.enterprise_form import EnterpriseWindow


@pytest.fixture
def incubator(admin):
    return admin.carriers.create(
        {"name": "甘井子区海创孵化器", "kind": "孵化器", "street": "大连湾街道", "area_m2": "5000"}
    )


def test_new_carrier_inline_validation_and_save(clerk):
    view = FakeForm()
    p = CarrierFormPresenter(clerk, view)
    p.load()
    assert view.values["street"] == "大连湾街道" and view.values["status"] == "运营"
    assert view.editable == (True, True, "")
    assert "不能为空" in p.leave("name", "")
    assert "不能为空" in p.leave("kind", "")
    good = make_code(3)
    corrupted = good[:-1] + ("0" if good[-1] != "0" else "1")
    message = p.leave("operator_credit_code", corrupted)
    assert "「运营主体信用代码」校验位不符" in message and "逐位核对" in message
    assert "应为" not in message and good[-1] not in message
    assert view.errors["operator_credit_code"]
    assert "面积" in p.leave("area_m2", "很大")
    assert "联系电话" in p.leave("contact_phone", "12345")
    assert p.leave("contact_phone", "0411-86395545") is None
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert p.leave("recognized_on", tomorrow)
    values = dict(view.values, name="大连湾蓝海众创空间", kind="众创空间(苗圃)")
    values.update(area_m2="1,200", recognized_on="2019年11月22日", operator_credit_code=corrupted)
    assert p.save(values) is None and view.saved_records == []
    values["operator_credit_code"] = good
    record = p.save(values)
    assert record.name == "大连湾蓝海众创空间" and record.street == "大连湾街道"
    assert record.recognized_on == datetime.date(2019, 11, 22) and record.area_m2 == 1200
    assert view.saved_records == [record] and p.carrier_id == record.id
    assert not p.dirty(p.loaded)


def test_duplicate_name_and_stale_version_are_refused(admin, incubator):
    view = FakeForm()
    p = CarrierFormPresenter(admin, view)
    p.load()
    assert p.save(dict(view.values, name="甘井子区海创孵化器", kind="孵化器")) is None
    assert "已存在" in view.messages[-1]
    record, view = save_after_another_edit(CarrierFormPresenter, admin, incubator)
    assert record is None and "已被他人修改" in view.messages[-1]


def test_scope_other_street_and_viewer_are_read_only(other_clerk, viewer, incubator):
    view = FakeForm()
    p = CarrierFormPresenter(other_clerk, view, incubator.id)
    assert p.load().name == "甘井子区海创孵化器"  # every user may read every carrier
    editable, street_fixed, note = view.editable
    assert not editable and street_fixed and "大连湾街道" in note
    assert p.save(dict(view.values, contact_name="王芳")) is None
    view = FakeForm()
    p = CarrierFormPresenter(viewer, view, incubator.id)
    p.load()
    assert view.editable == (False, False, "只读：您没有修改此记录的权限")
    assert p.fields()[5].choices[0] == ""  # district users may leave the street empty


def test_a_carrier_without_street_is_read_only_for_street_users(admin, clerk):
    district = admin.carriers.create({"name": "甘井子区区级孵化器", "kind": "孵化器"})
    view = FakeForm()
    p = CarrierFormPresenter(clerk, view, district.id)
    p.load()
    editable, _, note = view.editable
    assert not editable and note == "只读：该载体未指定所属街道，属全区数据，只有管理员可以修改"
    assert p.save(dict(view.values, contact_name="王芳")) is None
    assert admin.carriers.get(district.id).contact_name is None


def test_resident_and_graduate_rows(admin, clerk, other_clerk, incubator):
    ours = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    theirs = admin.enterprises.create(
        enterprise_data(2, founded_on="2024-01-01", street="南关岭街道")
    )
    for e in (ours, theirs):
        admin.incubation.admit(e.id, incubator.id, "2024-06-01")
    rows = CarrierFormPresenter(admin, FakeForm(), incubator.id).resident_rows()
    assert {r[0] for r in rows} == {ours.id, theirs.id}
    p = CarrierFormPresenter(other_clerk, FakeForm(), incubator.id)
    assert [r[0] for r in p.resident_rows()] == [theirs.id]  # a clerk sees their street only
    assert "南关岭街道" in p.residents_note()
    admin.qualifications.add(ours.id, "高新技术企业", "GR202521000777", granted_on="2025-10-20")
    admin.incubation.graduate(ours.id, "2025-12-01", "high_tech")
    rows = CarrierFormPresenter(clerk, FakeForm(), incubator.id).graduate_rows()
    assert rows == [(1, (ours.name, "2025-12-01"))]


@pytest.mark.gui
def test_window_validates_on_leaving_a_field_and_saves(tk_root, clerk, admin, incubator):
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-01"))
    admin.incubation.admit(e.id, incubator.id, "2024-06-01")
    saved = []
    window = CarrierWindow(tk_root, clerk, incubator.id, on_saved=saved.append, _utest=True)
    tk_root.update()
    assert str(window.form.widgets["street"].cget("state")) == "disabled"
    assert window.title() == "载体：甘井子区海创孵化器"
    # the reason shows in red as soon as the user leaves the field
    window.form.set("contact_phone", "12345")
    window.form.widgets["contact_phone"].event_generate("<FocusOut>")
    tk_root.update()
    assert "联系电话" in window.form.errors["contact_phone"].cget("text")
    window.save_button.invoke()
    assert saved == [] and clerk.carriers.get(incubator.id).contact_phone is None
    window.form.set("contact_phone", "13912345678")
    window.form.widgets["contact_phone"].event_generate("<FocusOut>")
    window.form.set("level", "省级")
    window.form.set("contact_name", "李雷")
    window.save_button.invoke()
    record = clerk.carriers.get(incubator.id)
    assert record.contact_name == "李雷" and record.level == "省级" and saved
    assert window.form.errors["contact_phone"].cget("text") == ""
    # tabs: the resident is listed and opens the enterprise form
    window.refresh_tabs()
    tree = window.tabs["residents"].table.tree
    assert [int(i) for i in tree.get_children()] == [e.id]
    assert tree.item(str(e.id), "values")[1] == "孵化器"
    tree.selection_set(str(e.id))
    tree.focus(str(e.id))
    window.tabs["residents"].table._open_event()
    forms = [w for w in window.winfo_children() if isinstance(w, EnterpriseWindow)]
    assert len(forms) == 1 and forms[0].presenter.enterprise_id == e.id
    forms[0].destroy()
    # 操作记录: the save above, in Chinese, newest first
    audit = window.tabs["audit"].table.tree
    first = audit.item(audit.get_children()[0], "values")
    assert first[1] == clerk.actor.label and first[2] == "修改"
    assert "联系人：— → 李雷" in first[3] and "contact_name" not in first[3]
    window.destroy()


@pytest.mark.gui
def test_new_carrier_window_has_the_street_fixed_and_tabs_disabled(tk_root, clerk):
    window = CarrierWindow(tk_root, clerk, _utest=True)
    tk_root.update()
    assert window.title() == "新增载体"
    assert window.form.get("street") == "大连湾街道"
    assert str(window.form.widgets["street"].cget("state")) == "disabled"
    assert window.notebook.tab(1, "state") == "disabled"
    window.form.set("name", "大连湾新苗众创空间")
    window.form.set("kind", "众创空间(苗圃)")
    window.form.set("area_m2", "600")
    window.save_button.invoke()
    assert window.presenter.carrier_id is not None
    assert window.notebook.tab(1, "state") == "normal"
    assert clerk.carriers.get_by_name("大连湾新苗众创空间").street == "大连湾街道"
    window.destroy()


@pytest.mark.gui
def test_other_streets_clerk_cannot_edit(tk_root, other_clerk, viewer, incubator):
    for user in (other_clerk, viewer):
        window = CarrierWindow(tk_root, user, incubator.id, _utest=True)
        tk_root.update()
        assert "disabled" in window.save_button.state()
        assert str(window.form.widgets["name"].cget("state")) == "readonly"
        assert window.note.cget("text").startswith("只读")
        window.cancel()  # nothing editable: closes without asking
        assert not window.winfo_exists()
