"""Enterprise list: the presenter with a fake view (no display), then the real Tk view."""

import pytest

from tests.conftest import enterprise_data
from ui.presenters.enterprises import row_values
from ui.views.enterprises import EnterpriseListPresenter, EnterpriseListView


class FakeView:
    def __init__(self):
        self.pages = []
        self.opened = []

    def show_page(self, rows, total, page, pages, sort_key, sort_desc):
        self.pages.append(
            dict(
                rows=rows,
                total=total,
                page=page,
                pages=pages,
                sort_key=sort_key,
                sort_desc=sort_desc,
            )
        )

    def open_record(self, record_id):
        self.opened.append(record_id)


@pytest.fixture
def filled(admin):
    for n in range(1, 13):
        street = "大连湾街道" if n % 3 else "南关岭街道"
        admin.enterprises.create(
            enterprise_data(n, street=street, name=f"大连第{n:02d}号海洋科技有限公司")
        )
    admin.enterprises.create(enterprise_data(20, name="甘井子蓝鲸智能有限公司"))
    return admin


def test_presenter_paging_sort_search_filters(filled):
    view = FakeView()
    p = EnterpriseListPresenter(filled, view, page_size=5)
    p.load()
    assert view.pages[-1]["total"] == 13 and view.pages[-1]["pages"] == 3
    p.go_to_page(2)
    assert view.pages[-1]["page"] == 2 and len(view.pages[-1]["rows"]) == 3
    p.sort_by("credit_code")
    first = [r[1][1] for r in view.pages[-1]["rows"]]
    p.sort_by("credit_code")
    assert view.pages[-1]["sort_desc"] and [r[1][1] for r in view.pages[-1]["rows"]] != first
    p.set_text("ljzn")
    assert (
        view.pages[-1]["total"] == 1 and view.pages[-1]["rows"][0][1][0] == "甘井子蓝鲸智能有限公司"
    )
    assert view.pages[-1]["sort_key"] is None  # best matches first while searching
    p.set_text("")
    p.set_filter("street", "南关岭街道")
    assert view.pages[-1]["total"] == 4
    p.set_filter("street", "全部")
    p.set_filter("stage", "未入驻")
    assert view.pages[-1]["total"] == 13
    p.open(5)
    assert view.opened == [5]


def test_clerk_filter_choices_are_scoped(clerk, filled):
    p = EnterpriseListPresenter(clerk, FakeView())
    assert p.filter_choices()["street"] == ["大连湾街道"]
    p.load()
    assert p.view.pages[-1]["total"] == 9


@pytest.mark.gui
def test_view_search_as_you_type(tk_root, filled):
    view = EnterpriseListView(tk_root, filled)
    view.pack()
    view.refresh()
    tk_root.update()
    assert len(view.table.tree.get_children()) == 13
    view.search_var.set("蓝鲸")
    # debounced: nothing changes until the timer fires
    assert len(view.table.tree.get_children()) == 13
    tk_root.after(400, tk_root.quit)
    tk_root.mainloop()
    assert len(view.table.tree.get_children()) == 1
    assert view.pager.total_label.cget("text") == "共 1 条"
    view.search_var.set("")
    view.search_now()
    view.filter_boxes["street"].set("南关岭街道")
    view.filter_boxes["street"].event_generate("<<ComboboxSelected>>")
    tk_root.update()
    assert len(view.table.tree.get_children()) == 4
    view.table._sort("credit_code")
    assert view.table.tree.heading("credit_code", "text").endswith("▲")
    view.destroy()


def test_carrier_filter(admin, filled):
    carrier = admin.carriers.create(
        {"name": "大连测试加速器", "kind": "加速器", "street": "大连湾街道"}
    )
    first = admin.enterprises.list(limit=1).items[0]
    admin.incubation.admit(first.id, carrier.id, "2025-01-01")
    view = FakeView()
    p = EnterpriseListPresenter(admin, view)
    assert "大连测试加速器" in p.filter_choices()["carrier"]
    p.set_filter("carrier", "大连测试加速器")
    assert view.pages[-1]["total"] == 1 and view.pages[-1]["rows"][0][0] == first.id


def test_paging_to_a_neighbour_seeks_from_the_page_shown(filled, monkeypatch):
    """Next/previous page ask for the page after the last row / before the first row shown
    (keyset paging) and show what the page at that offset holds; a sort toggle starts again."""
    view = FakeView()
    p = EnterpriseListPresenter(filled, view, page_size=3)
    asked = []
    real = filled.enterprises.list

    def recording(**options):
        asked.append({k for k in ("after", "before") if k in options})
        return real(**options)

    monkeypatch.setattr(filled.enterprises, "list", recording)
    for sort in (None, "founded_on", "founded_on"):
        p.sort_by(sort) if sort else p.load()
        assert asked[-1] == set()
        for index in (1, 2, 3, 4, 3, 2, 1, 0):
            p.go_to_page(index)
            assert asked[-1] in ({"after"}, {"before"})
            page = real(order_by=p.order_by, offset=index * 3, limit=3)
            assert view.pages[-1]["rows"] == [(e.id, row_values(e)) for e in page.items]
            assert view.pages[-1]["page"] == index
    p.go_to_page(4)
    assert asked[-1] == set()  # a jump
