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

On SQLite the statements are this process's own CPU, and most of a multi-row INSERT's —
binding the parameters — holds the GIL: behind, such writes only take turns with the caller.
What runs there without the GIL is SQLite's own work inside a statement: the search tables'
tokenising and the ``INSERT … SELECT`` statements that make the trigram index and the audit
rows of a batch of new records.  Those overlap the caller's Python (measured: the 50 000-row
import 3.2 s → 2.8 s), given three things:

- the caller never waits for the worker to look something up.  With ``reads_apart`` the
  lookups (:meth:`~Behind.ask`) run on a reader thread with its *own* connection, which sees
  the last commit — the database as it was before the load's transaction (the load holds
  the write lock, so nobody commits meanwhile).  The caller must therefore know what its
  own load wrote, and ask in line (after :meth:`~Behind.wait`) once its load changed
  records that were there before; :attr:`~Behind.reads_apart` tells it;
- every statement on the worker is a large one (multi-row INSERTs, not ``executemany``:
  each of its per-row steps would give the GIL back and wait to get it again);
- the worker gets the GIL back soon after a statement: ``switch_interval`` lowers Python's
  (5 ms by default: a forced switch for each of a few hundred statements left the worker far
  behind) while a worker runs, and the last worker to close puts it back.

The SQLite connection is then used by two threads: the worker, and the caller for its own
statements after a :meth:`~Behind.wait` (the data it reads while converting — streets,
industries, carriers — is loaded before the first chunk is written), which sqlite3's
``threadsafety`` of 3 allows (db/engines/sqlite.py opens it with ``check_same_thread=False``
and writes behind only then).  A database in memory, one whose journal is not WAL, or a
load inside a transaction its caller began keeps :class:`Inline`: there a second connection
would not see the state the load starts from.

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
import sys
import threading

_STOP = object()
# Python's switch interval while workers run: (the value to restore, how many workers run)
_switching = {"saved": None, "workers": 0}
_switching_lock = threading.Lock()


def _lower_switch_interval(interval):
    with _switching_lock:
        if _switching["workers"] == 0:
            _switching["saved"] = sys.getswitchinterval()
        _switching["workers"] += 1
        if interval < sys.getswitchinterval():
            sys.setswitchinterval(interval)


def _restore_switch_interval():
    with _switching_lock:
        _switching["workers"] -= 1
        if _switching["workers"] == 0:
            sys.setswitchinterval(_switching["saved"])


class Inline:
    """Runs each write at once (a database a second connection could not read apart)."""

    reads_apart = False

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
    refusal of a statement because the transaction had failed before it; ``reads_apart``:
    lookups on a reader thread of their own connection (the state before the load);
    ``switch_interval``: Python's, lowered while the worker runs.  See the module docstring
    for the contract."""

    def __init__(self, db, aborted=lambda error: False, reads_apart=False, switch_interval=None):
        self.db = db
        self.aborted = aborted
        self.reads_apart = reads_apart
        self._connection = db.connection()  # the caller's: its transaction
        self._jobs = queue.Queue()
        self._error = None
        self._reads = self._reader = None
        self._switching = switch_interval is not None
        if self._switching:
            _lower_switch_interval(switch_interval)
        self._thread = threading.Thread(target=self._work, name="gjz-write-behind", daemon=True)
        try:
            self._thread.start()
            if reads_apart:
                self._reads = queue.Queue()
                self._reader = threading.Thread(
                    target=self._read, name="gjz-write-behind-reads", daemon=True
                )
                self._reader.start()
        except BaseException:  # no thread left waiting, the switch interval back
            self._reader = None
            self.close()
            raise

    def _read(self):
        """The reader thread: peewee opens this thread a connection of its own."""
        try:
            while True:
                job = self._reads.get()
                if job is _STOP:
                    return
                job()
        finally:
            self.db.close()  # this thread's connection only

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
        """Run ``function`` behind and return a function that waits for it alone and returns
        its value — or raises.  For lookups made ahead of the writes still to come: on the
        worker after the writes submitted so far (raising the first failure of those too),
        or, with ``reads_apart``, at once on the reader thread, against the database as it
        was before the load."""
        self._raise()
        done, box, failed = threading.Event(), [], []
        if self._reads is not None:

            def read():
                try:
                    box.append(function())
                except BaseException as exc:  # raised by answer(), in the caller's thread
                    failed.append(exc)
                finally:
                    done.set()

            self._reads.put(read)

            def answer():
                done.wait()
                if failed:
                    raise failed[0]
                return box[0]

            return answer
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
        interrupted = None
        try:
            if self._reader is not None:
                self._reads.put(_STOP)
                interrupted = _join(self._reader)
                self._reader = None
            if self._thread.is_alive():
                self._jobs.put((_STOP, None))
                interrupted = _join(self._thread) or interrupted
        finally:
            if self._switching:
                self._switching = False
                _restore_switch_interval()
        if interrupted is not None:  # a second Ctrl-C: raised once the worker has stopped
            raise interrupted
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


def _join(thread):
    """Wait for ``thread`` to end, whatever interrupts the waiting (a second Ctrl-C while
    close() waits for the last writes): the caller rolls its transaction back next, and a
    worker still writing after that would write on the connection outside it, in autocommit
    mode.  Returns the first interruption, for the caller to raise then."""
    interrupted = None
    while thread.is_alive():
        try:
            thread.join()
        except BaseException as exc:
            interrupted = interrupted or exc
    return interrupted
