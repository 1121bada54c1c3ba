"""Names with characters the main font lacks (CJK Extension A/B: 䶮, 𬌗) print in a fallback
font — both fonts embedded, the text extractable — and a character no font has is logged.

The fonts are built here (fontTools' FontBuilder): a 「黑体」 simhei.ttf covering ASCII, CJK
punctuation, full-width forms and the CJK Unified Ideographs, and a SimSun-ExtB simsunb.ttf
with only the two rare characters; 𠀀 (U+20000) is in neither."""

from __future__ import annotations

import datetime
import logging

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from reportlab.pdfbase import pdfmetrics

from reports import fonts as font_module
from reports import glyphs
from reports.certificates import render_certificate
from reports.data import CertificateData, ListReport
from reports.lists import render_list
from reports.wrap import text_width

from .pdftools import assert_cjk_embedded, pdffonts, pdftotext, squeeze

RARE = "𬌗䶮"  # U+2C317 (Extension B), U+4DAE (Extension A)
NOWHERE = "𠀀"  # U+20000: in no font
NAME = "大连𬌗䶮海洋科技有限公司"
MAIN_RANGES = ((0x20, 0x7E), (0x2000, 0x206F), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))


def make_truetype(path, codepoints, family, advance=1000):
    """A TrueType font drawing every code point of ``codepoints`` as one box glyph."""
    pen = TTGlyphPen(None)
    pen.moveTo((100, -50))
    pen.lineTo((100, 800))
    pen.lineTo((900, 800))
    pen.lineTo((900, -50))
    pen.closePath()
    box = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "space", "box"])
    builder.setupCharacterMap({**{code: "box" for code in codepoints}, 0x20: "space"})
    builder.setupGlyf({".notdef": box, "space": TTGlyphPen(None).glyph(), "box": box})
    builder.setupHorizontalMetrics(
        {".notdef": (advance, 100), "space": (advance // 2, 0), "box": (advance, 100)}
    )
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    name = family.replace(" ", "")
    builder.setupNameTable({"familyName": family, "styleName": "Regular", "psName": name})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def font_dir(tmp_path):
    folder = tmp_path / "fonts"
    folder.mkdir()
    main = [code for low, high in MAIN_RANGES for code in range(low, high + 1)]
    make_truetype(folder / "simhei.ttf", main, "GJZ Test Main")
    make_truetype(folder / "simsunb.ttf", [ord(ch) for ch in RARE], "GJZ Test ExtB", 900)
    return folder


@pytest.fixture
def test_fonts(font_dir, tmp_path, monkeypatch):
    monkeypatch.delenv("GJZ_FONT", raising=False)
    font_module.reset_for_tests()
    yield font_module.register_fonts(search_dirs=[font_dir], cache_dir=tmp_path / "cache")
    font_module.reset_for_tests()


def test_runs_and_widths_use_the_fallback(test_fonts, font_dir):
    main = test_fonts.regular
    assert test_fonts.choice.fallbacks == ((str(font_dir / "simsunb.ttf"), ""),)
    assert not glyphs.lacks(main, "大连海洋科技有限公司（2020）\n")
    assert glyphs.lacks(main, NAME)
    fallback = glyphs.font_for(main, "𬌗")
    assert fallback != main and glyphs.font_for(main, "大") == main
    assert glyphs.runs(main, NAME) == [("大连", main), (RARE, fallback), ("海洋科技有限公司", main)]
    # line breaking measures a rare character in the font that prints it (900 units)
    assert text_width("𬌗", main, 10) == pytest.approx(9.0)


def test_list_prints_rare_characters_in_the_fallback_font(test_fonts, tmp_path, caplog):
    report = ListReport(
        title="甘井子区高新技术企业名单",
        columns=["企业名称", "所属街道"],
        rows=[
            [NAME, "大连湾街道"],
            ["大连普通科技有限公司", "南关岭街道"],
            [f"大连{NOWHERE}公司", ""],
        ],
        unit_name="甘井子区科学技术局（䶮）",
        date=datetime.date(2020, 12, 31),
    )
    pdf = tmp_path / "名单.pdf"
    with caplog.at_level(logging.WARNING, logger="reports.glyphs"):
        render_list(report, pdf, test_fonts)
    assert_cjk_embedded(pdf)
    names = [f["name"] for f in pdffonts(pdf)]
    assert any("GJZTestMain" in n for n in names) and any("GJZTestExtB" in n for n in names)
    text = squeeze(pdftotext(pdf))
    assert NAME in text and "大连普通科技有限公司" in text
    assert "制表单位：甘井子区科学技术局（䶮）" in text  # a Paragraph: <font name=…> markup
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and "U+20000" in warnings[0] and "simsunb.ttf" in warnings[0]


def test_a_character_no_font_has_prints_as_a_box_and_extracts_as_itself(test_fonts, tmp_path):
    """Left to reportlab, 𠀀 (and an emoji) would be the font's .notdef: blank in most CJK
    fonts, and missing from the text, so 「大连𠀀公司😀」 read as 「大连公司」."""
    main = test_fonts.regular
    name = f"大连{NOWHERE}公司😀"
    pdf = tmp_path / "名单.pdf"
    render_list(ListReport(title="名单", columns=["企业名称"], rows=[[name]]), pdf, test_fonts)
    assert name in squeeze(pdftotext(pdf))
    assert_cjk_embedded(pdf)
    # printed with the font's 〓 (the test font has no □), as wide as it, not as .notdef
    face = pdfmetrics.getFont(main).face
    assert face.charToGlyph[ord(NOWHERE)] == face.charToGlyph[ord("〓")] != 0
    assert glyphs.runs(main, name) == [(name, main)]
    # the stand-in does not make the main font look as if it had the character
    assert glyphs.lacks(main, NOWHERE)
    # an invisible format character is not drawn as a box
    glyphs.runs(main, "\ufeff")
    assert ord("\ufeff") not in face.charToGlyph


def test_certificate_holder_with_a_rare_character(test_fonts, tmp_path):
    cert = CertificateData(
        kind="incubation",
        serial="GJZ-2020-RF-000001",
        verify_code="7KQ4-M2XD-A3FH",
        holder_name=NAME,
        fields={
            "credit_code": "91210211MA0XK4Q23T",
            "carrier_name": "大连生态科技创新城孵化器",
            "stage": "孵化器",
            "entered_on": datetime.date(2019, 3, 15),
        },
        unit_name="甘井子区科学技术局",
        issued_on=datetime.date(2020, 12, 18),
    )
    pdf = tmp_path / "证书.pdf"
    render_certificate(cert, pdf, test_fonts)
    assert any("GJZTestExtB" in f["name"] for f in pdffonts(pdf))
    assert NAME in squeeze(pdftotext(pdf))
