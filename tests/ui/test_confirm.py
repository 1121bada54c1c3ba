"""Chinese everywhere a question is asked: the client's confirmations (ui.dialogs.confirm) say
what each button does, and Tk's own file dialog and message boxes speak Chinese on Linux.

The dialogs are modal: each test schedules ``after()`` to look at the open dialog and press a
button (or a key) while the code under test waits for the answer, as a user would.
"""

import ast
import re
import tkinter as tk
from pathlib import Path
from tkinter import filedialog, messagebox

from tests.conftest import enterprise_data
from ui import theme, tk_locale
from ui.dialogs import confirm
from ui.views.enterprise_form import EnterpriseWindow

UI = Path(__file__).resolve().parents[2] / "ui"
WAIT_MS = 300  # until the modal dialog is up (the test fails, not hangs, when it is not)
TK_QUESTIONS = {"askyesno", "askokcancel", "askyesnocancel", "askquestion", "askretrycancel"}


def all_widgets(root, path):
    """[(path, class, text or None)] of every widget below ``path``."""
    found = []
    for child in root.tk.splitlist(root.tk.call("winfo", "children", path)):
        try:
            text = str(root.tk.call(child, "cget", "-text"))
        except tk.TclError:
            text = None
        found.append((str(child), str(root.tk.call("winfo", "class", child)), text))
        found.extend(all_widgets(root, child))
    return found


def widget_texts(root, path):
    """[(path, class, text)] of ``path`` and every widget below it that has a text."""
    return [w for w in all_widgets(root, path) if w[2]]


def unstick(dialog, seen):
    """A dialog still open after the test pressed its button: note it and close it (a failing
    test must not hang the run)."""
    if dialog.winfo_exists():
        seen["stuck"] = True
        dialog.destroy()


def answer(root, press, seen):
    """After WAIT_MS, put the open question's title, text and buttons into ``seen`` and
    ``press(dialog)`` (``seen["stuck"]`` when that did not close it); a Tk message box (not
    ours) is recorded and answered 「No」."""
    seen.clear()

    def act():
        dialogs = [w for w in root.winfo_children() if isinstance(w, confirm.ConfirmDialog)]
        for w in root.winfo_children():
            dialogs += [c for c in w.winfo_children() if isinstance(c, confirm.ConfirmDialog)]
        if dialogs:
            dialog = dialogs[0]
            # key events go to the window that has the focus; without a window manager the
            # dialog gets it only when asked, and then to the widget it would focus itself
            dialog.focus_lastfor().focus_force()
            dialog.update()
            seen.update(
                title=dialog.title(),
                message=dialog.message.cget("text"),
                buttons=[str(b.cget("text")) for b in dialog.buttons],
                focus=str(dialog.focus_get().cget("text")) if dialog.focus_get() else None,
            )
            press(dialog)
            root.after(WAIT_MS, lambda: unstick(dialog, seen))
            return
        boxes = [p for p, _, _ in all_widgets(root, ".") if p.endswith("__tk__messagebox")]
        for box in boxes:
            seen.update(tk_box=[t for _, _, t in widget_texts(root, box)])
            for name in ("no", "cancel", "ok"):
                if root.tk.call("winfo", "exists", f"{box}.{name}"):
                    root.tk.call(f"{box}.{name}", "invoke")
                    return

    root.after(WAIT_MS, act)


def test_no_tk_yes_no_question_is_left_in_the_client():
    """Every question goes through ui.dialogs.confirm: none of Tk's Yes/No boxes remain."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Attribute) and node.attr in TK_QUESTIONS:
                name = node.attr
            elif isinstance(node, ast.ImportFrom) and node.module == "tkinter.messagebox":
                name = next((a.name for a in node.names if a.name in TK_QUESTIONS), None)
            if name:
                found.append(f"{path.relative_to(UI.parent)}:{node.lineno} {name}")
    assert not found, found


def test_ask_says_what_the_buttons_do_enter_and_escape(tk_root):
    theme.apply(tk_root)
    seen = {}
    answer(tk_root, lambda d: d.event_generate("<Return>"), seen)
    assert confirm.ask(tk_root, "停用账户", "停用账户「dlw」？", ok="停用") is True
    assert seen["buttons"] == ["停用", "取消"] and seen["title"] == "停用账户"
    assert seen["focus"] == "停用"  # the default button
    answer(tk_root, lambda d: d.event_generate("<Escape>"), seen)
    assert confirm.ask(tk_root, "停用账户", "停用账户「dlw」？", ok="停用") is False
    assert not seen.get("stuck")  # Esc closed it
    answer(tk_root, lambda d: d.cancel_button.invoke(), seen)
    assert confirm.ask(tk_root, "删除填报值", "删除？", ok="删除") is False

    def tab_then_enter(dialog):  # Enter presses the focused button, not always the first
        dialog.cancel_button.focus_set()
        dialog.event_generate("<Return>")

    answer(tk_root, tab_then_enter, seen)
    assert confirm.ask(tk_root, "删除填报值", "删除？", ok="删除") is False
    assert not seen.get("stuck")


def test_choose_offers_save_discard_cancel(tk_root):
    theme.apply(tk_root)
    seen = {}
    answer(tk_root, lambda d: d.extra_button.invoke(), seen)
    result = confirm.choose(tk_root, "尚未保存", "有修改尚未保存。", "保存", "放弃修改")
    assert result == confirm.EXTRA and seen["buttons"] == ["保存", "放弃修改", "取消"]
    answer(tk_root, lambda d: d.event_generate("<Return>"), seen)
    assert confirm.choose(tk_root, "尚未保存", "…", "保存", "放弃修改") == confirm.OK
    answer(tk_root, lambda d: d.event_generate("<Escape>"), seen)
    assert confirm.choose(tk_root, "尚未保存", "…", "保存", "放弃修改") is None
    assert not seen.get("stuck")


def test_closing_a_changed_form_asks_save_discard_or_cancel(tk_root, clerk):
    """Esc on a changed enterprise form: 「取消」 keeps it open, 「保存」 saves and closes,
    「放弃修改」 closes without saving."""
    theme.apply(tk_root)
    record = clerk.enterprises.create(enterprise_data(1))
    window = EnterpriseWindow(tk_root, clerk, record.id, _utest=True)
    tk_root.update()
    window.form.set("contact_name", "王五")
    seen = {}
    answer(tk_root, lambda d: d.cancel_button.invoke(), seen)
    window.focus_force()
    window.update()
    window.event_generate("<Escape>")  # Esc = 取消 on the form: it asks first
    assert seen.get("buttons") == ["保存", "放弃修改", "取消"], seen
    assert seen["title"] == "尚未保存" and window.winfo_exists()
    answer(tk_root, lambda d: d.ok_button.invoke(), seen)
    window.cancel()
    assert not window.winfo_exists()
    assert clerk.enterprises.get(record.id).contact_name == "王五"

    window = EnterpriseWindow(tk_root, clerk, record.id, _utest=True)
    tk_root.update()
    window.form.set("contact_name", "赵六")
    answer(tk_root, lambda d: d.extra_button.invoke(), seen)
    window.cancel()
    assert not window.winfo_exists()
    assert clerk.enterprises.get(record.id).contact_name == "王五"


def test_tk_file_dialog_and_message_box_are_chinese(tk_root):
    """Tk's own file dialog (Linux) after theme.apply: Chinese captions and buttons."""
    theme.apply(tk_root)
    seen = {}

    def look_then_cancel():
        dialog = ".__tk_filedialog"
        seen["texts"] = widget_texts(tk_root, dialog)
        cancel = [p for p, _, t in seen["texts"] if t.startswith("取消")]
        if cancel:
            tk_root.tk.call(cancel[0], "invoke")
        else:  # English (the failure being tested for): close it all the same
            tk_root.tk.call("set", "::tk::Priv(selectFilePath)", "")

    tk_root.after(WAIT_MS * 2, look_then_cancel)
    chosen = filedialog.askopenfilename(
        parent=tk_root, title="选择要导入的文件", filetypes=[("Excel 工作簿", "*.xlsx")]
    )
    assert not chosen
    texts = {t for _, cls, t in seen["texts"] if cls != "TMenubutton"}  # not the folder path
    assert {"文件夹(D)：", "文件名(N)：", "文件类型(T)：", "打开(O)", "取消(C)"} <= texts, texts
    english = [t for t in texts if re.search(r"[A-Za-z]{2,}", t)]
    assert not english, english

    # a message box Tk draws itself: 「确定」, not 「OK」
    answer(tk_root, None, seen)
    messagebox.showinfo("提示", "已保存", parent=tk_root)
    assert seen.get("tk_box") and "确定(O)" in seen["tk_box"], seen.get("tk_box")


def test_every_text_of_tks_file_dialog_is_translated(tk_root):
    """Each caption Tk's file dialog asks ::msgcat for (read from Tk's own script, so a Tk
    version with a new one fails here) comes out in Chinese."""
    tk_locale.install(tk_root)
    library = Path(str(tk_root.tk.eval("set ::tk_library")))
    keys = set()
    for name in ("tkfbox.tcl", "choosedir.tcl"):
        script = (library / name).read_text(encoding="utf-8")
        for raw in re.findall(r'\[mc\s+"((?:[^"\\]|\\.)*)"', script, re.S):
            keys.add(str(tk_root.tk.eval(f'set ::gjz_key "{raw}"')))  # Tcl reads the escapes
    keys |= {"&Yes", "&No", "&OK", "&Cancel"}  # the message box's buttons (msgbox.tcl)
    assert len(keys) > 15
    untranslated = [
        k
        for k in keys
        if re.search(r"[A-Za-z]{2,}", tk_locale.translate(tk_root, k).replace("%1$s", ""))
    ]
    assert not untranslated, untranslated
