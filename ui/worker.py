"""Long work off the Tk thread: a thread runs a callable, the Tk loop polls a queue.

    worker = Worker(widget, job, on_done=show, on_progress=bar.update).start()
    worker.cancel()          # job sees task.cancelled() → True (the import rolls back)

``job(task)`` runs in a daemon thread and may call ``task.progress(done, total, text)`` and
``task.cancelled()`` — never Tk.  Everything it reports is put in a queue; ``widget.after``
polls that queue every ``POLL_MS`` and calls the callbacks on the Tk thread, so the window
keeps repainting while the job works.  When ``widget`` is destroyed meanwhile, the job is
asked to stop and nothing is delivered.  The job's return value goes to ``on_done``; an
exception goes to ``on_error`` — by default :func:`ui.errors.show` (RegistryError → its
message; anything else logged and 「内部错误，详情见日志」).  ``on_finish`` runs after either.
The module imports no tkinter: presenters use :class:`Task` and :func:`run_now` in tests.
"""

import queue
import threading

POLL_MS = 50


class Task:
    """What a job may touch from its thread: progress reports and the cancel flag."""

    def __init__(self):
        self._cancel = threading.Event()
        self._queue = queue.Queue()

    def progress(self, done, total=None, text=None):
        """Report ``done`` of ``total`` (either may be None: an indeterminate bar)."""
        self._queue.put(("progress", (done, total, text)))

    def cancelled(self):
        """True once the user asked to stop; the job should stop at its next check."""
        return self._cancel.is_set()

    def cancel(self):
        self._cancel.set()


class Worker:
    """One job in one thread; the callbacks all run on the Tk thread of ``widget``."""

    def __init__(self, widget, job, on_done=None, on_error=None, on_progress=None, on_finish=None):
        self.widget = widget
        self.job = job
        self.on_done = on_done
        self.on_error = on_error
        self.on_progress = on_progress
        self.on_finish = on_finish
        self.task = Task()
        self.thread = None
        self.finished = False
        self.result = None
        self.error = None

    @property
    def running(self):
        return self.thread is not None and not self.finished

    def start(self):
        self.thread = threading.Thread(target=self._run, name="gjz-worker", daemon=True)
        self.thread.start()
        self._schedule()
        return self

    def cancel(self):
        self.task.cancel()

    def _run(self):
        try:
            result = self.job(self.task)
        except BaseException as exc:  # delivered to the Tk thread, never lost in the thread
            self.task._queue.put(("error", exc))
        else:
            self.task._queue.put(("done", result))

    def _schedule(self):
        # on the root window: Tk drops the timers of a widget when it is destroyed, and the
        # poll must still run to stop the job
        try:
            self.widget.nametowidget(".").after(POLL_MS, self._poll)
        except Exception:  # the application is gone: nobody is left to tell
            self.task.cancel()
            self.finished = True

    def _poll(self):
        try:
            alive = bool(self.widget.winfo_exists())
        except Exception:  # the whole application is gone
            alive = False
        if not alive:  # its window was closed: stop the job, tell nobody
            self.task.cancel()
            self.finished = True
            return
        latest = None
        while True:
            try:
                what, value = self.task._queue.get_nowait()
            except queue.Empty:
                break
            if what == "progress":
                latest = value  # only the newest report is worth drawing
                continue
            if latest is not None and self.on_progress:
                self.on_progress(*latest)
            self._deliver(what, value)
            return
        if latest is not None and self.on_progress:
            self.on_progress(*latest)
        self._schedule()

    def _deliver(self, what, value):
        self.finished = True
        try:
            if what == "done":
                self.result = value
                if self.on_done:
                    self.on_done(value)
            else:
                self.error = value
                if self.on_error:
                    self.on_error(value)
                else:
                    from ui import errors

                    errors.show(value, parent=self.widget.winfo_toplevel())
        finally:
            if self.on_finish:
                self.on_finish()


class Done:
    """What :func:`run_now` returns: the same ``running``/``cancel`` as a Worker."""

    running = False

    def __init__(self, task):
        self.task = task

    def cancel(self):
        self.task.cancel()


def run_now(job, on_done=None, on_error=None, on_progress=None, on_finish=None):
    """Run ``job`` at once on this thread with the Worker's callbacks (presenter tests)."""
    task = Task()
    try:
        result = job(task)
    except Exception as exc:
        if on_error is None:
            raise
        on_error(exc)
    else:
        while not task._queue.empty():
            _, value = task._queue.get_nowait()
            if on_progress:
                on_progress(*value)
        if on_done:
            on_done(result)
    finally:
        if on_finish:
            on_finish()
    return Done(task)
