"""The cyclic garbage collector paused while a bulk job runs (an import of a sheet).

An import of 50 000 rows keeps some two million small objects alive at once (the rows read,
their converted values, the records built).  CPython's cyclic collector runs whenever enough
new objects have been made, and each older-generation run walks every one of those live
objects again: measured on the bench's 50 000-row import, the collector took 0.7 s of about
6 s, with nothing to collect — the import's objects form no reference cycles; reference
counting frees them.  ``paused()`` turns the collector off for the job and back on after it,
the usual practice for bulk loads.  The collector is process-wide, so a count of the jobs
running keeps it off until the last one ends, and it is turned on again only if it was on
when the first one began.  Memory is unaffected: what the collector would find (cycles) is
collected at its next run after the job.
"""

import contextlib
import functools
import gc
import threading

_lock = threading.Lock()
_running = 0
_was_enabled = False


@contextlib.contextmanager
def paused():
    """Run the block with the cyclic garbage collector off (see the module docstring)."""
    global _running, _was_enabled
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _was_enabled:
                gc.enable()


def during(function):
    """``function`` run with the collector :func:`paused` (a decorator)."""

    @functools.wraps(function)
    def run(*args, **kwargs):
        with paused():
            return function(*args, **kwargs)

    return run
