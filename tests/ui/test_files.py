"""Opening a result in the system's viewer (ui/files.py) on a PC where nothing opens it.

Windows' ``os.startfile`` raises OSError (WinError 1155, 「没有与之关联的应用程序来执行该操作」)
when no program is associated with .pdf or .xlsx — a street office PC without a PDF reader.
Emulated: ``sys.platform`` is "win32" and ``os.startfile`` a fake that knows which paths have a
program (folders always do: Explorer).  The client opens the folder and says why.
"""

import os
import sys

import pytest

from ui import files
from ui.dialogs.progress import DoneWindow

NO_ASSOCIATION = 1155


@pytest.fixture
def windows(monkeypatch):
    """'Windows' where only folders have a program; returns (started paths, messages)."""
    started, shown = [], []

    def startfile(path):
        if not os.path.isdir(path):
            error = OSError(22, "没有与之关联的应用程序来执行该操作。", path)
            error.winerror = NO_ASSOCIATION
            raise error
        started.append(path)

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", startfile, raising=False)
    monkeypatch.setattr(
        "tkinter.messagebox.showinfo", lambda title, message, **k: shown.append((title, message))
    )
    return started, shown


def test_a_file_no_program_opens_shows_its_folder_and_says_why(tmp_path, windows):
    started, shown = windows
    path = tmp_path / "甘井子区2026年高新技术企业名单.pdf"
    path.write_bytes(b"%PDF-1.4")
    message = files.open_with_system(path)
    assert started == [str(tmp_path)]
    assert shown == [("提示", message)]
    assert message.startswith(
        f"这台电脑上没有与「.pdf」文件关联的程序，已打开文件所在的文件夹「{tmp_path}」"
    )
    assert f"右键「{path.name}」" in message


def test_the_done_windows_open_button_falls_back_to_the_folder(tk_root, tmp_path, windows):
    started, shown = windows
    path = tmp_path / "企业信息.xlsx"
    path.write_bytes(b"PK")
    done = DoneWindow(tk_root, "导出", "已导出", path=str(path))
    done.open_button.invoke()
    assert started == [str(tmp_path)] and "「.xlsx」" in shown[0][1]
    assert not done.winfo_exists()


def test_a_viewer_that_opens_it_says_nothing(tmp_path, windows, monkeypatch):
    started, shown = windows
    monkeypatch.setattr(os, "startfile", started.append, raising=False)
    assert files.open_with_system(tmp_path / "a.pdf") is None
    assert started == [str(tmp_path / "a.pdf")] and shown == []
