"""The chain dialogs of issue 16: a move back a stage asks for its reason and confirmation
(point 6), an administrator corrects or withdraws the last step from the enterprise form and
the chain view (point 7), the carrier list is in chain then pinyin order and narrows as one
types (point 9)."""

import datetime

import pytest

from tests.conftest import enterprise_data
from ui.dialogs.chain import CarrierDialog, CorrectStepDialog, WithdrawStepDialog
from ui.views.chain import ChainView
from ui.views.enterprise_form import EnterpriseWindow

D = datetime.date
# (name, kind): the code-point order of the names and of the kinds is not the wanted order
CARRIERS = (
    ("中关村众创空间", "众创空间(苗圃)"),
    ("阿里众创空间", "众创空间(苗圃)"),
    ("北方众创空间", "众创空间(苗圃)"),
    ("泉水孵化器", "孵化器"),
    ("甘井子孵化器", "孵化器"),
    ("大连湾智造加速器", "加速器"),
    ("湾里产业化基地", "产业化基地"),
)
IN_ORDER = [
    "阿里众创空间（苗圃）",
    "北方众创空间（苗圃）",
    "中关村众创空间（苗圃）",
    "甘井子孵化器（孵化器）",
    "泉水孵化器（孵化器）",
    "大连湾智造加速器（加速器）",
    "湾里产业化基地（产业化基地）",
]


@pytest.fixture
def chain(admin):
    """The carriers above (and one that stopped), and an enterprise in the accelerator."""
    ids = {
        name: admin.carriers.create({"name": name, "kind": kind, "street": "大连湾街道"}).id
        for name, kind in CARRIERS
    }
    admin.carriers.create({"name": "停运众创空间", "kind": "众创空间(苗圃)", "status": "停运"})
    e = admin.enterprises.create(enterprise_data(1, founded_on="2024-01-10"))
    admin.incubation.admit(e.id, ids["甘井子孵化器"], "2024-03-01")
    admin.incubation.move(e.id, ids["大连湾智造加速器"], "2025-02-01")
    return e, ids


def dialog_for(tk_root, registry, enterprise_id, **options):
    enterprise = registry.enterprises.get(enterprise_id)
    return CarrierDialog(tk_root, registry, enterprise, _utest=True, **options)


def shown(widget):
    widget.update_idletasks()
    return bool(widget.winfo_manager()) and widget.winfo_ismapped()


# --- point 9 --------------------------------------------------------------------------------
def test_carriers_in_chain_then_pinyin_order_narrowed_by_typing(tk_root, admin, chain):
    e, ids = chain
    fresh = admin.enterprises.create(enterprise_data(2, founded_on="2025-01-10"))
    dialog = dialog_for(tk_root, admin, fresh.id)
    assert dialog.carrier.shown() == IN_ORDER  # the stopped makerspace is not offered
    for typed, expected in (
        ("fhq", ["甘井子孵化器（孵化器）", "泉水孵化器（孵化器）"]),  # initials
        ("zhongguan", ["中关村众创空间（苗圃）"]),  # full pinyin
        ("Ｂｅｉ ＦＡＮＧ", ["北方众创空间（苗圃）"]),  # full-width, spaces, any case
        ("加速", ["大连湾智造加速器（加速器）"]),  # characters of the name or stage
        ("xyz", []),
    ):
        dialog.carrier.set(typed)
        assert dialog.carrier.shown() == expected, typed
    dialog.carrier.set("zhongguan")
    assert dialog.carrier.selected().id == ids["中关村众创空间"]  # the one match is enough
    dialog.carrier.set("fhq")
    assert dialog.carrier.selected() is None  # two incubators match: not yet a choice
    dialog.ok_button.invoke()
    assert "请选择载体" in dialog.error_label.cget("text") and dialog.result is None
    dialog.carrier.set("甘井子孵化器（孵化器）")  # chosen from the list: the whole list again
    assert dialog.carrier.shown() == IN_ORDER
    dialog.cancel()
    # the move dialog leaves out the carrier the enterprise is in
    move = dialog_for(tk_root, admin, e.id, move=True)
    assert "大连湾智造加速器（加速器）" not in move.carrier.shown()
    move.cancel()


def test_typing_into_the_carrier_field_narrows_the_list(tk_root, admin, chain):
    fresh = admin.enterprises.create(enterprise_data(2, founded_on="2025-01-10"))
    dialog = dialog_for(tk_root, admin, fresh.id)
    dialog.deiconify()
    dialog.carrier.focus_force()
    tk_root.update()
    for key in "gjz":
        dialog.carrier.event_generate(f"<KeyPress-{key}>")
    tk_root.update()
    assert dialog.carrier.get() == "gjz"
    assert dialog.carrier.shown() == ["甘井子孵化器（孵化器）"]
    dialog.date.set_date(D(2025, 3, 1))
    dialog.event_generate("<Return>")  # Enter admits to the one carrier left
    tk_root.update()
    assert dialog.result is not None and dialog.result.carrier == "甘井子孵化器"


# --- point 6 --------------------------------------------------------------------------------
def test_a_move_back_asks_for_the_reason_and_confirmation(tk_root, admin, chain):
    e, ids = chain
    dialog = dialog_for(tk_root, admin, e.id, move=True)
    tk_root.update()
    assert not shown(dialog.reason) and dialog.ok_button.cget("text") == "确定"
    dialog.carrier.set("泉水孵化器（孵化器）")
    tk_root.update()
    assert shown(dialog.reason) and shown(dialog.return_notice)
    assert dialog.return_notice.cget("text").startswith("从加速器迁到孵化器是退回到更早的阶段")
    assert dialog.ok_button.cget("text") == "确认退回"
    dialog.carrier.set("湾里产业化基地（产业化基地）")  # forward again: no reason asked
    tk_root.update()
    assert not shown(dialog.reason) and dialog.ok_button.cget("text") == "确定"
    dialog.carrier.set("阿里众创空间（苗圃）")
    dialog.date.set_date(D(2025, 6, 1))
    dialog.ok_button.invoke()  # no reason yet: refused inline, the dialog stays
    assert dialog.result is None and "须填写退回原因" in dialog.error_label.cget("text")
    assert admin.enterprises.get(e.id).stage == "加速器"
    dialog.reason.insert(0, "项目转型，回苗圃重新孵化")
    dialog.ok_button.invoke()
    assert dialog.result is not None and dialog.result.stage == "苗圃"
    history = admin.incubation.history(e.id)
    assert history[-2].exit_reason == "退回" and history[-2].notes == "项目转型，回苗圃重新孵化"
    # the enterprise form's history shows it as 退回, with the reason
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    tree = window.tabs["history"].table.tree
    rows = [tree.item(i, "values") for i in tree.get_children()]
    assert [r[4] for r in rows] == ["晋级", "退回", ""]
    assert rows[1][6] == "项目转型，回苗圃重新孵化"
    window.destroy()


# --- point 7 --------------------------------------------------------------------------------
def test_the_form_corrects_and_withdraws_the_last_step(tk_root, admin, clerk, chain):
    e, ids = chain
    readonly = EnterpriseWindow(tk_root, clerk, e.id, _utest=True)
    assert "撤回最后一步" not in readonly.tabs["history"].buttons  # administrators only
    readonly.destroy()
    window = EnterpriseWindow(tk_root, admin, e.id, _utest=True)
    window.dialog_options = {"_utest": True}
    tab = window.tabs["history"]
    assert {"更正最后一步", "撤回最后一步"} <= set(tab.buttons)
    tab.buttons["更正最后一步"].invoke()
    correct = window.last_dialog
    assert isinstance(correct, CorrectStepDialog)
    assert correct.date.get_date() == D(2025, 2, 1)
    assert correct.carrier.get() == "大连湾智造加速器（加速器）"
    correct.date.set_date(D(2025, 3, 1))
    correct.carrier.set("泉水孵化器（孵化器）")  # now a move within the stage: 迁出
    correct.ok_button.invoke()
    assert (
        correct.result.text == "2025-03-01 从「甘井子孵化器」（孵化器）迁到「泉水孵化器」（孵化器）"
    )
    window.refresh_tabs()
    tree = tab.table.tree
    rows = [tree.item(i, "values") for i in tree.get_children()]
    assert [(r[0], r[3], r[4]) for r in rows] == [
        ("甘井子孵化器", "2025-03-01", "迁出"),
        ("泉水孵化器", "在孵", ""),
    ]
    tab.buttons["撤回最后一步"].invoke()
    withdraw = window.last_dialog
    assert isinstance(withdraw, WithdrawStepDialog)
    assert (
        withdraw.ok_button.cget("text") == "撤回" and withdraw.cancel_button.cget("text") == "取消"
    )
    texts = [w.cget("text") for w in withdraw.winfo_children()[0].winfo_children()[:3]]
    assert (
        texts[1] == "撤回后：删除在「泉水孵化器」的入驻记录，恢复在「甘井子孵化器」（孵化器）在孵。"
    )
    withdraw.ok_button.invoke()
    assert withdraw.result is not None
    window.refresh_tabs()
    rows = [tree.item(i, "values") for i in tree.get_children()]
    assert len(rows) == 1 and rows[0][0] == "甘井子孵化器" and rows[0][3] == "在孵"
    assert admin.enterprises.get(e.id).carrier == "甘井子孵化器"
    tab.buttons["撤回最后一步"].invoke()
    window.last_dialog.ok_button.invoke()  # the admission too
    window.refresh_tabs()
    assert tree.get_children() == ()
    tab.buttons["撤回最后一步"].invoke()  # nothing left: a word in the form, no dialog
    assert window.message.cget("text") == "该企业没有孵化记录，没有可更正或撤回的步骤"
    window.destroy()


def test_the_chain_view_withdraws_a_mistaken_admission(tk_root, admin, chain):
    e, ids = chain
    newcomer = admin.enterprises.create(enterprise_data(3, founded_on="2025-01-10"))
    admin.incubation.admit(newcomer.id, ids["北方众创空间"], "2025-06-01")
    view = ChainView(tk_root, admin)
    view.dialog_options = {"_utest": True}
    view.pack(fill="both", expand=True)
    tk_root.update()
    assert list(view.buttons)[-2:] == ["更正最后一步", "撤回最后一步"]
    assert view.notebook.tab(view.notebook.tabs()[0], "text") == "在孵企业（2）"
    table = view.current_panel().table
    table.tree.selection_set(str(newcomer.id))
    view.buttons["撤回最后一步"].invoke()
    dialog = view.last_dialog
    assert isinstance(dialog, WithdrawStepDialog)
    assert dialog.step.text == "2025-06-01 入驻「北方众创空间」（苗圃）"
    dialog.ok_button.invoke()
    view.presenter.finished(dialog.result)
    tk_root.update()
    assert view.notebook.tab(view.notebook.tabs()[0], "text") == "在孵企业（1）"
    assert admin.incubation.history(newcomer.id) == []
    view.destroy()
