"""Windows around long work: a progress window with 取消, and the 「已完成」 window with 打开.

Neither is modal: the main window stays usable (and keeps repainting) while a file is written.
:class:`DoneWindow` lists what did not work (e.g. the enterprises refused a certificate,
with the reasons) under the message and offers to open the file in the system viewer.
"""

import os
import tkinter as tk
from tkinter import ttk

from ui import files
from ui import texts as T
from ui.dialogs.base import centre, enter_key
from ui.widgets.keys import tab_in_order


class ProgressWindow(tk.Toplevel):
    """「正在…」, a bar (indeterminate until a total is known) and 取消."""

    def __init__(self, parent, title, on_cancel=None):
        super().__init__(parent)
        self.withdraw()
        self.title(title)
        self.resizable(False, False)
        top = parent.winfo_toplevel()
        if top.winfo_viewable():
            self.transient(top)
        self.on_cancel = on_cancel
        outer = ttk.Frame(self, padding=18)
        outer.pack(fill="both", expand=True)
        self.label = ttk.Label(outer, text=T.JOB_WORKING, width=44)
        self.label.pack(anchor="w")
        self.bar = ttk.Progressbar(outer, mode="indeterminate", length=360)
        self.bar.pack(fill="x", pady=(10, 0))
        self.bar.start(15)
        self.cancel_button = ttk.Button(outer, text=T.CANCEL, command=self.cancel)
        self.cancel_button.pack(anchor="e", pady=(14, 0))
        self.bind("<Escape>", lambda e: self.cancel())
        self.protocol("WM_DELETE_WINDOW", self.cancel)
        centre(self, parent)
        self.deiconify()

    def update_progress(self, done, total=None, text=None):
        if text:
            self.label.configure(text=text)
        if done is not None and total:
            if str(self.bar.cget("mode")) != "determinate":
                self.bar.stop()
                self.bar.configure(mode="determinate", maximum=total)
            self.bar.configure(value=done)

    def cancel(self):
        self.cancel_button.state(["disabled"])
        self.label.configure(text=T.JOB_CANCELLING)
        if self.on_cancel:
            self.on_cancel()

    def close(self):
        if self.winfo_exists():
            self.bar.stop()
            self.destroy()


class DoneWindow(tk.Toplevel):
    """The outcome: a message, optional details (one per line), 打开 (when a file exists)."""

    def __init__(self, parent, title, message, path=None, details=(), error=False):
        super().__init__(parent)
        self.withdraw()
        self.title(title)
        top = parent.winfo_toplevel()
        if top.winfo_viewable():
            self.transient(top)
        self.path = path
        outer = ttk.Frame(self, padding=18)
        outer.pack(fill="both", expand=True)
        style = "Error.TLabel" if error else "TLabel"
        self.message = ttk.Label(outer, text=message, style=style, wraplength=460)
        self.message.pack(anchor="w")
        self.details = None
        if details:
            ttk.Label(outer, text=T.DONE_DETAILS, style="Muted.TLabel").pack(
                anchor="w", pady=(10, 2)
            )
            self.details = tk.Text(outer, height=min(10, len(details) + 1), width=64, wrap="word")
            self.details.insert("1.0", "\n".join(details))
            self.details.configure(state="disabled")
            self.details.pack(fill="both", expand=True)
        buttons = ttk.Frame(outer)
        buttons.pack(fill="x", pady=(14, 0))
        self.close_button = ttk.Button(buttons, text=T.CLOSE, command=self.destroy)
        self.close_button.pack(side="right")
        self.open_button = None
        self.folder_button = None
        if path and os.path.exists(path):
            self.open_button = ttk.Button(
                buttons, text=T.OPEN_FILE, style="Accent.TButton", command=self.open_file
            )
            self.open_button.pack(side="right", padx=(0, 8))
            self.folder_button = ttk.Button(buttons, text=T.OPEN_FOLDER, command=self.open_folder)
            self.folder_button.pack(side="right", padx=(0, 8))
            self.bind("<Return>", lambda e: enter_key(self, self.open_file))
            tab_in_order([self.folder_button, self.open_button, self.close_button])
        self.bind("<Escape>", lambda e: self.destroy())
        centre(self, parent)
        self.deiconify()
        (self.open_button or self.close_button).focus_set()

    def open_file(self):
        parent = self.master
        self.destroy()
        files.open_with_system(self.path, parent=parent)

    def open_folder(self):
        parent = self.master
        self.destroy()
        files.open_with_system(os.path.dirname(os.path.abspath(self.path)), parent=parent)
