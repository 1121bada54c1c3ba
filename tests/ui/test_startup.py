"""Start-up errors of the client are seen (main.gui_main, main.main, ui/startup.py, ui/app.py).

``gjz-client`` runs under pythonw: no console, ``sys.stdout`` and ``sys.stderr`` are None (so
here too).  Each failure before the main window — a damaged database, a newer one, a data
folder that cannot be made, Tk missing or broken, an error nobody foresaw — must end in a
message box, and the log must name the cause.  Where Tk itself is missing or broken the box is
Windows' MessageBoxW through ctypes: ``sys.platform`` is "win32" and user32 a fake.
"""

import sys
import tkinter
from tkinter import messagebox

import pytest

import main
from gjz_registry import logs, open_registry
from tests.damage import break_header
from tests.old_database import make_newer
from ui import startup


def no_console(monkeypatch):
    """pythonw: sys.stdout and sys.stderr are None.  (Set in the test itself: pytest puts its
    capture streams back between a fixture's setup and the test.)"""
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)


@pytest.fixture
def pythonw(monkeypatch, fresh_log, _data_dir):
    """Every message box recorded as (kind, title, text); the log's text."""
    boxes = []
    for kind in ("showerror", "showwarning", "showinfo"):
        monkeypatch.setattr(
            messagebox,
            kind,
            lambda title, text, _kind=kind, **k: boxes.append((_kind, title, text)),
        )
    monkeypatch.setattr(messagebox, "askyesno", lambda *a, **k: False)

    def log_text():
        with open(logs.setup(), encoding="utf-8") as fh:
            return fh.read()

    return boxes, log_text


@pytest.fixture
def windows_without_tk(monkeypatch):
    """'Windows' (sys.platform) with a fake user32; returns the MessageBoxW calls."""
    calls = []

    class User32:
        def MessageBoxW(self, hwnd, text, caption, flags):  # noqa: N802 — the Windows name
            calls.append((hwnd, text, caption, flags))
            return 1

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(startup, "_user32", User32)
    return calls


def a_database(tmp_path):
    path = tmp_path / "registry.db"
    open_registry(path).close()
    return path


def test_a_damaged_database_is_a_box_and_a_log_line(tmp_path, pythonw, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)
    path = a_database(tmp_path)
    break_header(path)
    assert main.gui_main(["--db", str(path)]) == 2
    assert [(kind, "已损坏" in text) for kind, _, text in boxes] == [("showerror", True)]
    assert f"cannot open the database {path}: 数据库「{path}」" in log_text()


def test_a_database_of_a_newer_program_is_a_box_and_a_log_line(tmp_path, pythonw, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)
    path = make_newer(a_database(tmp_path))
    assert main.gui_main(["--db", str(path)]) == 2
    (box,) = boxes
    assert box[0] == "showerror" and "由更新版本的程序创建" in box[2]
    assert "由更新版本的程序创建" in log_text()


def test_a_data_folder_that_cannot_be_made_is_a_box_and_a_log_line(tmp_path, pythonw, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)
    (tmp_path / "blocked").write_text("a file where the data folder should be")
    monkeypatch.setenv("GJZ_DATA_DIR", str(tmp_path / "blocked" / "data"))
    monkeypatch.setattr(logs.tempfile, "tempdir", str(tmp_path))  # the log's fallback
    assert main.gui_main([]) == 2
    (box,) = boxes
    assert box[:2] == ("showerror", "甘井子区孵化链企业登记系统：无法启动")
    assert box[2].startswith(f"无法建立数据文件夹「{tmp_path / 'blocked'}")
    assert f"the client could not start: 无法建立数据文件夹「{tmp_path / 'blocked'}" in log_text()


def test_an_unforeseen_error_is_a_box_and_a_traceback_in_the_log(tmp_path, pythonw, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)
    path = a_database(tmp_path)

    def broken(root):
        raise RuntimeError("主题出错")

    monkeypatch.setattr("ui.theme.apply", broken)
    assert main.gui_main(["--db", str(path)]) == 2
    (box,) = boxes
    assert box[0] == "showerror" and box[2] == f"内部错误，详情见日志：{logs.setup()}"
    text = log_text()
    assert "Traceback (most recent call last)" in text and "RuntimeError: 主题出错" in text


def test_an_error_escaping_the_command_line_is_still_shown(pythonw, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)

    def escaping(argv, gui=None):
        raise MemoryError("no memory left")

    monkeypatch.setattr(main.cli, "main", escaping)
    assert main.gui_main([]) == 2
    assert boxes[0][2].startswith("内部错误，详情见日志") and "MemoryError" in log_text()


def test_missing_tk_on_windows_is_a_messageboxw(pythonw, windows_without_tk, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)
    for name in ("tkinter", "tkinter.messagebox", "_tkinter"):
        monkeypatch.setitem(sys.modules, name, None)  # import tkinter → ImportError
    monkeypatch.delitem(sys.modules, "ui.app")
    assert main.gui_main([]) == 2
    ((hwnd, text, caption, flags),) = windows_without_tk
    assert (
        text.startswith("无法启动图形界面：") and caption == "甘井子区孵化链企业登记系统：无法启动"
    )
    assert flags == startup.MB_OK | startup.MB_ICONERROR and hwnd is None and boxes == []
    assert "the client could not start: 无法启动图形界面" in log_text()


def test_a_broken_tk_on_windows_is_a_messageboxw(pythonw, windows_without_tk, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)

    def no_tcl(*args, **kwargs):
        raise tkinter.TclError("Can't find a usable init.tcl in the following directories")

    monkeypatch.setattr(tkinter, "Tk", no_tcl)
    assert main.gui_main([]) == 2
    ((_, text, _, _),) = windows_without_tk
    assert text.startswith("无法启动图形界面（Tcl/Tk）：Can't find a usable init.tcl")
    assert "init.tcl" in log_text() and boxes == []


def test_without_tk_or_windows_the_text_goes_to_stderr(monkeypatch, capsys):
    def no_tk(title, text):
        raise ImportError("No module named '_tkinter'")

    monkeypatch.setattr(startup, "_tk_box", no_tk)
    monkeypatch.setattr(sys, "platform", "linux")
    assert startup.show_error("无法启动") == "stderr"
    assert "无法启动" in capsys.readouterr().err


def test_any_command_under_pythonw_shows_its_error(tmp_path, pythonw, monkeypatch):
    boxes, log_text = pythonw
    no_console(monkeypatch)
    missing = tmp_path / "无此库.db"
    assert main.main(["--db", str(missing), "search", "大连"]) == 2
    assert [box[2] for box in boxes] == [
        f"数据库「{missing}」不存在，请先运行 gjz init（或用 --db 指定文件）"
    ]
    assert f"the client could not start: 数据库「{missing}」不存在" in log_text()
