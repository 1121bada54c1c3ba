"""Search as you type (ui/widgets/search.py): a burst of changes runs the search once, after
the pause; cancel() forgets a waiting run; the list screens share the same pause."""

import tkinter as tk

from tests.ui.exchange_files import wait
from ui.views import list_view
from ui.widgets import search


def test_a_burst_of_typing_searches_once_after_the_pause(tk_root):
    runs = []
    variable = tk.StringVar(tk_root)
    debounce = search.search_as_you_type(
        tk_root, variable, lambda: runs.append(variable.get()), delay=50
    )
    for text in ("星", "星海", "星海1"):
        variable.set(text)
    tk_root.update()
    assert runs == []  # still waiting
    wait(tk_root, 200)
    assert runs == ["星海1"]
    variable.set("星海2")
    debounce.cancel()  # what a search run at once (Enter) does first
    wait(tk_root, 200)
    assert runs == ["星海1"]
    debounce.cancel()  # nothing waiting: harmless


def test_the_list_screens_wait_the_same_pause():
    assert list_view.DEBOUNCE_MS == search.DEBOUNCE_MS == 200


def test_closing_the_window_drops_a_waiting_search(tk_root):
    """颁发证书… closed while a search waits: the wait is cancelled, not left to fire at a
    destroyed dialog (Tk would report 「invalid command name」)."""
    runs = []
    dialog = tk.Toplevel(tk_root)
    variable = tk.StringVar(dialog)
    debounce = search.search_as_you_type(dialog, variable, lambda: runs.append(1), 50)
    variable.set("星海")
    waiting = debounce._pending
    assert waiting in tk_root.tk.splitlist(tk_root.tk.call("after", "info"))
    dialog.destroy()
    assert waiting not in tk_root.tk.splitlist(tk_root.tk.call("after", "info"))
    wait(tk_root, 200)
    assert runs == []
