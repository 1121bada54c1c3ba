"""Qualifications view: the presenter with a fake view (no Tk), then the real view."""

import datetime

import pytest

from gjz_registry.services.qualifications import add_years
from tests.conftest import enterprise_data
from ui.views.enterprise_form import EnterpriseWindow
from ui.views.qualifications import QualificationsPresenter, QualificationsView

TODAY = datetime.date.today()


class FakeView:
    def __init__(self):
        self.lists, self.opened = {}, []

    def show_list(self, key, rows, total, page, pages, sort_key, sort_desc):
        self.lists[key] = dict(rows=rows, total=total, key=sort_key, desc=sort_desc)

    def open_record(self, enterprise_id):
        self.opened.append(enterprise_id)


def high_tech_number(day, serial):
    return f"GR{day.year}21{serial:06d}"


@pytest.fixture
def quals(admin):
    """High-tech certificates expiring in ~20, ~75 and ~400 days (two in 大连湾, one in
    南关岭) and a tech-SME registration valid to the end of this year."""
    made = {}
    for n, street, days_left in (
        (1, "大连湾街道", 20),
        (2, "大连湾街道", 400),
        (3, "南关岭街道", 75),
    ):
        e = admin.enterprises.create(
            enterprise_data(n, street=street, name=f"大连资质{n}号有限公司")
        )
        # valid three years from the grant: the last day is granted + 3 years - 1 day
        granted = add_years(TODAY + datetime.timedelta(days=days_left + 1), -3)
        assert add_years(granted, 3) - datetime.timedelta(days=1) - TODAY == datetime.timedelta(
            days=days_left
        ), "pick other day counts around 29 February"
        admin.qualifications.add(
            e.id, "高新技术企业", high_tech_number(granted, n), granted_on=granted
        )
        made[n] = e
    return made


def names(view, key):
    return [r[1][0] for r in view.lists[key]["rows"]]


def test_presenter_valid_and_expiring_lists(admin, quals):
    view = FakeView()
    p = QualificationsPresenter(admin, view)
    p.load()
    assert view.lists["valid"]["total"] == 3 and p.street_filter
    statuses = {r[1][0]: r[1][6] for r in view.lists["valid"]["rows"]}
    assert (
        statuses["大连资质1号有限公司"] == "即将到期" and statuses["大连资质2号有限公司"] == "有效"
    )
    assert names(view, "expiring") == ["大连资质1号有限公司", "大连资质3号有限公司"]
    assert [r[1][6] for r in view.lists["expiring"]["rows"]] == [20, 75]
    p.set_days("30 天内")
    assert names(view, "expiring") == ["大连资质1号有限公司"] and p.days == 30
    p.set_days(180)
    p.set_street("南关岭街道")
    assert names(view, "valid") == ["大连资质3号有限公司"]
    assert names(view, "expiring") == ["大连资质3号有限公司"]
    p.set_street("全部")
    p.set_kind("科技型中小企业")
    assert view.lists["valid"]["total"] == 0
    p.set_expiring_kind("科技型中小企业")
    assert view.lists["expiring"]["total"] == 0
    p.set_expiring_kind("全部")
    p.set_kind("高新技术企业")
    p.set_text("资质2")
    assert names(view, "valid") == ["大连资质2号有限公司"] and view.lists["expiring"]["total"] == 0
    p.set_text("")
    p.sort_by("expiring", "days_left")
    p.sort_by("expiring", "days_left")
    assert [r[1][6] for r in view.lists["expiring"]["rows"]] == [75, 20]
    qualification_id = view.lists["expiring"]["rows"][0][0]
    p.open(qualification_id)
    assert view.opened == [quals[3].id]


def test_clerk_gets_own_street_without_street_filter(clerk, quals):
    view = FakeView()
    p = QualificationsPresenter(clerk, view)
    p.load()
    assert not p.street_filter and p.choices()["street"] == []
    assert names(view, "valid") == ["大连资质1号有限公司", "大连资质2号有限公司"]
    assert names(view, "expiring") == ["大连资质1号有限公司"]


@pytest.mark.gui
def test_view_filters_and_opens_the_enterprise(tk_root, admin, quals):
    counts = []
    view = QualificationsView(tk_root, admin, on_count=counts.append)
    view.pack(fill="both", expand=True)
    tk_root.update()
    tabs = [view.notebook.tab(t, "text") for t in view.notebook.tabs()]
    assert tabs == ["有效资质（3）", "即将到期（2）"] and counts[-1] == 3
    assert view.street_box is not None
    view.street_box.set("大连湾街道")
    view.street_box.event_generate("<<ComboboxSelected>>")
    tk_root.update()
    assert len(view.panels["valid"].tree.get_children()) == 2
    view.select("expiring")
    tk_root.update()
    assert counts[-1] == 1 and view.current_key() == "expiring"
    view.days_box.set("180 天内")
    view.days_box.event_generate("<<ComboboxSelected>>")
    view.street_box.set("全部")
    view.street_box.event_generate("<<ComboboxSelected>>")
    tk_root.update()
    tree = view.panels["expiring"].tree
    assert len(tree.get_children()) == 2
    assert tree.item(tree.get_children()[0], "values")[6] == "20"
    view.search_var.set("3号")
    view.search_now()
    assert len(tree.get_children()) == 1
    view.current_panel().focus_first()
    view.open_selected()
    forms = [w for w in tk_root.winfo_children() if isinstance(w, EnterpriseWindow)]
    assert len(forms) == 1 and forms[0].presenter.enterprise_id == quals[3].id
    forms[0].destroy()
    view.destroy()


@pytest.mark.gui
def test_clerk_view_has_no_street_box(tk_root, clerk, quals):
    view = QualificationsView(tk_root, clerk, on_open=lambda enterprise_id: None)
    tk_root.update()
    assert view.street_box is None
    assert len(view.panels["valid"].tree.get_children()) == 2
    view.destroy()
