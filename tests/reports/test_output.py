"""Atomic output: the target appears complete or not at all."""

from __future__ import annotations

import os

import pytest

from gjz_registry.errors import FileFormatError
from reports.output import atomic_path


def test_success_replaces_the_target(out):
    target = out / "a.pdf"
    target.write_bytes(b"old")
    with atomic_path(target) as tmp:
        assert os.path.dirname(tmp) == str(out)
        with open(tmp, "wb") as fh:
            fh.write(b"new")
        assert target.read_bytes() == b"old"  # not yet
    assert target.read_bytes() == b"new"
    assert os.listdir(out) == ["a.pdf"]


def test_failure_keeps_the_old_file_and_cleans_up(out):
    target = out / "a.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ValueError):
        with atomic_path(target) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(b"half")
            raise ValueError("build failed")
    assert target.read_bytes() == b"old"
    assert os.listdir(out) == ["a.pdf"]


def test_missing_folder_is_a_chinese_error(out):
    with pytest.raises(FileFormatError, match="文件夹.*不存在"):
        with atomic_path(out / "nope" / "a.pdf"):
            pass
