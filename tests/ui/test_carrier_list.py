"""Carrier list: the presenter with a fake view (no Tk), then the real view and navigation."""

import tkinter as tk

import pytest

from tests.conftest import enterprise_data
from ui import theme
from ui.main_window import MainWindow
from ui.views import catalogue
from ui.views.carrier_form import CarrierWindow
from ui.views.carriers import CarrierListPresenter, CarrierListView
from ui.views.local_rows import LocalRows, sort_value


class FakeView:
    def __init__(self):
        self.pages = []
        self.opened = []

    def show_page(self, rows, total, page, pages, sort_key, sort_desc):
        self.pages.append(dict(rows=rows, total=total, page=page, pages=pages, key=sort_key))

    def open_record(self, record_id):
        self.opened.append(record_id)
        return record_id


@pytest.fixture
def carriers(admin):
    """Five carriers in two streets; the 孵化器 of 大连湾 has two residents."""
    made = {}
    for name, kind, street, level, area in (
        ("甘井子区海创孵化器", "孵化器", "大连湾街道", "省级", "12000"),
        ("大连湾蓝湾众创空间", "众创空间(苗圃)", "大连湾街道", "市级", "800"),
        ("南关岭智造加速器", "加速器", "南关岭街道", "国家级", "30000"),
        ("南关岭创客空间", "众创空间(苗圃)", "南关岭街道", "未认定", "950.5"),
        ("大连软件产业化基地", "产业化基地", "南关岭街道", "区级", None),
    ):
        made[name] = admin.carriers.create(
            {"name": name, "kind": kind, "street": street, "level": level, "area_m2": area}
        )
    incubator = made["甘井子区海创孵化器"]
    for n in (1, 2):
        e = admin.enterprises.create(enterprise_data(n, founded_on="2024-01-01"))
        admin.incubation.admit(e.id, incubator.id, "2024-06-01")
    return made


def test_presenter_filters_sort_and_pages(admin, carriers):
    view = FakeView()
    p = CarrierListPresenter(admin, view, page_size=2)
    p.load()
    assert view.pages[-1]["total"] == 5 and view.pages[-1]["pages"] == 3
    assert len(view.pages[-1]["rows"]) == 2
    p.go_to_page(2)
    assert view.pages[-1]["page"] == 2 and len(view.pages[-1]["rows"]) == 1
    p.set_filter("kind", "众创空间(苗圃)")
    assert view.pages[-1]["total"] == 2 and view.pages[-1]["page"] == 0
    p.set_filter("street", "南关岭街道")
    assert [r[1][0] for r in view.pages[-1]["rows"]] == ["南关岭创客空间"]
    p.set_filter("kind", "全部")
    p.set_filter("street", "全部")
    p.set_filter("level", "国家级")
    assert [r[1][0] for r in view.pages[-1]["rows"]] == ["南关岭智造加速器"]
    p.set_filter("level", None)
    p.set_text("南关岭")
    assert view.pages[-1]["total"] == 2
    p.set_text("")
    p.rows.page_size = 10
    p.sort_by("area_m2")  # numbers sort as numbers; the carrier without an area comes last
    areas = [r[1][4] for r in view.pages[-1]["rows"]]
    assert areas == ["800", "950.5", "12000", "30000", ""]
    p.sort_by("residents")
    p.sort_by("residents")
    top = view.pages[-1]["rows"][0]
    assert top[1][0] == "甘井子区海创孵化器" and top[1][5] == 2 and view.pages[-1]["key"]
    assert p.open(top[0]) == top[0] and view.opened == [top[0]]
    assert p.new() is None and view.opened[-1] is None  # admins may create


def test_every_user_sees_every_carrier_but_only_writers_create(clerk, viewer, carriers):
    view = FakeView()
    p = CarrierListPresenter(clerk, view)
    p.load()
    assert view.pages[-1]["total"] == 5 and p.can_create
    assert len(p.filter_choices()["street"]) > 2  # every street, not only the clerk's
    viewer_view = FakeView()
    q = CarrierListPresenter(viewer, viewer_view)
    q.load()
    assert viewer_view.pages[-1]["total"] == 5 and not q.can_create
    assert q.new() is None and viewer_view.opened == []


def test_local_rows_sort_values():
    assert sort_value("9") < sort_value("10") < sort_value("甲") < sort_value("")
    rows = LocalRows(["a", "b"], page_size=2)
    rows.replace([(1, ("乙", "2")), (2, ("甲", "10")), (3, ("丙", "1"))])
    rows.set_text("甲")
    assert rows.current()[1] == 1
    rows.set_text("")
    rows.sort_by("b")
    rows.go_to(5)
    page, total, index, pages, key, desc = rows.current()
    assert (total, index, pages, key, desc) == (3, 1, 2, "b", False)
    assert [r[0] for r in page] == [2]


def reach_by_tab(start, target, steps=12):
    """True when pressing Tab from ``start`` reaches ``target``."""
    widget = start
    for _ in range(steps):
        widget = widget.tk_focusNext()
        if widget is None:
            return False
        if widget == target:
            return True
    return False


def press(root, widget, key):
    widget.focus_force()
    root.update()
    widget.event_generate(key)
    root.update()


def test_view_filters_keyboard_and_opening(tk_root, clerk, carriers):
    opened = []
    counts = []
    top = tk.Toplevel(tk_root)
    view = CarrierListView(top, clerk, on_open=opened.append, on_count=counts.append)
    view.pack(fill="both", expand=True)
    tk_root.update()
    tree = view.table.tree
    assert len(tree.get_children()) == 5 and counts[-1] == 5
    assert [b for b in view.buttons if b.startswith("新增")]
    view.search_var.set("南关岭")
    assert len(tree.get_children()) == 5  # debounced: not yet
    tk_root.after(400, tk_root.quit)
    tk_root.mainloop()
    assert len(tree.get_children()) == 2 and counts[-1] == 2
    view.search_var.set("")
    view.search_now()
    # keyboard: Tab from the search box reaches the list, which focuses a row;
    # Down moves, Enter opens
    assert reach_by_tab(view.search, tree)
    tree.focus_force()
    tk_root.update()
    first, second = tree.get_children()[:2]
    assert tree.focus() == first and tree.selection() == (first,)
    press(tk_root, tree, "<Down>")
    assert tree.focus() == second and tree.selection() == (second,)
    press(tk_root, tree, "<Return>")
    assert opened == [int(second)]
    view.focus_search()
    tk_root.update()
    assert top.focus_get() == view.search
    view.filter_boxes["kind"].set("孵化器")
    view.filter_boxes["kind"].event_generate("<<ComboboxSelected>>")
    tk_root.update()
    (only,) = tree.get_children()
    assert tree.item(only, "values")[0] == "甘井子区海创孵化器"
    assert view.panel.pager.total_label.cget("text") == "共 1 条"
    tree.selection_set(only)
    view.open_selected()
    assert opened[-1] == int(only)
    top.destroy()


def test_viewer_gets_no_new_button(tk_root, viewer, carriers):
    view = CarrierListView(tk_root, viewer, on_open=lambda record_id: None)
    tk_root.update()
    assert list(view.buttons) == ["打开", "导出Excel", "打印名单"]  # reading is allowed
    assert view.new_record() is None
    view.destroy()


def test_navigation_lists_the_screens_in_order_and_routes_keys(tk_root, registry, clerk, carriers):
    views = catalogue.Views(clerk)
    assert [label for _, label in views.labels()] == [label for _, label in catalogue.ORDER]
    theme.apply(tk_root)
    window = MainWindow(tk_root, clerk, views)
    for key, _ in views.labels():
        window.show(key)
        tk_root.update()
        window.refresh()  # F5 reaches every view
    window.show("carriers")
    tk_root.update()
    assert window.count_label.cget("text") == "共 5 条"
    window.new_record()  # Ctrl+N on the carrier list opens an empty carrier form
    forms = [w for w in tk_root.winfo_children() if isinstance(w, CarrierWindow)]
    assert len(forms) == 1 and forms[0].presenter.carrier_id is None
    forms[0].destroy()
    window.focus_search()
    window.destroy()


def test_tab_reaches_the_rows_before_the_pager(tk_root):
    """In every list panel the keyboard goes from the rows to the pager's buttons, although
    the pager is packed first (so that a short window shrinks the table, not the pager)."""
    from tkinter import ttk

    from ui.widgets.listpanel import ListPanel

    top = tk.Toplevel(tk_root)
    entry = ttk.Entry(top)
    entry.pack()
    panel = ListPanel(top, [("name", "名称", 120)])
    panel.pack(fill="both", expand=True)
    panel.show([(i, (f"载体{i}",)) for i in range(1, 4)], 9, 1, 3)
    tk_root.update()
    order, widget = [], entry
    for _ in range(20):
        widget = widget.tk_focusNext()
        if widget is None or widget == entry or widget in order:
            break
        order.append(widget)
    pager = [w for w in order if str(w).startswith(str(panel.pager))]
    assert panel.tree in order and pager, order
    assert order.index(panel.tree) < order.index(pager[0])
    top.destroy()
