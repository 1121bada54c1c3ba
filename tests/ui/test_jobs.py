"""ui.jobs: the one shape of every export and printout (collect → stop if cancelled → write →
remove the file if cancelled meanwhile), each real job's progress texts and cancel path, and
what the user sees when a job fails (through ui.output and ui.errors)."""

import datetime
import logging
from tkinter import ttk

import pytest

from gjz_registry.errors import RuleError
from tests.conftest import enterprise_data
from tests.exchange.importing import add_carrier
from tests.ui.exchange_files import finish
from ui import errors, jobs
from ui import texts as T
from ui.output import OutputRunner
from ui.worker import Task

TODAY = datetime.date.today()
COLLECT_RENDER = [T.JOB_COLLECTING, T.JOB_RENDERING]


class RecordingTask(Task):
    """A Task that keeps the progress texts and cancels itself once it reports ``cancel_at``."""

    def __init__(self, cancel_at=None):
        super().__init__()
        self.texts = []
        self.cancel_at = cancel_at

    def progress(self, done, total=None, text=None):
        super().progress(done, total, text)
        self.texts.append(text)
        if text is not None and text == self.cancel_at:
            self.cancel()


def writer(calls):
    def write(data, path):
        calls.append(data)
        with open(path, "w", encoding="utf-8") as out:
            out.write(str(data))
        return "written"

    return write


# --- the helper ----------------------------------------------------------------------------
def test_file_job_collects_writes_and_returns_the_data(tmp_path):
    calls, task, path = [], RecordingTask(), tmp_path / "out.txt"
    job = jobs.file_job(lambda: "数据", writer(calls))
    assert job(path, task) == "数据"
    assert task.texts == COLLECT_RENDER and calls == ["数据"]
    assert path.read_text(encoding="utf-8") == "数据"


def test_file_job_texts_and_result_are_the_jobs_own(tmp_path):
    task, path = RecordingTask(), tmp_path / "out.txt"
    job = jobs.file_job(
        None, writer([]), writing=T.JOB_EXPORTING, returns=lambda data, written: (data, written)
    )
    assert job(path, task) == (None, "written") and task.texts == [T.JOB_EXPORTING]

    task = RecordingTask()
    job = jobs.file_job(lambda: 1, writer([]), collecting=T.JOB_EXPORTING, writing=None)
    assert job(path, task) == 1 and task.texts == [T.JOB_EXPORTING]


def test_a_cancel_while_collecting_writes_nothing(tmp_path):
    calls, path = [], tmp_path / "out.txt"
    task = RecordingTask(cancel_at=T.JOB_COLLECTING)
    with pytest.raises(jobs.Cancelled) as caught:
        jobs.file_job(lambda: "数据", writer(calls))(path, task)
    assert str(caught.value) == T.JOB_CANCELLED
    assert calls == [] and not path.exists() and task.texts == [T.JOB_COLLECTING]


def test_a_cancel_while_writing_removes_the_file(tmp_path):
    calls, path = [], tmp_path / "out.txt"
    task = RecordingTask(cancel_at=T.JOB_RENDERING)
    with pytest.raises(jobs.Cancelled):
        jobs.file_job(lambda: "数据", writer(calls))(path, task)
    assert calls == ["数据"] and not path.exists() and task.texts == COLLECT_RENDER


def test_a_cancelled_file_a_virus_scanner_holds_for_a_moment_is_removed(tmp_path, monkeypatch):
    """Windows refuses to delete a file another program has open (emulated)."""
    from tests.windows_files import WindowsLocks

    calls, path = [], tmp_path / "out.txt"
    locks = WindowsLocks(monkeypatch).hold(path, times=2)
    with pytest.raises(jobs.Cancelled):
        jobs.file_job(lambda: "数据", writer(calls))(path, RecordingTask(cancel_at=T.JOB_RENDERING))
    assert not path.exists() and len(locks.refused) == 2


def test_errors_pass_through_unchanged(tmp_path):
    path = tmp_path / "out.txt"

    def broken():
        raise RuleError("没有符合条件的企业")

    with pytest.raises(RuleError, match="没有符合条件的企业"):
        jobs.file_job(broken, writer([]))(path, RecordingTask())
    assert not path.exists()


# --- through the view: what the user sees ----------------------------------------------------
@pytest.fixture
def shown(monkeypatch):
    """The dialogs ui.errors would open, as (kind, title, text)."""
    seen = []
    for kind in ("showwarning", "showerror"):
        monkeypatch.setattr(
            errors.messagebox,
            kind,
            lambda title, text, parent=None, kind=kind: seen.append((kind, title, text)),
        )
    return seen


def run_output(tk_root, path, job):
    runner = OutputRunner(ttk.Frame(tk_root))
    finish(tk_root, runner.run(T.OUT_PDF_TITLE, str(path), job))
    return runner


def test_a_registry_error_shows_its_message(tk_root, tmp_path, shown):
    def broken():
        raise RuleError("所选年度没有数据")

    path = tmp_path / "out.pdf"
    runner = run_output(tk_root, path, jobs.file_job(broken, writer([])))
    assert shown == [("showwarning", T.ERROR_TITLE, "所选年度没有数据")]
    assert runner.done is None and not path.exists()


def test_an_unexpected_error_is_logged_and_shown_as_internal(tk_root, tmp_path, shown, caplog):
    def broken(data, path):
        raise ZeroDivisionError("程序缺陷")

    path = tmp_path / "out.pdf"
    with caplog.at_level(logging.ERROR):
        run_output(tk_root, path, jobs.file_job(lambda: 1, broken))
    [(kind, title, text)] = shown
    assert kind == "showerror" and title == T.ERROR_TITLE
    assert text.startswith("内部错误，详情见日志")
    [record] = [r for r in caplog.records if r.exc_info]
    assert record.exc_info[0] is ZeroDivisionError and "程序缺陷" not in text


def test_a_cancelled_output_says_so_and_leaves_no_file(tk_root, tmp_path, shown):
    path = tmp_path / "out.pdf"
    runner = OutputRunner(ttk.Frame(tk_root))

    def cancelling(data, path):
        writer([])(data, path)
        runner.cancel()  # the user pressed 取消 while the file was being written

    finish(tk_root, runner.run(T.OUT_PDF_TITLE, str(path), jobs.file_job(lambda: 1, cancelling)))
    assert shown == [] and not path.exists()
    assert runner.done.message.cget("text") == T.JOB_CANCELLED and runner.done.open_button is None


# --- the real jobs -------------------------------------------------------------------------
@pytest.fixture
def resident(admin):
    """An incubator with one enterprise admitted 300 days ago (it may get 入孵证明)."""
    carrier = add_carrier(admin)
    founded = (TODAY - datetime.timedelta(days=400)).isoformat()
    enterprise = admin.enterprises.create(enterprise_data(1, founded_on=founded))
    admin.incubation.admit(enterprise.id, carrier.id, TODAY - datetime.timedelta(days=300))
    return enterprise


def a_report():
    from reports.data import ListReport

    return ListReport(
        title="测试名单",
        columns=["企业名称"],
        rows=[["大连测试1号科技有限公司"]],
        unit_name="甘井子区",
        date=TODAY,
    )


# name → (make the job, the progress texts it reports, the text at which a cancel is tested)
JOBS = {
    "export": (lambda a, e: jobs.export(a, "enterprises"), [T.JOB_EXPORTING], T.JOB_EXPORTING),
    "template": (lambda a, e: jobs.export(a, "template"), [T.JOB_EXPORTING], T.JOB_EXPORTING),
    "targets_workbook": (
        lambda a, e: jobs.targets_workbook(a),
        [T.JOB_EXPORTING],
        T.JOB_EXPORTING,
    ),
    "listing_pdf": (
        lambda a, e: jobs.listing_pdf(a, "residents"),
        COLLECT_RENDER,
        T.JOB_RENDERING,
    ),
    "report_pdf": (lambda a, e: jobs.report_pdf(a, a_report), COLLECT_RENDER, T.JOB_RENDERING),
    "statistics_pdf": (lambda a, e: jobs.statistics_pdf(a), COLLECT_RENDER, T.JOB_RENDERING),
    "targets_pdf": (lambda a, e: jobs.targets_pdf(a), COLLECT_RENDER, T.JOB_COLLECTING),
    "issue": (
        lambda a, e: jobs.issue(a, "incubation", enterprise_id=e.id),
        [T.JOB_ISSUING, T.JOB_RENDERING],
        T.JOB_RENDERING,
    ),
    "issue_batch": (
        lambda a, e: jobs.issue_batch(a, "incubation", [e.id]),
        [T.JOB_ISSUING, T.JOB_RENDERING],
        T.JOB_ISSUING,
    ),
    "reprint": (
        lambda a, e: jobs.reprint(
            a, [a.certificates.issue("incubation", enterprise_id=e.id).serial]
        ),
        COLLECT_RENDER,
        T.JOB_RENDERING,
    ),
}


@pytest.mark.parametrize("name", sorted(JOBS))
def test_each_job_reports_its_steps_and_writes_its_file(admin, resident, tmp_path, name):
    make, texts, _ = JOBS[name]
    path = tmp_path / "out.file"
    task = RecordingTask()
    result = make(admin, resident)(str(path), task)
    assert task.texts == texts and path.stat().st_size > 0
    if name in ("issue", "issue_batch", "reprint"):
        issued, refused = result
        assert len(issued) == 1 and list(refused) == []
    elif name in ("export", "template"):
        assert hasattr(result, "rows")


@pytest.mark.parametrize("name", sorted(JOBS))
def test_each_job_cancelled_midway_leaves_no_file_and_no_record(admin, resident, tmp_path, name):
    make, texts, cancel_at = JOBS[name]
    job = make(admin, resident)  # reprint issues its certificate here, before the job runs
    before = admin.certificates.list().total
    path = tmp_path / "out.file"
    task = RecordingTask(cancel_at=cancel_at)
    with pytest.raises(jobs.Cancelled):
        job(str(path), task)
    assert not path.exists()
    assert task.texts == texts[: texts.index(cancel_at) + 1]
    assert admin.certificates.list().total == before  # a cancelled issue records nothing
