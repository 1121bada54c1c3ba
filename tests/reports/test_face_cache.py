"""The cache of parsed TrueType faces (reports/facecache.py): a PDF's font is parsed once per
font file, and a face read from the cache draws exactly what a freshly parsed one draws."""

from __future__ import annotations

import os
import shutil

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from reports import facecache

NAME = "GJZ-FaceCacheTest-0"


def _pdf(font, path):
    """A one-page PDF in ``font`` (registered under its name), byte-stable (invariant)."""
    pdfmetrics.registerFont(font)
    saved = rl_config.invariant
    rl_config.invariant = 1
    try:
        c = canvas.Canvas(str(path))
        c.setFont(font.fontName, 12)
        c.drawString(72, 720, "甘井子区高新技术企业名单 91210211MA0XXXXX1K")
        c.drawCentredString(300, 700, "大连弘东众创空间（孵化器）")
        c.save()
    finally:
        rl_config.invariant = saved
    return path.read_bytes()


def _refuse_parsing(*args, **kwargs):
    raise AssertionError("the font was parsed again")


def test_a_face_read_from_the_cache_draws_what_a_parsed_one_draws(fonts, tmp_path, monkeypatch):
    path, index = fonts.choice.path, fonts.choice.subfont_index
    cache = tmp_path / "faces"
    parsed = facecache.load_ttfont(NAME, path, index, cache)
    assert len(list(cache.glob("*" + facecache.SUFFIX))) == 1
    monkeypatch.setattr(facecache, "_parse", _refuse_parsing)
    cached = facecache.load_ttfont(NAME, path, index, cache)
    assert cached.face.charWidths == parsed.face.charWidths
    assert _pdf(cached, tmp_path / "cached.pdf") == _pdf(parsed, tmp_path / "parsed.pdf")


def test_a_changed_font_file_is_parsed_again_and_its_old_entry_dropped(fonts, tmp_path):
    font = tmp_path / ("copy" + os.path.splitext(fonts.choice.path)[1])
    shutil.copyfile(fonts.choice.path, font)
    cache = tmp_path / "faces"
    facecache.load_ttfont(NAME, str(font), fonts.choice.subfont_index, cache)
    first = list(cache.glob("*" + facecache.SUFFIX))
    stat = font.stat()
    os.utime(font, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    facecache.load_ttfont(NAME, str(font), fonts.choice.subfont_index, cache)
    second = list(cache.glob("*" + facecache.SUFFIX))
    assert len(first) == len(second) == 1 and first != second


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_entry_means_parsing_the_font(fonts, tmp_path, content):
    path, index = fonts.choice.path, fonts.choice.subfont_index
    cache = tmp_path / "faces"
    entry = facecache.entry_path(cache, NAME, path, index)
    cache.mkdir()
    entry.write_bytes(content)
    font = facecache.load_ttfont(NAME, path, index, cache)
    assert font.face.charWidths and font.stringWidth("甘井子", 10) > 0
    assert entry.read_bytes() != content  # written again, whole


def test_the_pdfs_fonts_are_loaded_through_the_cache(fonts, monkeypatch):
    """reports.fonts keeps the parsed face in the data folder's font cache."""
    from reports import fonts as font_module
    from reports.fontfiles import default_cache_dir

    monkeypatch.setattr(font_module, "_loaded", {})  # this process has not loaded it yet
    font = font_module._load(fonts.choice.path, fonts.choice.subfont_index)
    assert font is not None and list(default_cache_dir().glob("*" + facecache.SUFFIX))
