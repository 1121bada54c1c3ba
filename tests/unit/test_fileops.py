"""Renames and removals that another program refuses for a moment (gjz_registry.fileops),
with Windows' PermissionError emulated (tests/windows_files.py)."""

import logging

import pytest

from gjz_registry import fileops
from tests.windows_files import WindowsLocks


@pytest.fixture
def locks(monkeypatch):
    return WindowsLocks(monkeypatch)


def test_a_rename_refused_a_few_times_is_tried_again(tmp_path, locks):
    source, target = tmp_path / "new.xlsx", tmp_path / "名单.xlsx"
    source.write_text("new")
    target.write_text("old")
    locks.hold(target, times=3)  # a virus scanner looking at it
    pauses = []
    fileops.replace(source, target, sleep=pauses.append)
    assert target.read_text() == "new" and not source.exists()
    assert pauses == list(fileops.RETRY_DELAYS[:3]) and len(locks.refused) == 3
    assert 1 <= sum(fileops.RETRY_DELAYS) <= 2


def test_a_file_that_stays_held_is_named_in_chinese(tmp_path, locks):
    source, target = tmp_path / "new.xlsx", tmp_path / "名单.xlsx"
    source.write_text("new")
    target.write_text("old")
    locks.hold(target)  # open in Excel
    pauses = []
    with pytest.raises(fileops.FileLockedError) as caught:
        fileops.replace(source, target, sleep=pauses.append)
    assert str(caught.value) == (
        f"文件「{target}」被其他程序占用（可能是杀毒软件或 Excel），请关闭后重试"
    )
    assert isinstance(caught.value, PermissionError) and caught.value.path == str(target)
    assert pauses == list(fileops.RETRY_DELAYS) and target.read_text() == "old"


def test_other_errors_are_not_tried_again(tmp_path):
    pauses = []
    with pytest.raises(FileNotFoundError):
        fileops.replace(tmp_path / "nope", tmp_path / "x", sleep=pauses.append)
    fileops.remove(tmp_path / "nope", sleep=pauses.append)  # already gone: done
    assert pauses == []


def test_a_removal_that_is_not_essential_is_logged_and_skipped(tmp_path, locks, caplog):
    held, free = tmp_path / "held.part", tmp_path / "free.part"
    held.write_text("x")
    free.write_text("x")
    locks.hold(held)
    with caplog.at_level(logging.WARNING, logger="gjz_registry.fileops"):
        assert fileops.remove_quietly(held) is False
        assert fileops.remove_quietly(free) is True
    assert held.exists() and not free.exists()
    assert f"could not remove {held} (left in place)" in caplog.text
    locks.hold(held)
    with pytest.raises(fileops.FileLockedError):
        fileops.remove(held)
    locks.release(held)
    fileops.remove(held)
    assert not held.exists()
