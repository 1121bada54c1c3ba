"""ui.worker: a job in a thread, its progress, result and errors delivered on the Tk thread."""

import threading
import time

import pytest

from gjz_registry.errors import RuleError
from tests.ui.exchange_files import finish
from ui import errors
from ui.worker import Task, Worker, run_now


def test_result_and_progress_arrive_on_the_tk_thread(tk_root):
    seen = {"progress": [], "threads": set()}
    main = threading.get_ident()

    def job(task):
        assert threading.get_ident() != main
        for n in range(1, 4):
            task.progress(n, 3, f"第 {n} 步")
            time.sleep(0.06)  # longer than a poll, so each report is drawn
        return "完成"

    def progress(done, total, text):
        seen["threads"].add(threading.get_ident())
        seen["progress"].append((done, total, text))

    done = []
    finished = []
    worker = Worker(
        tk_root,
        job,
        on_done=done.append,
        on_progress=progress,
        on_finish=lambda: finished.append(1),
    ).start()
    assert worker.running
    finish(tk_root, worker)
    assert done == ["完成"] and worker.result == "完成" and finished == [1]
    assert seen["threads"] == {main}
    assert seen["progress"][-1] == (3, 3, "第 3 步")
    assert not worker.running


def test_cancel_reaches_the_job(tk_root):
    started = threading.Event()

    def job(task):
        started.set()
        while not task.cancelled():
            time.sleep(0.01)
        return "停下了"

    worker = Worker(tk_root, job).start()
    started.wait(5)
    worker.cancel()
    finish(tk_root, worker, timeout=5)
    assert worker.result == "停下了"


def test_errors_go_to_on_error_or_to_the_error_dialog(tk_root, monkeypatch):
    def job(task):
        raise RuleError("不符合条件")

    caught = []
    worker = finish(tk_root, Worker(tk_root, job, on_error=caught.append).start())
    assert [str(e) for e in caught] == ["不符合条件"] and worker.error is caught[0]

    shown = []
    monkeypatch.setattr(errors, "show", lambda exc, parent=None: shown.append(str(exc)))
    finish(tk_root, Worker(tk_root, job).start())
    assert shown == ["不符合条件"]


def test_run_now_is_the_same_contract_without_a_thread():
    seen = []
    handle = run_now(
        lambda task: (task.progress(1, 2), "好")[1],
        on_done=seen.append,
        on_progress=lambda d, t, x: seen.append((d, t)),
    )
    assert seen == [(1, 2), "好"] and not handle.running
    with pytest.raises(RuleError):
        run_now(lambda task: (_ for _ in ()).throw(RuleError("坏")))
    task = Task()
    task.cancel()
    assert task.cancelled()


def test_a_closed_window_stops_the_job_and_hears_nothing(tk_root):
    from tkinter import ttk

    frame = ttk.Frame(tk_root)
    started = threading.Event()

    def job(task):
        started.set()
        while not task.cancelled():
            time.sleep(0.01)
        return "无人收听"

    delivered = []
    worker = Worker(frame, job, on_done=delivered.append).start()
    started.wait(5)
    frame.destroy()
    finish(tk_root, worker, timeout=5)
    worker.thread.join(5)
    assert worker.task.cancelled() and delivered == [] and not worker.thread.is_alive()
