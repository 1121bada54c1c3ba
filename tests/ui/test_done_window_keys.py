"""The 「已完成」 window after an export: Enter opens the file only while no other button has
the focus — tabbed to 打开文件夹 it opens the folder, to 关闭 it just closes — and Tab goes
through the buttons as they are shown."""

import os

import pytest

from tests.ui.exchange_files import fake_viewer
from ui.dialogs.progress import DoneWindow


@pytest.fixture
def done(tk_root, tmp_path):
    path = tmp_path / "企业信息.xlsx"
    path.write_bytes(b"x")
    window = DoneWindow(tk_root, "导出", "已导出", path=str(path))
    yield window, str(path)
    if window.winfo_exists():
        window.destroy()


def press_enter(tk_root, widget):
    widget.focus_force()
    tk_root.update()
    widget.event_generate("<Return>", when="tail")  # queued, as a key press is
    tk_root.update()


@pytest.mark.parametrize(
    "button, opens",
    [("open_button", "file"), ("folder_button", "folder"), ("close_button", None)],
)
def test_enter_presses_the_focused_button(tk_root, monkeypatch, done, button, opens):
    opened = fake_viewer(monkeypatch)
    window, path = done
    press_enter(tk_root, getattr(window, button))
    expected = {"file": [path], "folder": [os.path.dirname(path)], None: []}[opens]
    assert opened == expected and not window.winfo_exists()


def test_tab_goes_left_to_right(tk_root, done):
    window, _ = done
    window.folder_button.focus_force()
    tk_root.update()
    order = []
    for _ in range(2):
        tk_root.focus_get().event_generate("<Tab>")
        tk_root.update()
        order.append(tk_root.focus_get())
    assert order == [window.open_button, window.close_button]
