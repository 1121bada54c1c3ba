"""首页: the presenter with a fake view (no Tk), then the real view, its charts and lists."""

import datetime

import pytest

from gjz_registry.services.qualifications import add_years
from tests.conftest import enterprise_data
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
