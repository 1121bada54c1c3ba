"""Save-as → the work in a background thread → 「已保存」 with 打开: every export and printout.

    runner = OutputRunner(view)
    runner.save(list_output.Output(...))              # asks where, then runs the job

The file dialog starts in the folder used last (ui.files); the job runs in a
:class:`~ui.worker.Worker` behind a :class:`~ui.dialogs.progress.ProgressWindow` whose 取消
leaves no file behind; the outcome is a :class:`~ui.dialogs.progress.DoneWindow` (``self.done``,
which tests inspect) offering to open the file in the system viewer.
"""

import os

from gjz_registry.exchange.importer import ImportCancelledError
from ui import errors, files, jobs
from ui import texts as T
from ui.dialogs.progress import DoneWindow, ProgressWindow
from ui.worker import Worker


def describe_saved(result, path):
    """The default outcome: 「已保存到 …」 (with the number of rows when known)."""
    rows = getattr(result, "rows", None)
    if isinstance(rows, int):
        return T.SAVED_ROWS.format(rows=rows, path=path), ()
    return T.SAVED_TO.format(path=path), ()


def describe_certificates(result, path):
    """(issued, refused) → 「已签发 N 份…」 and one line per refused holder."""
    issued, refused = result
    details = [T.REFUSED_LINE.format(name=name, reason=reason) for name, reason in refused]
    if not issued:
        return T.ISSUED_NONE, details
    message = T.ISSUED_SAVED.format(count=len(issued), path=path)
    if refused:
        message += "\n" + T.ISSUED_SOME_REFUSED.format(count=len(refused))
    return message, details


class OutputRunner:
    """Runs one output at a time for ``widget``; ``worker``/``done`` are the latest."""

    def __init__(self, widget):
        self.widget = widget
        self.worker = None
        self.progress = None
        self.done = None

    @property
    def busy(self):
        return self.worker is not None and self.worker.running

    def save(self, output, describe=describe_saved, on_done=None):
        """Ask where to save ``output`` (a list_output.Output), then run it; the Worker or
        None when the user gave up."""
        if self.busy:
            return None
        path = files.ask_save_path(self.widget, output.title, output.initialfile, output.kind)
        if not path:
            return None
        return self.run(output.title, path, output.job, describe, on_done)

    def run(self, title, path, job, describe=describe_saved, on_done=None):
        """Run ``job(path, task)`` in the background; returns the Worker."""
        self.progress = ProgressWindow(self.widget, title, on_cancel=self.cancel)
        self.done = None

        def finished(result):
            self.progress.close()
            message, details = describe(result, path)
            written = os.path.exists(path)
            self.done = DoneWindow(
                self.widget, title, message, path if written else None, details, not written
            )
            if on_done:
                on_done(result)

        def failed(exc):
            self.progress.close()
            if isinstance(exc, (jobs.Cancelled, ImportCancelledError)):
                self.done = DoneWindow(self.widget, title, T.JOB_CANCELLED)
            else:
                errors.show(exc, parent=self.widget.winfo_toplevel())
            if on_done:
                on_done(None)

        self.worker = Worker(
            self.widget,
            lambda task: job(path, task),
            on_done=finished,
            on_error=failed,
            on_progress=self.progress.update_progress,
        )
        # known before its thread starts: a 取消 that comes at once reaches this worker
        return self.worker.start()

    def cancel(self):
        if self.worker is not None:
            self.worker.cancel()
