"""The enterprise form shows 技术领域 (from the field spec): a drop-down of the eight
高新技术领域 with a blank first, saved with the record, and its list filter."""

from tkinter import ttk

from gjz_registry.reference import TECH_FIELDS
from tests.conftest import enterprise_data
from ui.views.enterprise_form import EnterpriseWindow
from ui.views.enterprises import FILTER_LABELS, EnterpriseListPresenter


def test_the_form_shows_and_saves_the_tech_field(tk_root, admin):
    e = admin.enterprises.create(enterprise_data(1, tech_field="新材料"))
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    tk_root.update()
    box = window.form.widgets["tech_field"]
    assert isinstance(box, ttk.Combobox)
    assert tuple(box.cget("values")) == ("", *TECH_FIELDS)
    assert window.form.get("tech_field") == "新材料"
    labels = [w.cget("text") for w in window.form.winfo_children() if isinstance(w, ttk.Label)]
    assert any("技术领域" in text for text in labels)
    window.form.set("tech_field", "电子信息")
    window.save_button.invoke()
    tk_root.update()
    assert admin.enterprises.get(e.id).tech_field == "电子信息"
    window.destroy()


class _View:
    def show_page(self, *args):
        pass


def test_the_enterprise_list_filters_by_tech_field(admin):
    admin.enterprises.create(enterprise_data(1, tech_field="新材料"))
    admin.enterprises.create(enterprise_data(2))
    assert FILTER_LABELS["tech_field"] == "技术领域"
    presenter = EnterpriseListPresenter(admin, _View())
    assert presenter.filter_choices()["tech_field"] == list(TECH_FIELDS)
    assert presenter.set_filter("tech_field", "新材料").total == 1
