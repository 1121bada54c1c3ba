"""The scaffolding the list screens share (ui/views/list_view.py, list_presenter.py and
ui/widgets/listnotebook.py): the presenter plumbing without a display, then the Tk parts on a
minimal screen of two lists."""

import tkinter as tk

from ui.views.list_presenter import LocalListsPresenter, chosen
from ui.views.list_view import TabbedListView, add_buttons, fit_width

COLUMNS = [("name", "名称", 100), ("count", "数量", 60)]
LISTS = {"first": ("第一", COLUMNS), "second": ("第二", COLUMNS)}
ROWS = [(1, ("甲", "10")), (2, ("乙", "9")), (3, ("丙甲", "11"))]


class FakeView:
    def __init__(self):
        self.lists = {}

    def show_list(self, key, rows, total, page, pages, sort_key, sort_desc):
        self.lists[key] = dict(rows=rows, total=total, page=page, pages=pages, key=sort_key)


class TwoLists(LocalListsPresenter):
    def __init__(self, view, page_size=2):
        super().__init__(None, view, LISTS, page_size)
        self.opened = []

    def load(self):
        for key in self.lists:
            self.lists[key].replace(ROWS)
            self.show(key)

    def open(self, record_id):
        self.opened.append(record_id)
        return record_id


def test_chosen_and_fit_width():
    assert chosen("全部") is None and chosen("") is None and chosen(None) is None
    assert chosen("大连湾街道") == "大连湾街道"
    assert fit_width([], 1) == 6 and fit_width(["众创空间(苗圃)"], 2) == 10
    assert fit_width(["很长" * 10], 1) == 16


def test_local_lists_presenter_filters_sorts_and_pages_each_list():
    view = FakeView()
    p = TwoLists(view)
    p.load()
    assert view.lists["first"]["total"] == 3 and view.lists["first"]["pages"] == 2
    p.go_to_page("second", 1)
    assert view.lists["second"]["page"] == 1 and view.lists["first"]["page"] == 0
    p.sort_by("first", "count")
    assert [r[0] for r in view.lists["first"]["rows"]] == [2, 1]
    assert view.lists["second"]["key"] is None
    p.set_text("甲")
    assert p.total("first") == 2 and p.total("second") == 2


class Screen(TabbedListView):
    def __init__(self, parent, counts):
        super().__init__(parent, None, on_open=lambda record_id: None, on_count=counts.append)
        self.presenter = TwoLists(self)
        bar = self.add_bar()
        self.buttons = add_buttons(bar, [("打开", self.open_selected)], [("打印", lambda: None)])
        self.add_search(bar, "提示", width=20, side="right", before=16)
        self.add_notebook(LISTS, [("打开", self.open_selected)])
        self.presenter.load()


def test_tabbed_view_counts_searches_and_opens(tk_root):
    counts = []
    top = tk.Toplevel(tk_root)
    view = Screen(top, counts)
    view.pack(fill="both", expand=True)
    tk_root.update()
    assert [view.notebook.tab(t, "text") for t in view.notebook.tabs()] == [
        "第一（3）",
        "第二（3）",
    ]
    assert view.current_key() == "first" and view.row_count == 3 and counts[-1] == 3
    assert view.buttons["打印"].pack_info()["padx"] == (16, 6)
    # the search box is packed from the right: label, entry and hint still read left to right
    label, entry, hint = view.search.master.winfo_children()[-3:]
    assert entry is view.search and label.winfo_x() < entry.winfo_x() < hint.winfo_x()
    view.search_var.set("甲")
    assert view.presenter.total("first") == 3  # debounced: not yet
    tk_root.after(400, tk_root.quit)
    tk_root.mainloop()
    assert view.notebook.tab(view.notebook.tabs()[1], "text") == "第二（2）"
    view.select("second")
    tk_root.update()
    assert view.current_key() == "second" and counts[-1] == 2
    assert view.open_selected() is None  # nothing selected
    view.current_panel().focus_first()
    assert view.open_selected() == 1 and view.presenter.opened == [1]
    top.destroy()
