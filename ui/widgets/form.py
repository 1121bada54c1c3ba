"""A label–field grid with the reason for an invalid value in red under each field.

Fields are described by :class:`Field`; the grid reports focus-out to ``on_leave(key, raw)``
so the presenter can validate as soon as the user leaves a field (IDLE's query dialogs do the
same with an inline error label).  Required fields are marked ＊.

A reason has a fixed place and size: the cell under its field, exactly as wide as the field
(the label asks for no width, so a long reason never widens a column and moves the others)
and :data:`ERROR_LINES` lines high, broken between words (ui.widgets.wrap); a longer reason
ends with … and shows whole in a tooltip.  A field without a reason takes no room at all (a
form full of empty lines would not fit a short screen at 150 %).
"""

import tkinter as tk
from tkinter import ttk

from ui.presenters.data import Field  # noqa: F401 (the form's field description)
from ui.widgets.dateentry import OptionalDateEntry
from ui.widgets.keys import tab_leaves
from ui.widgets.tooltip import label_tooltip
from ui.widgets.wrap import fit_lines, measurer

ERROR_LINES = 2


class FormGrid(ttk.Frame):
    def __init__(self, parent, fields, columns=2, on_leave=None, on_change=None):
        super().__init__(parent)
        self.fields = {f.key: f for f in fields}
        self.widgets = {}
        self.errors = {}
        self.on_leave = on_leave
        self.on_change = on_change
        row = col = 0
        for field in fields:
            if field.span and col:
                row, col = row + 2, 0
            label = field.label + ("＊" if field.required else "")
            ttk.Label(self, text=label).grid(
                row=row, column=col * 2, sticky="ne", padx=(8, 6), pady=(4, 0)
            )
            widget = self._make(field)
            span = columns * 2 - 1 if field.span else 1
            widget.grid(row=row, column=col * 2 + 1, columnspan=span, sticky="we", pady=(4, 0))
            # width=1: the label asks for no width, it takes the field's (sticky "we")
            error = ttk.Label(self, style="FieldError.TLabel", width=1, justify="left")
            error.grid(row=row + 1, column=col * 2 + 1, columnspan=span, sticky="we")
            error.grid_remove()  # shown with a reason only
            error.reason, error.elided = "", False
            error.tooltip = label_tooltip(error, lambda e=error: e.reason if e.elided else None)
            error.bind("<Configure>", lambda e, k=field.key: self._show_error(k), add="+")
            self.widgets[field.key] = widget
            self.errors[field.key] = error
            widget.bind("<FocusOut>", lambda e, k=field.key: self._left(k), add="+")
            if field.span:
                row, col = row + 2, 0
            else:
                col += 1
                if col == columns:
                    row, col = row + 2, 0
        for c in range(columns):
            self.columnconfigure(c * 2 + 1, weight=1)

    def _make(self, field):
        if field.kind == "choice":
            widget = ttk.Combobox(
                self, values=list(field.choices), width=field.width, state="readonly"
            )
            widget.bind("<<ComboboxSelected>>", lambda e, k=field.key: self._changed(k))
        elif field.kind == "date":
            widget = OptionalDateEntry(self)
            widget.bind("<<DateEntrySelected>>", lambda e, k=field.key: self._left(k))
        elif field.kind == "multiline":
            widget = tk.Text(
                self,
                height=3,
                width=field.width,
                wrap="word",
                font=("TkDefaultFont",),
                relief="solid",
                borderwidth=1,
            )
            tab_leaves(widget)
        else:
            widget = ttk.Entry(self, width=field.width)
        if field.kind in ("text", "date"):
            widget.bind("<KeyRelease>", lambda e, k=field.key: self._changed(k), add="+")
        elif field.kind == "multiline":
            widget.bind("<KeyRelease>", lambda e, k=field.key: self._changed(k), add="+")
        return widget

    def _left(self, key):
        if self.on_leave:
            self.on_leave(key, self.get(key))

    def _changed(self, key):
        if self.on_change:
            self.on_change(key)

    # --- values ------------------------------------------------------------------------
    def get(self, key):
        widget = self.widgets[key]
        if isinstance(widget, tk.Text):
            return widget.get("1.0", "end").strip()
        return widget.get().strip()

    def set(self, key, value):
        widget = self.widgets[key]
        text = (
            ""
            if value is None
            else (value.isoformat() if hasattr(value, "isoformat") else _plain(value))
        )
        if isinstance(widget, tk.Text):
            widget.delete("1.0", "end")
            widget.insert("1.0", text)
        elif isinstance(widget, ttk.Combobox):
            widget.set(text)
        else:
            state = str(widget.cget("state"))
            widget.configure(state="normal")
            widget.delete(0, "end")
            widget.insert(0, text)
            widget.configure(state=state)

    def values(self):
        return {key: self.get(key) for key in self.widgets}

    def set_values(self, values):
        for key in self.widgets:
            if key in values:
                self.set(key, values[key])

    def set_error(self, key, message):
        label = self.errors[key]
        label.reason = message or ""
        if message:
            label.grid()
            self._show_error(key)
        else:
            label.configure(text="")
            label.grid_remove()

    def _error_font(self):
        return ttk.Style(self).lookup("FieldError.TLabel", "font") or "TkDefaultFont"

    def error_text(self, key):
        """The whole reason shown under field ``key`` ("" when none)."""
        return self.errors[key].reason

    def _show_error(self, key):
        """The reason under ``key`` in :data:`ERROR_LINES` lines at the width it has."""
        label = self.errors[key]
        if not label.reason:
            return
        width = label.winfo_width()
        if width <= 1:  # not drawn yet: the field's width
            width = self.widgets[key].winfo_reqwidth()
        measure = measurer(self, self._error_font())
        lines, label.elided = fit_lines(label.reason, measure, width - 2, ERROR_LINES)
        text = "\n".join(lines + [" "] * (ERROR_LINES - len(lines)))
        if str(label.cget("text")) != text:
            label.configure(text=text)

    def clear_errors(self):
        for key in self.errors:
            self.set_error(key, "")

    def set_readonly(self, key, readonly=True):
        widget = self.widgets[key]
        if isinstance(widget, tk.Text):
            widget.configure(state="disabled" if readonly else "normal")
        elif isinstance(widget, ttk.Combobox):
            widget.configure(state="disabled" if readonly else "readonly")
        else:
            widget.configure(state="readonly" if readonly else "normal")

    def focus(self, key):
        """Put the keyboard focus in the entry of field ``key``."""
        self.widgets[key].focus_set()

    def focus_first(self):
        for widget in self.widgets.values():
            if str(widget.cget("state")) not in ("disabled", "readonly"):
                widget.focus_set()
                return


def _plain(value):
    from decimal import Decimal

    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)
