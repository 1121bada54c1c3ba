"""Chain view: the presenter with a fake view (no Tk), then the real view and its actions."""

import datetime

import pytest

from tests.conftest import enterprise_data
from ui.views.chain import ChainPresenter, ChainView
from ui.views.enterprise_form import EnterpriseWindow


class FakeView:
    def __init__(self, result=None):
        self.lists, self.summaries, self.opened, self.messages, self.actions = {}, [], [], [], []
        self.result = result

    def show_list(self, key, rows, total, page, pages, sort_key, sort_desc):
        self.lists[key] = dict(rows=rows, total=total, page=page, pages=pages, key=sort_key)

    def show_summary(self, stages, outside, overdue, candidates):
        self.summaries.append((stages, outside, overdue, candidates))

    def open_record(self, enterprise_id):
        self.opened.append(enterprise_id)

    def run_action(self, kind, enterprise):
        self.actions.append((kind, enterprise.name))
        return self.result

    def show_message(self, text):
        self.messages.append(text)


@pytest.fixture
def chain(admin):
    """大连湾: an overdue resident, a graduation candidate and a plain resident;
    南关岭: one resident the 大连湾 clerk must not see."""
    incubator = admin.carriers.create(
        {"name": "甘井子区海创孵化器", "kind": "孵化器", "street": "大连湾街道"}
    )
    space = admin.carriers.create(
        {"name": "南关岭创客空间", "kind": "众创空间(苗圃)", "street": "南关岭街道"}
    )
    admin.carriers.create({"name": "大连湾智造加速器", "kind": "加速器", "street": "大连湾街道"})
    made = {}
    for n, name, founded, carrier, entered, street in (
        (1, "大连老牌科技有限公司", "2015-01-01", incubator, "2015-06-01", "大连湾街道"),
        (2, "大连高企科技有限公司", "2024-01-01", incubator, "2024-06-01", "大连湾街道"),
        (3, "大连新苗科技有限公司", "2025-01-01", incubator, "2025-06-01", "大连湾街道"),
        (4, "南关岭创客科技有限公司", "2025-01-01", space, "2025-06-01", "南关岭街道"),
    ):
        e = admin.enterprises.create(
            enterprise_data(n, name=name, founded_on=founded, street=street)
        )
        admin.incubation.admit(e.id, carrier.id, entered)
        made[n] = e
    admin.qualifications.add(made[2].id, "高新技术企业", "GR202521000777", granted_on="2025-10-20")
    return made


def names(view, key):
    return [r[1][0] for r in view.lists[key]["rows"]]


def test_presenter_lists_summary_filter_and_sort(admin, chain):
    view = FakeView()
    p = ChainPresenter(admin, view)
    p.load()
    assert view.lists["residents"]["total"] == 4
    assert names(view, "overdue") == ["大连老牌科技有限公司"]
    assert "期限 48 个月" in view.lists["overdue"]["rows"][0][1][5]
    assert names(view, "candidates") == ["大连高企科技有限公司"]
    assert view.lists["candidates"]["rows"][0][1][5] == "已认定并备案为高新技术企业"
    stages, outside, overdue, candidates = view.summaries[-1]
    assert dict(stages) == {"苗圃": 1, "孵化器": 3, "加速器": 0, "产业化基地": 0}
    assert (outside, overdue, candidates) == (0, 1, 1)
    p.set_text("海创")  # carrier name
    assert view.lists["residents"]["total"] == 3 and view.lists["candidates"]["total"] == 1
    p.set_text("")
    p.sort_by("residents", "entered_on")
    p.sort_by("residents", "entered_on")
    assert names(view, "residents")[0] in ("大连新苗科技有限公司", "南关岭创客科技有限公司")
    assert view.lists["residents"]["rows"][0][0] in (chain[3].id, chain[4].id)
    p.open(chain[1].id)
    assert view.opened == [chain[1].id]


def test_clerk_sees_own_street_and_viewer_cannot_act(clerk, viewer, chain):
    view = FakeView()
    ChainPresenter(clerk, view).load()
    assert view.lists["residents"]["total"] == 3
    assert "南关岭创客科技有限公司" not in names(view, "residents")
    assert dict(view.summaries[-1][0])["苗圃"] == 0
    view = FakeView(result="done")
    p = ChainPresenter(viewer, view)
    p.load()
    assert not p.can_act and p.act("leave", chain[1].id) is None and view.actions == []


def test_actions_reload_only_when_the_dialog_changed_something(admin, chain):
    view = FakeView(result=None)
    p = ChainPresenter(admin, view)
    p.load()
    before = len(view.summaries)
    assert p.act("graduate", None) is None and view.messages == ["请先选中一行"]
    assert p.act("graduate", chain[2].id) is None
    assert view.actions == [("graduate", "大连高企科技有限公司")] and len(view.summaries) == before
    view.result = "changed"
    assert p.act("leave", chain[3].id) == "changed" and len(view.summaries) == before + 1


@pytest.mark.gui
def test_view_tabs_keyboard_and_graduate(tk_root, clerk, chain):
    opened, counts = [], []
    view = ChainView(tk_root, clerk, on_open=opened.append, on_count=counts.append)
    view.dialog_options = {"_utest": True}
    view.pack(fill="both", expand=True)
    tk_root.update()
    tabs = [view.notebook.tab(t, "text") for t in view.notebook.tabs()]
    assert tabs == ["在孵企业（3）", "超期在孵（1）", "可毕业（1）"]
    assert counts[-1] == 3 and list(view.buttons) == ["打开", "晋级/迁移", "毕业", "迁出"]
    summary = [w.cget("text") for w in view.summary.winfo_children()]
    assert "孵化器" in summary and "3" in summary and "超期在孵 1 家 · 可毕业 1 家" in summary
    view.select("candidates")
    tk_root.update()
    assert counts[-1] == 1 and view.current_key() == "candidates"
    panel = view.current_panel()
    panel.table.focus_first()
    view.open_selected()
    assert opened == [chain[2].id]
    # 毕业 on the selected row: the dialog shows the rules; graduating refreshes the lists
    view.act("graduate")
    dialog = view.last_dialog
    assert "✔" in dialog.rule_labels[0].cget("text")
    dialog.date.set_date(datetime.date(2025, 12, 1))
    dialog.ok_button.invoke()
    assert dialog.result.exit_reason == "毕业"
    view.presenter.finished(dialog.result)
    tk_root.update()
    assert view.notebook.tab(view.notebook.tabs()[2], "text") == "可毕业（0）"
    assert view.notebook.tab(view.notebook.tabs()[0], "text") == "在孵企业（2）"
    # 迁出 on the overdue resident, 晋级/迁移 needs a target carrier
    view.select("overdue")
    view.current_panel().table.focus_first()
    view.act("move")
    move = view.last_dialog
    move.carrier.set(next(k for k in move.carrier_ids if "加速器" in k))
    move.date.set_date(datetime.date(2025, 1, 10))
    move.ok_button.invoke()
    assert move.result is not None and move.result.stage == "加速器"
    view.presenter.finished(move.result)
    assert view.notebook.tab(view.notebook.tabs()[1], "text") == "超期在孵（0）"
    view.search_var.set("新苗")
    view.search_now()
    assert view.notebook.tab(view.notebook.tabs()[0], "text") == "在孵企业（1）"
    view.destroy()


@pytest.mark.gui
def test_viewer_gets_no_actions_and_rows_open_the_enterprise(tk_root, viewer, chain):
    view = ChainView(tk_root, viewer)
    tk_root.update()
    assert list(view.buttons) == ["打开"]
    assert view.act("leave") is None
    view.open_selected()
    assert view.message.cget("text") == "请先选中一行"
    view.current_panel().table.focus_first()
    view.open_selected()
    forms = [w for w in tk_root.winfo_children() if isinstance(w, EnterpriseWindow)]
    assert len(forms) == 1 and "disabled" in forms[0].save_button.state()
    forms[0].destroy()
    view.destroy()
