"""Fixtures for the PDF tests: the Chinese fonts registered once per session."""

from __future__ import annotations

import os

import pytest

from reports import fonts as font_module


@pytest.fixture(scope="session")
def fonts(tmp_path_factory):
    """The fonts found on this machine (a converted CFF font is cached in a temp folder).

    The embedding tests need a TrueType (or convertible) CJK font: without one they skip,
    or fail under GJZ_REQUIRE_GUI=1.
    """
    saved = {k: os.environ.pop(k) for k in ("GJZ_FONT", "GJZ_FONT_DIRS") if k in os.environ}
    try:
        registered = font_module.register_fonts(cache_dir=tmp_path_factory.mktemp("font-cache"))
    finally:
        os.environ.update(saved)
    if not registered.choice.embedded:
        message = "no TrueType CJK font on this machine (Debian: fonts-wqy-zenhei)"
        if os.environ.get("GJZ_REQUIRE_GUI") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return registered


@pytest.fixture
def out(tmp_path):
    """An empty folder for the PDFs of one test (tmp_path also holds the test's data dir)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
