"""Write-behind for bulk loads: a chunk's bulk writes run while the next chunk is prepared.

An import converts and checks a chunk of rows in Python, then bulk-writes it.  On a server
database the write is mostly the *server's* work (COPY parsing, index and constraint upkeep in
another process, on another core); done in line, the client sits idle while the server works
and the server idles while the client converts the next chunk — the 50 000-row import took
19 s on PostgreSQL, ~8 s of it this process's CPU.  :class:`Behind` hands each chunk's writes
to one worker thread on the *same* connection (so, inside the same transaction: the load stays
all-or-nothing) and returns at once; the caller must :meth:`~Behind.wait` before its next
statement that needs those writes done (an update; lookups that must see them go through
:meth:`~Behind.ask`, queued behind them) and :meth:`~Behind.close` at the end.  psycopg
releases the GIL while it waits for the server and serialises the use of a connection by its
own lock, so the caller's other statements (a carrier looked up by name) simply take turns.

SQLite gets :class:`Inline`, which runs the writes at once, in order, exactly as before: the
statements of a SQLite load are this process's own CPU, and most of it — binding the
parameters — holds the GIL; measured, a write-behind thread there saved nothing.

The worker runs only plain bulk writes (INSERT, COPY, search rows): nothing that opens a
transaction or a savepoint (peewee keeps its transaction stack per thread, so ``atomic()`` on
the worker would begin and commit a transaction of its own).  The first error it meets is
raised by the next ``wait``/``close`` in the caller's thread, and later writes are skipped;
the caller's transaction then rolls back as it would have.

The caller may meet an error of its own while the worker runs (a lookup while converting the
next chunk, a cancel), and the worker's error may come after it.  Done in line, the worker's
writes came first, so its error is the one to report — unless it is only the server's refusal
of a statement in a transaction the caller's error had already broken (``aborted``, the
engine's test: PostgreSQL refuses every statement after a transaction's first error).  Without
that, a lock wait that timed out behind would surface as "current transaction is aborted" from
the caller's next statement instead of the lock-wait message.
"""

import queue
import threading

_STOP = object()


class Inline:
    """Runs each write at once (engines whose writes are this process's own CPU)."""

    def submit(self, write):
        write()

    def ask(self, function):
        value = function()
        return lambda: value

    def wait(self):
        pass

    def close(self, failure=None):
        return failure


class Behind:
    """Runs the writes submitted, in order, on one worker thread using the caller's
    connection of ``db`` (a peewee database); ``aborted(error)``: True for the server's
    refusal of a statement because the transaction had failed before it.  See the module
    docstring for the contract."""

    def __init__(self, db, aborted=lambda error: False):
        self.db = db
        self.aborted = aborted
        self._connection = db.connection()  # the caller's: its transaction
        self._jobs = queue.Queue()
        self._error = None
        self._thread = threading.Thread(target=self._work, name="gjz-write-behind", daemon=True)
        self._thread.start()

    def _work(self):
        # peewee keeps a connection per thread: give this thread the caller's
        self.db._state.set_connection(self._connection)
        try:
            while True:
                write, done = self._jobs.get()
                try:
                    if write is _STOP:
                        return
                    if self._error is None:
                        write()
                except BaseException as exc:  # handed to the caller by wait()/close()
                    self._error = exc
                finally:
                    if done is not None:
                        done.set()
                    self._jobs.task_done()
        finally:
            # forget the connection without closing it: it is the caller's
            self.db._state.reset()

    def submit(self, write):
        """Queue ``write`` (a function of no arguments) and return; an earlier failure is
        raised here rather than queueing more work after it."""
        self._raise()
        self._jobs.put((write, None))

    def ask(self, function):
        """Run ``function`` behind, after the writes submitted so far, and return a function
        that waits for it alone (not for what was submitted later) and returns its value —
        or raises the first failure.  For lookups made ahead of the writes still to come."""
        self._raise()
        done, box = threading.Event(), []
        self._jobs.put((lambda: box.append(function()), done))

        def result():
            done.wait()
            self._raise()  # this one failed, or one before it (then this one did not run)
            return box[0]

        return result

    def wait(self):
        """Return when every write submitted has run; raise the first that failed."""
        self._jobs.join()
        self._raise()

    def close(self, failure=None):
        """Wait for the writes and stop the worker.  Safe to call more than once.  Without
        ``failure``: raise the first failure of the worker.  With ``failure`` (the caller's
        own error, on the way out of a load that failed): return the error to report — the
        worker's when it came first (see the module docstring), else ``failure``; the caller
        raises it outside its ``except`` block (raised inside, Python would make ``failure``
        its context and hide the driver's error it was raised from)."""
        if self._thread.is_alive():
            self._jobs.put((_STOP, None))
            self._thread.join()
        if failure is None:
            self._raise()
            return None
        error = self._error
        if error is None or error is failure or self.aborted(error):
            return failure
        return error

    def _raise(self):
        if self._error is not None:  # stays: every later call raises it too
            raise self._error
