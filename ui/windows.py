"""Closing the windows opened from another window before that one goes.

退出 and 切换用户 close every other window first (no form may stay open with the rights of
the user before), a record form or a drill-down the forms opened from it: each as its close
box would — a form with unsaved changes asks 保存/放弃修改/取消, an import or export under way
is cancelled — so nothing typed is lost silently.
"""

import tkinter as tk


def close_windows(parent):
    """Close the windows opened from ``parent`` (the root: every other window) before it
    goes, each as its close box would; False when one stays open (取消, or work still
    stopping).  A drop-down (a date field's calendar) goes with its owner."""
    windows = []

    def collect(widget):
        for child in widget.winfo_children():
            if isinstance(child, tk.Toplevel) and not child.overrideredirect():
                windows.append(child)  # not a drop-down (a date field's calendar)
            collect(child)

    collect(parent)
    for window in reversed(windows):  # a window opened from another before that one
        if not window.winfo_exists():
            continue
        handler = window.protocol("WM_DELETE_WINDOW")
        if handler:
            window.tk.eval(handler)
        else:
            window.destroy()
        if window.winfo_exists():
            return False
    return True
