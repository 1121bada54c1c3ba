"""首页: the presenter with a fake view (no Tk), then the real view, its charts and lists."""

import datetime
import sqlite3

import pytest

from gjz_registry import open_registry
from gjz_registry.services.qualifications import add_years
from tests.conftest import enterprise_data
from tests.ui.exchange_files import finish, messy_workbook, pump
from ui import theme
from ui.main_window import MainWindow
from ui.views import catalogue
from ui.views.dashboard import DashboardPresenter, DashboardView
from ui.views.enterprise_form import EnterpriseWindow
from ui.widgets.charts import ColumnChart, nice_step

TODAY = datetime.date.today()


class FakeView:
    def __init__(self):
        self.shown, self.opened = {}, []

    def __getattr__(self, name):
        if name.startswith("show_"):
            return lambda *args: self.shown.__setitem__(name[5:], args)
        raise AttributeError(name)

    def open_record(self, enterprise_id):
        self.opened.append(enterprise_id)


def double_click(widget, x, y):
    """Two clicks in a row: Tk turns them into <Double-1> (which event_generate refuses)."""
    for _ in range(2):
        widget.event_generate("<ButtonPress-1>", x=x, y=y, when="now")
        widget.event_generate("<ButtonRelease-1>", x=x, y=y, when="now")
    widget.update()


@pytest.fixture
def data(admin):
    """大连湾: an overdue incubator resident with a high-tech certificate expiring in 30 days,
    a makerspace resident; 南关岭: an enterprise outside the chain with a valid tech-SME."""
    incubator = admin.carriers.create(
        {"name": "甘井子区海创孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    space = admin.carriers.create(
        {"name": "大连湾创客空间", "kind": "众创空间(苗圃)", "street": "大连湾街道"}
    )
    made = {}
    for n, name, street, carrier, entered in (
        (1, "大连老牌科技有限公司", "大连湾街道", incubator, "2015-06-01"),
        (2, "大连新苗科技有限公司", "大连湾街道", space, TODAY.replace(month=1, day=5)),
        (3, "南关岭外围科技有限公司", "南关岭街道", None, None),
    ):
        e = admin.enterprises.create(
            enterprise_data(n, name=name, street=street, founded_on="2014-01-01")
        )
        if carrier is not None:
            admin.incubation.admit(e.id, carrier.id, entered, override_reason="老企业入驻")
        made[n] = e
    granted = add_years(TODAY + datetime.timedelta(days=31), -3)
    admin.qualifications.add(
        made[1].id, "高新技术企业", f"GR{granted.year}21000001", granted_on=granted
    )
    admin.qualifications.add(
        made[3].id, "科技型中小企业", f"{TODAY.year}210211A0000001", year=TODAY.year
    )
    return made


def test_presenter_counts_lists_and_funnel(admin, data):
    view = FakeView()
    p = DashboardPresenter(admin, view)
    p.load()
    cards = dict(view.shown["cards"][0])
    assert cards["在营企业"] == 3 and cards["在孵企业"] == 2
    assert cards["有效高新技术企业"] == 1 and cards["有效科技型中小企业"] == 1
    assert cards["超期在孵企业"] == 1
    assert dict(view.shown["stages"][0]) == {"苗圃": 1, "孵化器": 1, "加速器": 0, "产业化基地": 0}
    assert "1 家" in view.shown["stages"][1]
    quals = dict(view.shown["qualifications"][0])
    assert quals["高新技术企业"] == 1 and quals["科技型中小企业"] == 1
    years, series = view.shown["funnel"]
    assert years[-1] == TODAY.year and len(years) == 6
    assert dict(series)["新入驻"][-1] == 1  # the makerspace resident, this year
    expiring = [r for r in view.shown["expiring"][0] if r[1][0] == "大连老牌科技有限公司"]
    assert len(expiring) == 1 and "（30天）" in expiring[0][1][2]
    overdue = view.shown["overdue"][0]
    assert overdue == [
        (data[1].id, ("大连老牌科技有限公司", "甘井子区海创孵化器", overdue[0][1][2]))
    ]
    # a row of either list opens the enterprise
    p.open_qualification(expiring[0][0])
    p.open_enterprise(overdue[0][0])
    assert view.opened == [data[1].id, data[1].id]


def test_presenter_targets_are_the_computed_ones(admin, data):
    view = FakeView()
    DashboardPresenter(admin, view).load()
    title, rows, note, legend = view.shown["targets"]
    assert title.startswith("行动计划主要目标（") and "时间进度" in note
    labels = [r[0] for r in rows]
    assert "高新技术企业" in labels and "技术合同交易额" in labels
    assert "R&D经费支出占GDP比重" not in labels  # hand-entered, no figure yet
    assert [name for _, name in legend] == ["已达标", "进度正常", "滞后"]


def test_street_user_sees_own_street(clerk, data):
    view = FakeView()
    DashboardPresenter(clerk, view).load()
    cards = dict(view.shown["cards"][0])
    assert cards["在营企业"] == 2 and cards["有效科技型中小企业"] == 0
    assert "大连湾街道" in view.shown["scope"][0]
    title, rows, note, legend = view.shown["targets"]
    assert "本街道贡献" in title and legend == []


def test_presenter_reloads_only_after_a_write(admin, data, db_path):
    """Issue 16.10: the figures reload when anything was written since they were read — by
    this program, by another connection (a second client, the command line), even a write
    that leaves no audit row — and not otherwise (showing 首页 again costs two lookups)."""
    p = DashboardPresenter(admin, FakeView())
    p.load()
    assert not p.load_if_changed()
    admin.enterprises.update(data[3].id, {"contact_name": "李雷"}, version=data[3].version)
    assert p.load_if_changed() and not p.load_if_changed()
    other = open_registry(db_path).as_local_admin("cli:test")  # another program's connection
    try:
        other.enterprises.create(enterprise_data(8, name="大连另一进程科技有限公司"))
    finally:
        other.close()
    assert p.load_if_changed()
    assert dict(p.view.shown["cards"][0])["在营企业"] == 4
    with sqlite3.connect(db_path) as raw:  # no service, no audit row
        raw.execute("UPDATE setting SET value = value WHERE 0 = 1")
        raw.execute("UPDATE enterprise SET notes = '外部修改' WHERE id = ?", (data[3].id,))
    assert p.load_if_changed() and not p.load_if_changed()


def test_nice_steps():
    assert [nice_step(x) for x in (0.3, 3, 7, 14.5, 26, 230)] == [1, 5, 10, 20, 50, 250]


@pytest.mark.gui
def test_view_draws_charts_and_lists_open_records(tk_root, admin, data):
    opened = []
    view = DashboardView(tk_root, admin, on_open=opened.append)
    view.pack(fill="both", expand=True)
    tk_root.geometry("1200x760")
    tk_root.deiconify()
    tk_root.update()
    try:
        assert view.cards["在营企业"].cget("text") == "3"
        assert view.stage_chart.find_withtag("bar")  # bars were drawn
        assert view.target_chart.find_withtag("bar")
        assert isinstance(view.funnel_chart, ColumnChart) and view.funnel_chart.find_withtag(
            "column"
        )
        texts = [view.qual_chart.itemcget(i, "text") for i in view.qual_chart.find_withtag("value")]
        assert "1" in texts
        # the tech-SME expires on 31 December: within 90 days only late in the year
        expiring = len(admin.qualifications.expiring(90))
        assert view.expiring.heading.cget("text") == f"90 天内到期的资质（{expiring}）"
        # Enter on the expiring list, double-click on the overdue list: both open the record
        high_tech = next(
            q.id for q in admin.qualifications.expiring(90) if q.kind == "高新技术企业"
        )
        view.expiring.tree.focus_set()
        view.expiring.tree.focus(str(high_tech))
        view.expiring.tree.event_generate("<Return>")
        tree = view.overdue.tree
        tree.update()
        x, y, _, h = tree.bbox(tree.get_children()[0])
        double_click(tree, x + 5, y + h // 2)
        assert opened == [data[1].id, data[1].id]
        # without a handler the enterprise form opens
        view.on_open_record = view._open_form
        form = view.presenter.open_enterprise(data[1].id)
        assert isinstance(form, EnterpriseWindow) and form.presenter.record.id == data[1].id
        form.destroy()
        # F5 reloads: a new enterprise shows in the count
        admin.enterprises.create(enterprise_data(9, name="大连后来科技有限公司"))
        view.refresh()
        assert view.cards["在营企业"].cget("text") == "4"
    finally:
        view.destroy()
        tk_root.withdraw()


@pytest.mark.gui
def test_empty_registry_draws_placeholders(tk_root, viewer):
    view = DashboardView(tk_root, viewer)
    view.pack(fill="both", expand=True)
    tk_root.geometry("1100x700")
    tk_root.deiconify()
    tk_root.update()
    try:
        for chart in (view.stage_chart, view.qual_chart, view.funnel_chart):
            assert chart.find_withtag("empty"), chart.title
        assert view.overdue.tree.get_children() == ()
    finally:
        view.destroy()
        tk_root.withdraw()


def card(window, label):
    return window.view("home").cards[label].cget("text")


@pytest.mark.gui
def test_home_is_up_to_date_after_an_edit_and_an_import(tk_root, admin, data, tmp_path):
    """Issue 16.10, in the client: an enterprise saved in its form window shows on 首页 when
    the clerk goes back to it (before: only after F5); an import finishing while 首页 is on
    screen updates it at once; showing 首页 again without a write does not reload it."""
    theme.apply(tk_root)
    tk_root.deiconify()
    window = MainWindow(tk_root, admin, catalogue.Views(admin))
    try:
        window.show("home")
        tk_root.update()
        assert card(window, "在营企业") == "3"
        loads = []
        presenter = window.view("home").presenter
        presenter.load = lambda load=presenter.load: (loads.append(1), load())[1]
        window.show("enterprises")
        window.show("home")
        assert loads == []  # nothing written: not read again
        # 企业 › 新增: the form window saves a new enterprise; back on 首页 it counts
        window.show("enterprises")
        form = EnterpriseWindow(tk_root, admin, None, _utest=True)
        for key, value in enterprise_data(5, name="大连新保存科技有限公司").items():
            form.form.set(key, value)
        form.save_button.invoke()
        form.destroy()
        window.show("home")
        assert card(window, "在营企业") == "4" and loads == [1]
        # 导入导出: the wizard runs, the clerk goes back to 首页, the import finishes
        path, names, _ = messy_workbook(tmp_path / "街道报送名单.xlsx", start=20)
        window.show("exchange")
        wizard = window.view().open_wizard(str(path))
        p = wizard.presenter
        finish(tk_root, p.worker)
        wizard.next_button.invoke()  # → 表头与列
        wizard.next_button.invoke()  # → 预览
        pump(tk_root, lambda: p.step == "preview")
        wizard.next_button.invoke()  # → 导入选项
        wizard.steps["options"].policy_buttons["fill"].invoke()  # an administrator chooses
        window.show("home")
        wizard.next_button.invoke()  # 开始导入
        finish(tk_root, p.worker)
        assert p.result.committed and p.result.created == len(names)
        assert card(window, "在营企业") == str(4 + len(names))
        wizard.close()
    finally:
        window.destroy()
        tk_root.withdraw()
