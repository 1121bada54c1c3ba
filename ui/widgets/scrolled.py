"""A frame that scrolls vertically (a Canvas holding an inner Frame), for long forms such as
the import wizard's column mapping.  Put children in ``.inner``."""

import tkinter as tk
from tkinter import ttk

from ui import theme


class ScrolledFrame(ttk.Frame):
    def __init__(self, parent, height=300, **kw):
        super().__init__(parent, **kw)
        self.canvas = tk.Canvas(
            self, height=height, highlightthickness=0, background=theme.BACKGROUND
        )
        self.scrollbar = ttk.Scrollbar(self, orient="vertical", command=self.canvas.yview)
        self.canvas.configure(yscrollcommand=self.scrollbar.set)
        self.canvas.grid(row=0, column=0, sticky="nsew")
        self.scrollbar.grid(row=0, column=1, sticky="ns")
        self.rowconfigure(0, weight=1)
        self.columnconfigure(0, weight=1)
        self.inner = ttk.Frame(self.canvas)
        self._window = self.canvas.create_window((0, 0), window=self.inner, anchor="nw")
        self.inner.bind("<Configure>", self._inner_changed)
        self.canvas.bind("<Configure>", self._canvas_changed)
        # the wheel scrolls this frame while the pointer is over it
        self.bind("<Enter>", lambda e: self._wheel_bindings(True))
        self.bind("<Leave>", lambda e: self._wheel_bindings(False))

    def _wheel_bindings(self, active):
        for sequence in ("<MouseWheel>", "<Button-4>", "<Button-5>"):
            if active:
                self.bind_all(sequence, self._wheel)
            else:
                self.unbind_all(sequence)

    def _inner_changed(self, event=None):
        self.canvas.configure(scrollregion=self.canvas.bbox("all"))

    def _canvas_changed(self, event):
        self.canvas.itemconfigure(self._window, width=event.width)

    def _wheel(self, event):
        if getattr(event, "num", None) == 4 or getattr(event, "delta", 0) > 0:
            self.canvas.yview_scroll(-2, "units")
        else:
            self.canvas.yview_scroll(2, "units")

    def clear(self):
        for child in self.inner.winfo_children():
            child.destroy()
        self.canvas.yview_moveto(0)
