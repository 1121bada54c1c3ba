"""The log file (gjz_registry/logs.py) loses nothing when it cannot be rotated.

On Windows a file that another process has open cannot be renamed: a second client or a
command line writing the same log makes the rotation fail (emulated: tests/windows_files.py).
The standard handler then dropped the record and pushed the older log files out.
"""

import logging

import pytest

from gjz_registry import logs
from tests.windows_files import WindowsLocks


@pytest.fixture
def handler(fresh_log, _data_dir):
    """The handler logs.setup() installs, on this test's log file, with a 2 000-byte limit."""
    before = list(logging.getLogger().handlers)
    logs.setup()
    (added,) = [h for h in logging.getLogger().handlers if h not in before]
    added.maxBytes = 2000
    return added


def test_a_data_folder_without_a_log_logs_in_the_temporary_folder(fresh_log, tmp_path, monkeypatch):
    (tmp_path / "blocked").write_text("a file where the data folder should be")
    monkeypatch.setenv("GJZ_DATA_DIR", str(tmp_path / "blocked" / "data"))
    monkeypatch.setattr(logs.tempfile, "tempdir", str(tmp_path))
    path = logs.setup()
    assert path == str(tmp_path / "gjz-registry.log") and logs.setup() == path
    logging.getLogger("gjz_registry.test").error("原因")
    text = read(path)
    assert "the log cannot be written in the data folder" in text and "blocked" in text
    assert "原因" in text


def read(path):
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def test_a_log_another_process_holds_open_is_written_on(handler, monkeypatch, capsys):
    path = handler.baseFilename
    for number in (1, 2, 3):
        with open(f"{path}.{number}", "w", encoding="utf-8") as fh:
            fh.write(f"旧日志 {number}\n")
    locks = WindowsLocks(monkeypatch).hold(path)
    log = logging.getLogger("gjz_registry.test")
    for n in range(60):
        log.info("记录 %d %s", n, "x" * 40)
    text = read(path)
    assert all(f"记录 {n} " in text for n in range(60)), "records were lost"
    assert text.count("log not rotated") == 1
    assert [read(f"{path}.{n}") for n in (1, 2, 3)] == [f"旧日志 {n}\n" for n in (1, 2, 3)]
    assert "Logging error" not in capsys.readouterr().err

    locks.release(path)  # the other process closed the log
    handler._next_try = 0  # (the pause before the next try is over)
    log.info("之后")
    assert "记录 59 " in read(f"{path}.1") and read(f"{path}.2") == "旧日志 1\n"
    assert "之后" in read(path) and "记录" not in read(path)
