"""目标考核: the presenter with a fake view (no Tk), then the screen, its dialogs and outputs."""

import datetime
import os
import time

import pytest

from tests.conftest import enterprise_data
from tests.ui.test_dashboard import double_click
from ui.dialogs.targets import ActualDialog, DrillDownWindow, TaskDialog
from ui.views.enterprise_form import EnterpriseWindow
from ui.views.targets import TargetsPresenter
from ui.views.targets_screen import TargetsView

HAND = "R&D经费支出占GDP比重"
HIGH_TECH = "高新技术企业"


class FakeView:
    def __init__(self):
        self.targets, self.drills, self.messages, self.asked = {}, [], [], []
        self.actions = {}
        self.answer = None
        self.confirm = True

    def show_heading(self, title, subtitle):
        self.title, self.subtitle = title, subtitle

    def show_targets(self, key, rows):
        self.targets[key] = rows

    def show_streets(self, headers, rows):
        self.streets = (headers, rows)

    def show_tasks(self, rows):
        self.tasks = rows

    def show_notes(self, text):
        self.notes = text

    def show_detail(self, text):
        self.detail = text

    def set_actions(self, enabled):
        self.actions = enabled

    def show_message(self, text):
        self.messages.append(text)

    def ask_actual(self, row, period, note):
        self.asked.append((row.indicator, period, note))
        return self.answer(row, period) if self.answer else None

    def ask_task(self, task, period):
        self.asked.append((task.number, period))
        return self.answer(task, period) if self.answer else None

    def ask_confirm(self, text):
        self.asked.append(text)
        return self.confirm

    def show_drill(self, result):
        self.drills.append(result)
        return result


def target_id(presenter, indicator, scope="区"):
    rows = presenter.progress.rows + presenter.progress.fields
    return next(r.target_id for r in rows if r.indicator == indicator and r.scope == scope)


def cell(presenter, rows_key, target, column, view):
    values = dict(view.targets[rows_key])[target]
    value = values[column]
    return getattr(value, "text", value)


@pytest.fixture
def high_tech(admin):
    """Two 大连湾 enterprises holding a high-tech certificate valid through 2020."""
    made = []
    for n in (1, 2):
        e = admin.enterprises.create(enterprise_data(n, name=f"大连高企{n}号科技有限公司"))
        admin.qualifications.add(
            e.id, HIGH_TECH, f"GR20192100000{n}", granted_on=datetime.date(2019, 6, 1)
        )
        made.append(e)
    return made


def test_presenter_loads_the_default_period_and_its_tabs(admin, high_tech):
    view = FakeView()
    p = TargetsPresenter(admin, view)
    choices, default = p.periods()
    assert default == "2020H2" and ("2019H1", "2019年上半年") in choices
    p.load()
    assert view.title == "2020年下半年行动计划目标完成情况"
    assert len(view.targets["main"]) == len(p.progress.rows) and view.targets["fields"]
    assert cell(p, "main", target_id(p, HIGH_TECH), 3, view) == "2 家"
    assert "计划自相矛盾" in view.notes
    headers, rows = view.streets
    assert headers[0] == "所属街道" and rows[-1][1][0] == "全区合计"
    assert len(view.tasks) == 22 and view.tasks[0][1][3] == "未填报"
    p.load("2019H2")
    assert view.title.startswith("2019年下半年")


def test_selection_enables_the_fitting_actions(admin, viewer, high_tech):
    view = FakeView()
    p = TargetsPresenter(admin, view)
    p.load()
    p.select(target_id(p, HAND))
    assert view.actions == dict(enter=True, clear=False, drill=False)
    assert "出处：二、(一)" in view.detail
    p.select(target_id(p, HIGH_TECH))
    assert view.actions == dict(enter=False, clear=False, drill=True)
    assert "口径：期末持有有效高新技术企业证书的企业数" in view.detail
    viewer_view = FakeView()
    q = TargetsPresenter(viewer, viewer_view)
    q.load()
    q.select(target_id(q, HAND))
    assert viewer_view.actions == dict(enter=False, clear=False, drill=False)
    assert q.enter_actual(target_id(q, HAND)) is None and viewer_view.asked == []


def test_admin_enters_and_clears_a_hand_figure(admin, high_tech):
    view = FakeView()
    p = TargetsPresenter(admin, view)
    p.load()
    hand = target_id(p, HAND)
    view.answer = lambda row, period: admin.targets.set_actual(
        row.indicator, period, "2.9", note="统计局"
    )
    assert p.enter_actual(hand) is not None
    assert view.asked[-1] == (HAND, "2020H2", None)
    assert cell(p, "main", hand, 3, view) == "2.9%"
    assert view.actions["clear"] is True  # the reload kept the selection
    p.enter_actual(hand)
    assert view.asked[-1] == (HAND, "2020H2", "统计局")  # the dialog gets the saved note
    assert admin.audit.list(entity="target_actual").total == 1
    view.confirm = False
    assert p.clear_actual(hand) is None and cell(p, "main", hand, 3, view) == "2.9%"
    view.confirm = True
    assert p.clear_actual(hand) is True
    assert cell(p, "main", hand, 3, view) == "—"
    # a computed target is refused with the reason
    assert p.enter_actual(target_id(p, HIGH_TECH)) is None
    assert "由系统按登记数据计算" in view.messages[-1]


def test_drill_down_and_the_street_table(admin, clerk, high_tech):
    view = FakeView()
    p = TargetsPresenter(admin, view)
    p.load()
    result = p.open(target_id(p, HIGH_TECH))  # double-click on a computed figure
    assert [r.name for r in result.rows] == ["大连高企1号科技有限公司", "大连高企2号科技有限公司"]
    assert p.drill(target_id(p, HAND)) is None and "手工填报" in view.messages[-1]
    headers, rows = view.streets
    column = next(i for i, h in enumerate(headers) if h.startswith(HIGH_TECH))
    street_row = next(i for i, r in rows if r[0] == "大连湾街道")
    assert p.drill_street(street_row, column).total == 2
    other = next(i for i, r in rows if r[0] == "南关岭街道")
    assert p.drill_street(other, column).rows == []
    # a street user: their street only, no verdicts, no entry
    street_view = FakeView()
    q = TargetsPresenter(clerk, street_view)
    q.load()
    assert cell(q, "main", target_id(q, HIGH_TECH), 6, street_view) == "—"
    assert "大连湾街道" in street_view.notes and not q.can_enter


def test_task_progress(admin):
    view = FakeView()
    p = TargetsPresenter(admin, view)
    p.load("2019H2")
    task = p.progress.tasks[7]
    view.answer = lambda t, period: admin.targets.set_task_progress(
        t.id, period, "推进中", "已启动"
    )
    assert p.task_progress(task.id) is not None
    assert view.asked[-1] == (8, "2019H2")
    assert dict(view.tasks)[task.id][3:] == ("推进中", "已启动")


# --- the screen ------------------------------------------------------------------------
def show(tk_root, view):
    view.pack(fill="both", expand=True)
    tk_root.geometry("1200x760")
    tk_root.deiconify()
    tk_root.update()


@pytest.mark.gui
def test_period_change_reloads(tk_root, admin, high_tech):
    view = TargetsView(tk_root, admin)
    show(tk_root, view)
    try:
        assert view.title_label.cget("text").startswith("2020年下半年")
        view.period_box.set("2019年上半年")
        view.period_box.event_generate("<<ComboboxSelected>>")
        tk_root.update()
        assert view.title_label.cget("text").startswith("2019年上半年")
        assert view.presenter.period == "2019H1"
        assert "截至 2019-06-30" in view.subtitle.cget("text")
    finally:
        view.destroy()
        tk_root.withdraw()


@pytest.mark.gui
def test_admin_enters_an_actual_through_the_dialog(tk_root, admin, high_tech):
    view = TargetsView(tk_root, admin)
    view.dialog_options = {"_utest": True}
    show(tk_root, view)
    try:
        table = view.tables["main"]
        hand = target_id(view.presenter, HAND)
        table.select(hand)
        assert "disabled" not in view.buttons["enter"].state()
        view.buttons["enter"].invoke()
        dialog = view.last_dialog
        assert isinstance(dialog, ActualDialog)
        dialog.value.insert(0, "三点二")
        dialog.ok_button.invoke()
        assert "应为数字" in dialog.error_label.cget("text") and dialog.result is None
        dialog.value.delete(0, "end")
        dialog.value.insert(0, "3.05")
        dialog.note.insert(0, "区统计局快报")
        dialog.ok_button.invoke()
        assert str(dialog.result["value"]) == "3.05"
        view.presenter.finished(dialog.result, hand)
        tk_root.update()
        assert table.text(hand, "actual") == "3.05%"
        assert table.text(hand, "verdict") == "滞后"
        entries = admin.audit.list(entity="target_actual").items
        assert len(entries) == 1 and entries[0].user == "admin"
        assert entries[0].after["note"] == "区统计局快报"
        # a computed row: no entry, but its enterprises open with a double-click
        computed = target_id(view.presenter, HIGH_TECH)
        table.select(computed)
        assert "disabled" in view.buttons["enter"].state()
        double_click(table.canvas, 40, table.row_y(computed))
        window = view.drill_windows[-1]
        assert isinstance(window, DrillDownWindow)
        names = [window.table.tree.item(i, "values")[0] for i in window.table.tree.get_children()]
        assert names == ["大连高企1号科技有限公司", "大连高企2号科技有限公司"]
        form = window.open_row(0)
        assert isinstance(form, EnterpriseWindow) and form.presenter.record.id == high_tech[0].id
        form.destroy()
        window.destroy()
    finally:
        view.destroy()
        tk_root.withdraw()


@pytest.mark.gui
def test_task_dialog_and_keyboard(tk_root, admin):
    view = TargetsView(tk_root, admin)
    view.dialog_options = {"_utest": True}
    show(tk_root, view)
    try:
        view.select("tasks")
        assert "disabled" in view.buttons["enter"].state()
        view.tasks.focus_first()
        view.buttons["task"].invoke()
        dialog = view.last_dialog
        assert isinstance(dialog, TaskDialog) and dialog.task.number == 1
        dialog.status.set("滞后")
        dialog.note.insert("1.0", "招商未落地")
        dialog.ok_button.invoke()
        view.presenter.finished(dialog.result)
        first = view.tasks.tree.get_children()[0]
        assert view.tasks.tree.item(first, "values")[3:] == ("滞后", "招商未落地")
        assert view.tasks.tree.item(first, "tags") == ("滞后",)
        # the drawn table answers to the keyboard: Down selects, Enter opens
        view.select("main")
        table = view.tables["main"]
        table.focus_first()
        table.canvas.focus_force()  # Xvfb has no window manager to give the window the focus
        tk_root.update()
        table.canvas.event_generate("<Down>")
        assert table.selected_id() == table.row_ids()[1]
    finally:
        view.destroy()
        tk_root.withdraw()


@pytest.mark.gui
def test_street_user_has_no_entry_buttons(tk_root, clerk, high_tech):
    view = TargetsView(tk_root, clerk)
    show(tk_root, view)
    try:
        assert list(view.buttons) == ["drill"]
        assert "（大连湾街道）" in view.title_label.cget("text")
        hand_rows = [r for r in view.presenter.progress.rows if not r.computed]
        assert hand_rows == []  # the district's hand-entered figures are not shown
    finally:
        view.destroy()
        tk_root.withdraw()


@pytest.mark.gui
def test_print_and_export_write_files(tk_root, admin, high_tech, tmp_path, monkeypatch):
    from ui import files

    chosen = {}

    def ask(parent, title, initialfile, kind, purpose="output"):
        chosen[kind] = (title, initialfile)
        return str(tmp_path / initialfile)

    monkeypatch.setattr(files, "ask_save_path", ask)
    view = TargetsView(tk_root, admin)
    show(tk_root, view)
    try:
        for start, kind in ((view.print_report, "pdf"), (view.export_table, "xlsx")):
            worker = start()
            deadline = time.monotonic() + 120  # a safety net, not a timing assertion
            while worker.running and time.monotonic() < deadline:
                tk_root.update()
                time.sleep(0.02)
            assert not worker.running and worker.error is None
            path = tmp_path / chosen[kind][1]
            assert path.name == f"2020年下半年行动计划目标完成情况.{kind}"
            assert os.path.getsize(path) > 1000
            view.runner.done.destroy()
    finally:
        view.destroy()
        tk_root.withdraw()
