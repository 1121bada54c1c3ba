"""The yearly tabs (issue 19): a carrier's 年度运营 and an enterprise's 年度数据.

The presenters with a fake view first (no Tk drawn), then the real windows driven by the
keyboard: Ctrl+Tab to the tab, the year typed, Tab from field to field, digits typed, Ctrl+S.
"""

import datetime
from decimal import Decimal

import pytest

from tests.conftest import enterprise_data
from tests.ui.forms import FakeForm
from ui.presenters.yearly import AnnualYearPresenter, CarrierYearPresenter
from ui.views.carrier_form import CarrierWindow
from ui.views.enterprise_form import EnterpriseWindow
from ui.views.year_tab import CARRIED_STYLE

LAST_YEAR = datetime.date.today().year - 1
KEYSYMS = {".": "period", ",": "comma", "-": "minus"}


class FakeYearView(FakeForm):
    """The view interface of YearFormPresenter, remembering every call."""

    def __init__(self):
        super().__init__()
        self.years = self.year = self.note = None
        self.carried, self.comparison, self.flags = frozenset(), None, None

    def set_years(self, years, year):
        self.years, self.year = years, year

    def set_carried(self, keys):
        self.carried = frozenset(keys)

    def set_note(self, text):
        self.note = text

    def set_editable(self, editable):
        self.editable = editable

    def set_comparison(self, rows):
        self.comparison = rows

    def set_flags(self, heading, flags, derived):
        self.flags = (heading + flags, derived)


@pytest.fixture
def incubator(admin):
    return admin.carriers.create(
        {"name": "甘井子区海创孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )


@pytest.fixture
def resident(admin, incubator):
    e = admin.enterprises.create(enterprise_data(1, founded_on=f"{LAST_YEAR - 1}-06-01"))
    admin.incubation.admit(e.id, incubator.id, datetime.date(LAST_YEAR, 3, 1))
    return e


def test_carrier_year_presenter_prefills_checks_saves_and_compares(clerk, incubator, resident):
    clerk.carrier_years.save(
        incubator.id, LAST_YEAR - 1, {"stations": "80", "events": "9", "reported_end": "4"}
    )
    groups = [code for _, codes, _ in CarrierYearPresenter.groups for code in codes]
    assert groups == list(CarrierYearPresenter.spec.codes)  # every field, in the spec's order
    view = FakeYearView()
    p = CarrierYearPresenter(clerk, view, incubator.id)
    assert p.load() == LAST_YEAR and view.year == LAST_YEAR
    assert view.years[:2] == [LAST_YEAR, LAST_YEAR - 1]
    assert view.values["stations"] == "80" and view.values["reported_start"] == "4"
    assert view.values["events"] == ""  # held events do not carry over
    assert view.carried == {"stations", "reported_start"}
    assert f"沿用 {LAST_YEAR - 1} 年度" in view.note
    assert "工位数" in p.leave("stations", "十二") and view.errors["stations"]
    values = dict(view.values, stations="十二", reported_admitted="1", reported_end="3")
    values["reported_graduated"] = "0"
    assert p.save(values) is None and view.focused == "stations"
    assert clerk.carrier_years.get(incubator.id, LAST_YEAR) is None  # nothing saved
    record = p.save(dict(values, stations="96"))
    assert record.stations == 96 and record.reported_start == 4 and view.carried == frozenset()
    # beside the reported counts, the registry's own from the residency history
    rows = {
        label: (reported, computed, differs)
        for label, reported, computed, _, differs in view.comparison
    }
    assert len(rows) == 5
    admitted = next(row for label, row in rows.items() if "新入孵" in label)
    assert admitted == ("1", "1", False)
    start = next(row for label, row in rows.items() if "年初" in label)
    assert start == ("4", "0", True)
    assert any("不一致" in row[3] for row in view.comparison)
    graduated = next(row for row in view.comparison if "毕业" in row[0])
    assert graduated[1:4] == ("0", "0", "✔ 一致")  # a reported 0 that agrees is marked too


def test_carrier_year_presenter_refuses_a_stale_version_and_bad_years(
    admin, clerk, other_clerk, incubator
):
    view = FakeYearView()
    p = CarrierYearPresenter(clerk, view, incubator.id)
    p.load(LAST_YEAR)
    first = p.save(dict(view.values, events="5"))
    admin.carrier_years.save(incubator.id, LAST_YEAR, {"events": "6"}, version=first.version)
    assert p.save(dict(view.values, events="7")) is None
    assert "已被他人修改" in view.messages[-1]
    assert clerk.carrier_years.get(incubator.id, LAST_YEAR).events == 6
    assert p.choose("明年", view.values) is None and "年度" in view.messages[-1]
    assert p.choose(str(LAST_YEAR + 2), view.values) is None
    assert p.choose(str(LAST_YEAR - 3), dict(view.values, events="1")) == LAST_YEAR  # unsaved
    assert "未保存" in view.messages[-1]
    assert p.choose(f"{LAST_YEAR - 3}年", view.values) == LAST_YEAR - 3
    # another street's clerk reads the carrier's figures but changes nothing
    view = FakeYearView()
    p = CarrierYearPresenter(other_clerk, view, incubator.id, editable=False)
    p.load(LAST_YEAR)
    assert view.editable is False and view.values["events"] == "6"
    assert p.save(dict(view.values, events="8")) is None


def test_annual_presenter_groups_every_field_and_shows_the_flags(admin, clerk):
    e = admin.enterprises.create(enterprise_data(2))
    admin.qualifications.add(
        e.id, "高新技术企业", "GR202321000009", granted_on=f"{LAST_YEAR - 1}-11-01"
    )
    clerk.annual.save(e.id, LAST_YEAR - 1, {"revenue": "1000", "employees": "30", "rd_staff": "5"})
    assert {code for _, codes, _ in AnnualYearPresenter.groups for code in codes} == set(
        AnnualYearPresenter.spec.codes
    )
    view = FakeYearView()
    p = AnnualYearPresenter(clerk, view, e.id)
    p.load()
    assert view.carried == {"employees", "rd_staff"} and view.values["revenue"] == ""
    flags, derived = view.flags
    assert f"{LAST_YEAR} 年 12 月 31 日" in flags and "高新技术企业 ✔" in flags
    assert "科技型中小企业 ✘" in flags
    record = p.save(
        dict(view.values, revenue="1100", rd_expense="55", net_profit="-20", ip_granted="3")
    )
    assert record.values["net_profit"] == Decimal("-20") and record.values["ip_granted"] == 3
    assert "研发投入强度 5%" in view.flags[1] and "营业收入同比 10%" in view.flags[1]


def press(root, widget, sequence):
    widget.focus_force()
    root.update()
    widget.event_generate(sequence)
    root.update()


def type_keys(root, text):
    """Type ``text`` (digits and punctuation) into the widget with the keyboard focus."""
    for char in text:
        root.focus_get().event_generate(f"<KeyPress-{KEYSYMS.get(char, char)}>")
    root.update()


def tab(root, times=1):
    for _ in range(times):
        root.focus_get().event_generate("<Tab>")
        root.update()
    return root.focus_get()


def open_tab(root, window, key):
    """Ctrl+Tab from 基本信息 until the tab ``key`` shows."""
    window.deiconify()
    for _ in range(len(window.tabs) + 1):
        if window.nametowidget(window.notebook.select()) is window.tabs[key]:
            return window.tabs[key]
        press(root, window.form.widgets["name"], "<Control-Tab>")
    raise AssertionError(f"Ctrl+Tab never reached {key}")


def test_carrier_year_by_keyboard(tk_root, clerk, incubator, resident):
    window = CarrierWindow(tk_root, clerk, incubator.id, _utest=True)
    tk_root.update()
    years = open_tab(tk_root, window, "years")
    assert tk_root.focus_get() is years.year_box and years.year_box.get() == str(LAST_YEAR)
    focus = tab(tk_root)  # last year: on to its first field
    assert focus is years.forms["site_area_m2"].widgets["site_area_m2"]
    type_keys(tk_root, "5000.5")
    order = ["incubation_area_m2", "stations", "management_staff", "mentors_full"]
    typed = {"incubation_area_m2": "3200", "stations": "十二", "management_staff": "6"}
    for code in order:
        focus = tab(tk_root)
        assert focus is years.forms[code].widgets[code], code
        if code == "stations":
            focus.insert(0, typed[code])  # Chinese numerals come from the input method
        elif code in typed:
            type_keys(tk_root, typed[code])
    assert "工位数" in years.error_text("stations")  # shown on the field when left
    tk_root.focus_get().event_generate("<Control-s>")
    tk_root.update()
    assert clerk.carrier_years.get(incubator.id, LAST_YEAR) is None  # nothing saved
    assert tk_root.focus_get() is years.forms["stations"].widgets["stations"]
    years.forms["stations"].widgets["stations"].delete(0, "end")
    type_keys(tk_root, "120")
    tab(tk_root, 13)  # through the other figures to 年初在孵企业数
    assert tk_root.focus_get() is years.forms["reported_start"].widgets["reported_start"]
    type_keys(tk_root, "3")
    tk_root.focus_get().event_generate("<Control-s>")
    tk_root.update()
    saved = clerk.carrier_years.get(incubator.id, LAST_YEAR)
    assert saved.site_area_m2 == Decimal("5000.5") and saved.stations == 120
    assert saved.incubation_area_m2 == 3200 and saved.reported_start == 3
    assert years.error_text("stations") == "" and "已保存" in window.message.cget("text")
    start = next(cells for cells in years.comparison_cells() if "年初" in cells[0])
    assert start[1:] == ("3", "0", "⚠ 不一致")
    window.destroy()
    # reopened: the year shows what was saved
    window = CarrierWindow(tk_root, clerk, incubator.id, _utest=True)
    tk_root.update()
    years = open_tab(tk_root, window, "years")
    assert years.year_box.get() == str(LAST_YEAR)
    assert years.values()["site_area_m2"] == "5000.5" and years.values()["stations"] == "120"
    # the next year starts from it, the carried fields tinted
    years.year_box.set(str(LAST_YEAR + 1))
    press(tk_root, years.year_box, "<Return>")
    assert years.values()["stations"] == "120" and years.values()["management_staff"] == "6"
    assert years.values()["reported_start"] == "" and years.values()["events"] == ""
    stations = years.forms["stations"].widgets["stations"]
    assert str(stations.cget("style")) == CARRIED_STYLE
    window.destroy()


def test_enterprise_annual_tab(tk_root, admin):
    e = admin.enterprises.create(enterprise_data(3))
    admin.annual.save(e.id, LAST_YEAR - 1, {"revenue": "800", "employees": "12"})
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    tk_root.update()
    annual = open_tab(tk_root, window, "annual")
    assert annual.year_box.get() == str(LAST_YEAR)
    assert annual.values()["employees"] == "12" and annual.values()["revenue"] == ""
    assert "高新技术企业 ✘" in annual.flags.cget("text")
    titles = [
        child.cget("text")
        for child in annual.scroller.inner.winfo_children()
        if "labelframe" in str(child)
    ]
    assert titles[:4] == ["经营", "研发与知识产权", "人员", "投融资与奖励"] and "资质" in titles[4]
    revenue = annual.forms["revenue"].widgets["revenue"]
    press(tk_root, revenue, "<FocusIn>")
    type_keys(tk_root, "880")
    tab(tk_root)  # 产值
    focus = tab(tk_root)
    assert focus is annual.forms["net_profit"].widgets["net_profit"]
    type_keys(tk_root, "-12.5")
    annual.forms["award_level"].set("award_level", "省级")
    focus.event_generate("<Control-s>")
    tk_root.update()
    saved = admin.annual.for_enterprise(e.id, LAST_YEAR)[0]
    assert saved.values["revenue"] == 880 and saved.values["net_profit"] == Decimal("-12.5")
    assert saved.values["employees"] == 12 and saved.values["award_level"] == "省级"
    assert "营业收入同比 10%" in annual.derived.cget("text")
    window.destroy()


def test_closing_with_a_year_typed_asks_and_saves_it(tk_root, clerk, incubator, monkeypatch):
    from ui.dialogs import confirm

    asked = []
    monkeypatch.setattr(confirm, "choose", lambda *args: asked.append(args) or confirm.OK)
    window = CarrierWindow(tk_root, clerk, incubator.id, _utest=True)
    tk_root.update()
    years = open_tab(tk_root, window, "years")
    years.forms["events"].set("events", "11")
    window.cancel()  # 保存 in the question: the year is saved, the window closes
    assert len(asked) == 1 and clerk.carrier_years.get(incubator.id, LAST_YEAR).events == 11
    assert not window.winfo_exists()
