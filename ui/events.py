"""The client's own virtual events, generated on the root window.

``<<DataWritten>>``: something outside the view on screen has committed a write (a form
window saved a record, an import finished), so the view on screen may be stale; the main
window asks it to check (its ``on_shown``: views such as 首页 reload only when the registry's
data version has moved).
"""

DATA_WRITTEN = "<<DataWritten>>"


def announce_write(widget):
    """Tell the main window (through the root window ``widget`` belongs to) that a write was
    committed."""
    widget.nametowidget(".").event_generate(DATA_WRITTEN)
