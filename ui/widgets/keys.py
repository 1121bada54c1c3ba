"""Keyboard shortcuts that work with Caps Lock on.

Tk names a key by the character it types: with Caps Lock on (or Shift held) Ctrl+S arrives as
``<Control-S>``, not ``<Control-s>``, so a shortcut bound in one case only does nothing for a
clerk who types credit codes in capitals.  Every Ctrl+letter shortcut of the client is bound
here, in both cases.

Tab follows the stacking order of siblings, i.e. the order they were created in; a row of
buttons packed from the right runs backwards unless :func:`tab_in_order` puts it right.
A several-line ``tk.Text`` takes Tab as a tab character and swallows Shift+Tab, which traps a
clerk who tabs through a form; :func:`tab_leaves` makes them move the focus as in an entry.
"""


def shortcut_sequences(letter):
    """Both cases of Ctrl+``letter``: ``("<Control-s>", "<Control-S>")`` for ``"s"``."""
    if len(letter) != 1 or not letter.isalpha():
        raise ValueError(f"a shortcut is Ctrl + one letter, not {letter!r}")
    return tuple(f"<Control-{case}>" for case in (letter.lower(), letter.upper()))


def bind_shortcut(widget, letter, callback, everywhere=False):
    """Run ``callback()`` on Ctrl+``letter`` whatever the case: on ``widget`` and its children
    (a Toplevel's bindings reach the widgets inside it), or with ``everywhere`` in every window
    of the application (``bind_all``)."""
    bind = widget.bind_all if everywhere else widget.bind
    for sequence in shortcut_sequences(letter):
        bind(sequence, lambda event: callback())


def tab_in_order(widgets):
    """Make Tab reach the sibling ``widgets`` in the order given (the order they are shown,
    e.g. buttons packed from the right) whatever order they were created in."""
    widgets = [w for w in widgets if w is not None]
    for earlier, later in reversed(list(zip(widgets, widgets[1:]))):
        earlier.lower(later)


def tab_leaves(text):
    """Tab / Shift+Tab in the ``tk.Text`` ``text`` move the focus to the next / previous field
    instead of typing a tab character (or doing nothing)."""

    def move(widget):
        if widget is not None:
            widget.focus_set()
        return "break"

    text.bind("<Tab>", lambda event: move(text.tk_focusNext()))
    backwards = ["<Shift-Tab>"]
    if text.tk.call("tk", "windowingsystem") == "x11":  # X11 names Shift+Tab ISO_Left_Tab
        backwards.append("<ISO_Left_Tab>")
    for sequence in backwards:
        text.bind(sequence, lambda event: move(text.tk_focusPrev()))
