"""Font discovery: system TrueType fonts, the configured file, CFF conversion, the fallback."""

from __future__ import annotations

import glob
import logging
import os

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont as ToolsFont
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas

from reports import fonts as font_module
from reports import samples
from reports.cff2ttf import convert_cff_to_ttf, outline_format
from reports.fontfiles import pick_subfont
from reports.fonts import CID_FALLBACK, find_font, register_fonts
from reports.lists import render_list

from .pdftools import assert_cjk_embedded, pdffonts, pdftotext, squeeze

SAMPLE = "甘井子区"


@pytest.fixture(autouse=True)
def no_configured_font(monkeypatch):
    """Discovery must not pick up a font configured in the developer's environment."""
    monkeypatch.delenv("GJZ_FONT", raising=False)
    monkeypatch.delenv("GJZ_FONT_DIRS", raising=False)


@pytest.fixture
def fresh_registry():
    """Forget earlier registrations so the once-only warning can be observed."""
    font_module.reset_for_tests()
    yield
    font_module.reset_for_tests()


def make_cff_font(path, text=SAMPLE, family="Test CJK Sans"):
    """A tiny OpenType font with CFF outlines covering ``text`` (boxes with a curve)."""
    order = [".notdef", "space"] + [f"uni{ord(ch):04X}" for ch in text]
    cmap = {0x20: "space", **{ord(ch): f"uni{ord(ch):04X}" for ch in text}}
    charstrings, metrics = {}, {}
    for i, name in enumerate(order):
        pen = T2CharStringPen(1000, None)
        if name != "space":
            pen.moveTo((100, -50))
            pen.lineTo((900, -50))
            pen.curveTo((900, 400), (700, 800), (500 + i * 20, 820))
            pen.lineTo((100, 820))
            pen.closePath()
            pen.moveTo((300, 150))  # a counter, drawn the other way round
            pen.lineTo((300, 500))
            pen.lineTo((650, 500))
            pen.lineTo((650, 150))
            pen.closePath()
        charstrings[name] = pen.getCharString()
        metrics[name] = (1000, 0 if name == "space" else 100)
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(cmap)
    builder.setupCFF(family.replace(" ", "") + "-Regular", {"FullName": family}, charstrings, {})
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path


def _draw_sample(font_name, pdf):
    c = canvas.Canvas(str(pdf), initialFontName=font_name)
    c.setFont(font_name, 24)
    c.drawString(72, 700, SAMPLE)
    c.save()


# --------------------------------------------------------------------------- this machine


def test_this_machine_has_an_embeddable_truetype_font(fonts):
    choice = fonts.choice
    assert choice.embedded and choice.path and os.path.isfile(choice.path)
    assert outline_format(choice.path, choice.subfont_index) == "truetype"
    assert "已嵌入" in choice.note
    assert fonts.regular in pdfmetrics.getRegisteredFontNames()
    assert fonts.bold in pdfmetrics.getRegisteredFontNames()
    # the family maps <b> to the bold face
    assert tt2ps(fonts.family, 1, 0) == fonts.bold
    assert tt2ps(fonts.family, 0, 0) == fonts.regular


def test_register_fonts_is_idempotent(tmp_path):
    first = register_fonts(cache_dir=tmp_path)
    assert register_fonts(cache_dir=tmp_path) is first


def test_configured_font_comes_first_and_ttc_index_can_be_given(fonts, tmp_path):
    path = fonts.choice.path
    choice = find_font(f"{path}#{fonts.choice.subfont_index}", cache_dir=tmp_path)
    assert choice.source == "config" and choice.path == path
    assert choice.embedded


def test_missing_configured_font_is_reported_and_discovery_goes_on(fonts, tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="reports.fonts"):
        choice = find_font(tmp_path / "没有这个字体.ttf", cache_dir=tmp_path)
    assert choice.path == fonts.choice.path
    assert "无法使用" in choice.note
    assert "configured font" in caplog.text


# --------------------------------------------------------------------------- fallback


def test_no_font_at_all_falls_back_to_stsong_and_warns_once(
    tmp_path, monkeypatch, caplog, fresh_registry
):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("GJZ_FONT_DIRS", str(empty))

    choice = find_font(cache_dir=tmp_path / "cache")
    assert choice.path is None and not choice.embedded
    assert choice.source == "cid" and CID_FALLBACK in choice.note

    with caplog.at_level(logging.WARNING, logger="reports.fonts"):
        registered = register_fonts(cache_dir=tmp_path / "cache")
        register_fonts(search_dirs=[empty], cache_dir=tmp_path / "cache2")  # another key
    assert registered.regular == registered.bold == CID_FALLBACK
    warnings = [r for r in caplog.records if "reader's fonts" in r.getMessage()]
    assert len(warnings) == 1, "the fallback warning is given once"

    out = tmp_path / "out"
    out.mkdir()
    pdf = out / "fallback.pdf"
    render_list(samples.list_report(5), pdf, registered)
    used = pdffonts(pdf)
    assert [f["emb"] for f in used if f["name"].startswith(CID_FALLBACK)] == ["no"]


# --------------------------------------------------------------------------- CFF fonts


def test_reportlab_refuses_cff_fonts_which_is_why_we_convert(tmp_path):
    otf = make_cff_font(tmp_path / "tiny.otf")
    assert outline_format(otf) == "cff"
    with pytest.raises(TTFError, match="postscript outlines"):
        TTFont("TinyCFF", str(otf))


def test_cff_only_machine_converts_once_and_embeds_the_result(tmp_path, caplog):
    font_dir = tmp_path / "fonts"
    font_dir.mkdir()
    make_cff_font(font_dir / "NotoSansCJKsc-Regular.otf")
    cache = tmp_path / "cache"

    with caplog.at_level(logging.INFO, logger="reports"):
        choice = find_font(search_dirs=[font_dir], cache_dir=cache)
    assert choice.source == "converted" and choice.embedded
    assert os.path.dirname(choice.path) == str(cache)
    assert "转换为 TrueType" in choice.note
    assert "CFF/OpenType outlines" in caplog.text  # the skip is logged

    converted = ToolsFont(choice.path)
    assert "glyf" in converted and "CFF " not in converted
    assert converted.sfntVersion == "\x00\x01\x00\x00"
    assert set(converted.getBestCmap()) >= {ord(ch) for ch in SAMPLE}
    glyph = converted["glyf"][converted.getBestCmap()[ord("甘")]]
    assert glyph.numberOfContours == 2
    converted.close()

    # A second discovery reuses the cached file instead of converting again.
    stamp = os.stat(choice.path).st_mtime_ns
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="reports"):
        again = find_font(search_dirs=[font_dir], cache_dir=cache)
    assert again.path == choice.path and os.stat(choice.path).st_mtime_ns == stamp
    assert "converting" not in caplog.text

    registered = register_fonts(search_dirs=[font_dir], cache_dir=cache)
    assert registered.choice.path == choice.path
    pdf = tmp_path / "converted.pdf"
    _draw_sample(registered.regular, pdf)
    assert_cjk_embedded(pdf)
    assert squeeze(pdftotext(pdf)) == SAMPLE


def test_configured_cff_font_is_converted_too(tmp_path, monkeypatch):
    otf = make_cff_font(tmp_path / "custom.otf")
    monkeypatch.setenv("GJZ_FONT", str(otf))
    choice = find_font(search_dirs=[], cache_dir=tmp_path / "cache")
    assert choice.source == "converted"
    assert outline_format(choice.path) == "truetype"


def test_cff_font_without_conversion_falls_back(tmp_path, caplog):
    font_dir = tmp_path / "fonts"
    font_dir.mkdir()
    make_cff_font(font_dir / "SourceHanSansSC-Regular.otf")
    with caplog.at_level(logging.INFO, logger="reports.fonts"):
        choice = find_font(search_dirs=[font_dir], cache_dir=tmp_path / "cache", convert=False)
    assert choice.source == "cid"
    assert "skipping" in caplog.text and "SourceHanSansSC-Regular.otf" in caplog.text
    assert not (tmp_path / "cache").exists()


def test_a_damaged_font_file_is_skipped_not_fatal(tmp_path):
    font_dir = tmp_path / "fonts"
    font_dir.mkdir()
    (font_dir / "wqy-zenhei.ttc").write_bytes(b"ttcf" + b"\0" * 40)
    (font_dir / "simsun.ttc").write_bytes(b"not a font at all")
    choice = find_font(search_dirs=[font_dir], cache_dir=tmp_path / "cache")
    assert choice.source == "cid"


def _system_cff_cjk_font():
    patterns = [
        "/usr/share/fonts/**/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/**/NotoSansCJKsc-Regular.otf",
        "/usr/share/fonts/**/NotoSansSC-Regular.otf",
        "/System/Library/Fonts/PingFang.ttc",
    ]
    for pattern in patterns:
        found = glob.glob(pattern, recursive=True)
        if found:
            return found[0]
    return None


@pytest.mark.slow
def test_real_noto_sans_cjk_converts_to_a_usable_truetype_font(tmp_path):
    """Slow (about 20 s): the real conversion of the system's CFF CJK font.

    scripts/test.sh installs Debian's fonts-noto-cjk (CFF outlines only), so in CI this
    runs; without the font it is skipped — or fails under GJZ_REQUIRE_GUI=1, like every
    test that needs a system tool."""
    source = _system_cff_cjk_font()
    if source is None:
        reason = "no OpenType/CFF CJK font (Debian: fonts-noto-cjk) installed"
        if os.environ.get("GJZ_REQUIRE_GUI") == "1":
            pytest.fail(f"GJZ_REQUIRE_GUI=1 but {reason}; run the tests through scripts/test.sh")
        pytest.skip(reason)
    index = pick_subfont(source, "Noto Sans CJK SC")
    assert outline_format(source, index) == "cff"
    target = convert_cff_to_ttf(source, tmp_path / "noto.ttf", index)
    assert outline_format(target) == "truetype"
    font = TTFont("GJZ-Test-Noto", str(target))
    pdfmetrics.registerFont(font)
    pdf = tmp_path / "noto.pdf"
    c = canvas.Canvas(str(pdf), initialFontName="GJZ-Test-Noto")
    c.setFont("GJZ-Test-Noto", 20)
    c.drawString(72, 700, "甘井子区高新技术企业培育库入库证书")
    c.save()
    assert_cjk_embedded(pdf)
    assert squeeze(pdftotext(pdf)) == "甘井子区高新技术企业培育库入库证书"


def test_names_and_outlines_read_from_the_tables_agree_with_fonttools(fonts):
    """reports.fontfiles reads the table directory and the 'name' table itself (fontTools is
    loaded only to convert): the same answers as fontTools for the font in use."""
    from reports.fontfiles import subfont_count, subfont_names

    path = fonts.choice.path
    if path is None:
        pytest.skip("no TrueType font on this machine (the CID fallback is in use)")
    expected_names, expected_kinds = [], []
    for index in range(subfont_count(path)):
        font = ToolsFont(path, fontNumber=index, lazy=True)
        name = font["name"]
        expected_names.append(str(name.getDebugName(4) or name.getDebugName(1)))
        expected_kinds.append("truetype" if "glyf" in font else "cff" if "CFF " in font else None)
        font.close()
    assert subfont_names(path) == expected_names
    assert [outline_format(path, i) for i in range(len(expected_kinds))] == expected_kinds
    assert outline_format(path, len(expected_kinds)) is None
