"""Smoke test: a real Tk window with Chinese text opens and gets a real size."""

from tkinter import ttk

import pytest

TITLE = "甘井子区孵化链企业登记系统"


@pytest.mark.gui
def test_toplevel_with_chinese_label_is_mapped(tk_root):
    import tkinter

    window = tkinter.Toplevel(tk_root)
    try:
        window.title(TITLE)
        label = ttk.Label(window, text=TITLE, padding=12)
        label.pack()
        window.update()

        assert label.cget("text") == TITLE
        assert window.winfo_exists()
        assert window.winfo_width() > 1 and window.winfo_height() > 1
        assert label.winfo_width() > 1 and label.winfo_height() > 1
        # Thirteen CJK characters cannot fit in a handful of pixels.
        assert label.winfo_reqwidth() > 13 * 5
    finally:
        window.destroy()
