"""Search as you type: a text variable whose changes run a search once typing pauses.

The list screens, the certificate register and 颁发证书… filter while the user types.  Each
change restarts a short wait (DEBOUNCE_MS) and the search runs when it ends, so a word typed
quickly costs one query instead of one per keystroke; Enter or a filter box can still run it
at once.
"""

DEBOUNCE_MS = 200


class Debounce:
    """Calls ``action()`` on ``widget``'s event loop ``delay`` ms after the last
    :meth:`schedule`.  An action that may also run at once starts with :meth:`cancel`."""

    def __init__(self, widget, action, delay=DEBOUNCE_MS):
        self.widget = widget
        self.action = action
        self.delay = delay
        self._pending = None
        # a window closed while a search waits must not run it against destroyed widgets
        widget.bind("<Destroy>", self._destroyed, add="+")

    def schedule(self):
        """(Re)start the wait; ``action`` runs when it ends."""
        self.cancel()
        self._pending = self.widget.after(self.delay, self._run)

    def _run(self):
        self._pending = None
        self.action()

    def _destroyed(self, event):
        if event.widget is self.widget:
            self.cancel()

    def cancel(self):
        """Forget the run that is waiting, if any."""
        if self._pending is not None:
            self.widget.after_cancel(self._pending)
            self._pending = None


def search_as_you_type(widget, variable, search_now, delay=DEBOUNCE_MS):
    """Make every change of ``variable`` call ``search_now()`` once typing pauses for
    ``delay`` ms.  Returns the :class:`Debounce`; ``search_now`` should begin with its
    ``cancel()``, so that running it at once (Enter) leaves no second run waiting."""
    debounce = Debounce(widget, search_now, delay)
    variable.trace_add("write", lambda *a: debounce.schedule())
    return debounce
