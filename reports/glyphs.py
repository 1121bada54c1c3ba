"""Characters the main PDF font lacks, drawn with a fallback font instead of an empty box.

Some enterprise and people's names hold rare characters — CJK Extension B and beyond (𬌗
U+2C317, 𠀀 U+20000) — that SimSun and most other fonts do not have; reportlab has no
automatic fallback, so they would print as empty boxes.  Each registered main font here has
a chain of fallback font files (:func:`set_fallbacks`; SimSun-ExtB's simsunb.ttf first — see
``reports.fontfiles.FALLBACK``), loaded only when a character needs one.  Text is split into
runs of characters that one font draws (:func:`runs`), and the renderers draw run by run:
``layout.draw_text`` on a canvas, ``layout.markup`` as ``<font name=…>`` in Paragraph
markup, ``layout.TextLines`` for a table cell.  A character that no font has is drawn in the
main font as a visible box (□, else 〓: :func:`_stand_in`; not a format character, a
combining mark or a space) and named in the log, once; the PDF's text still gives the
character itself.  Left to reportlab it would be the font's .notdef glyph — blank and
without width in WenQuanYi Zen Hei, so 「大连𠀀科技有限公司」 printed and searched as
「大连科技有限公司」.

reportlab writes a character beyond U+FFFF into the PDF's ToUnicode map as five hex digits,
which readers take for a different character (pdftotext gives Ⱑ U+2C31 for 𬌗 U+2C317);
:func:`_fix_to_unicode` makes it write the UTF-16 surrogate pair the PDF reference asks for.

Speed: almost all text has no such character.  :func:`lacks` answers for a whole string with
one precompiled regular expression (the characters the font lacks, as a class), so the
common case costs no Python loop per character; the font for a character is cached.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth

log = logging.getLogger(__name__)

_lock = threading.RLock()
_chains: dict[str, tuple] = {}  # main font name -> (candidates, loader)
_loaded: dict[tuple, str | None] = {}  # candidate -> registered font name (None: unusable)
_lacking: dict[str, re.Pattern | None] = {}  # font name -> finds a character it lacks
_font_of: dict[tuple[str, str], str] = {}  # (main font, character) -> the font that draws it
_unprintable: set[tuple[str, str]] = set()  # (main font, character) logged as in no font
_stood_in: dict[str, set[int]] = {}  # font name -> code points drawn with a stand-in glyph
STAND_INS = "□〓"  # the glyph printed for a character no font has: the first the font has


def set_fallbacks(font_names, candidates, load) -> None:
    """Give each of ``font_names`` (registered reportlab fonts) the fallback chain
    ``candidates`` (tried in order); ``load(candidate)`` returns a reportlab TTFont for one,
    or None when it cannot be used."""
    with _lock:
        for name in font_names:
            _chains[name] = (tuple(candidates), load)
            _forget(name)


def _forget(name: str) -> None:
    """Drop what is known about the font registered as ``name`` (it may be a new font)."""
    _lacking.pop(name, None)
    for key in [k for k in _font_of if k[0] == name]:
        del _font_of[key]
    _unprintable.difference_update({k for k in _unprintable if k[0] == name})


def lacks(font: str, text: str) -> bool:
    """True when ``font`` has no glyph for some character of ``text`` (control characters
    aside); False for a font whose characters cannot be told (the CID font)."""
    pattern = _lacking.get(font, False)
    if pattern is False:
        pattern = _lacking_pattern(font)
    return pattern is not None and pattern.search(text) is not None


def font_for(font: str, ch: str) -> str:
    """The font that draws ``ch`` for text set in ``font``: ``font`` itself when it has the
    glyph (or no font has it), else the first fallback that has it."""
    key = (font, ch)
    chosen = _font_of.get(key)
    if chosen is None:
        with _lock:
            chosen = _font_of[key] = _choose(font, ch) if lacks(font, ch) else font
    return chosen


def runs(font: str, text: str) -> list[tuple[str, str]]:
    """``text`` as [(run, font name)], each run drawn by one font; one run in ``font`` when
    it has every character."""
    if not lacks(font, text):
        return [(text, font)]
    result: list[tuple[str, str]] = []
    for ch in text:
        name = font_for(font, ch)
        if result and result[-1][1] == name:
            result[-1] = (result[-1][0] + ch, name)
        else:
            result.append((ch, name))
    return result


def char_width(ch: str, font: str, size: float) -> float:
    """The width of ``ch`` as printed for text in ``font``: in its fallback font if need be."""
    return stringWidth(ch, font_for(font, ch), size)


def _codepoints(font: str) -> dict | None:
    """The font's character map (code point -> glyph), or None when it has none to read."""
    try:
        face = getattr(pdfmetrics.getFont(font), "face", None)
    except KeyError:
        return None
    return getattr(face, "charToGlyph", None)


def _lacking_pattern(font: str) -> re.Pattern | None:
    """A regular expression that finds a character ``font`` has no glyph for."""
    with _lock:
        if font in _lacking:
            return _lacking[font]
        cmap = _codepoints(font)
        pattern = None
        if cmap is not None:
            covered = set(cmap) - _stood_in.get(font, set())
            covered = sorted(covered | set(range(0x20)) | set(range(0x7F, 0xA0)))
            ranges = []
            start = previous = covered[0]
            for code in covered[1:]:
                if code != previous + 1:
                    ranges.append((start, previous))
                    start = code
                previous = code
            ranges.append((start, previous))
            body = "".join(
                re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges
            )
            pattern = re.compile(f"[^{body}]")
        _lacking[font] = pattern
        return pattern


def _choose(font: str, ch: str) -> str:
    candidates, load = _chains.get(font, ((), None))
    for candidate in candidates:
        name = _fallback_name(candidate, load)
        if name is not None and not lacks(name, ch):
            return name
    if (font, ch) not in _unprintable:
        _unprintable.add((font, ch))
        log.warning(
            "no font has a glyph for U+%04X %s (%s): it prints as an empty box in %s; "
            "fallbacks tried: %s",
            ord(ch),
            ch,
            unicodedata.name(ch, "unnamed"),
            font,
            ", ".join(str(c[0]) for c in candidates) or "none installed",
        )
    _stand_in(font, ch)
    return font


def _stand_in(font: str, ch: str) -> None:
    """Map ``ch``, which no font has, to a visible glyph of ``font`` (the first of
    :data:`STAND_INS` it has): reportlab then prints that glyph with the width of it and
    writes ``ch`` into the ToUnicode map, so the text extracts as it is stored."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    cmap, widths = getattr(face, "charToGlyph", None), getattr(face, "charWidths", None)
    if cmap is None or widths is None or ord(ch) in cmap:
        return
    if unicodedata.category(ch)[0] in "CMZ":  # a format or combining mark, a space: no box
        return
    for mark in map(ord, STAND_INS):
        if mark in cmap:
            _stood_in.setdefault(font, set()).add(ord(ch))
            cmap[ord(ch)] = cmap[mark]
            widths[ord(ch)] = widths.get(mark, face.defaultWidth)
            return


def _fallback_name(candidate, load) -> str | None:
    """The registered reportlab name of a fallback font, loading it the first time."""
    if candidate not in _loaded:
        font = load(candidate) if load is not None else None
        name = None
        if font is not None:
            pdfmetrics.registerFont(font)
            name = font.fontName
            _forget(name)
            # a family of its own, so <b> around a run in Paragraph markup finds a face
            pdfmetrics.registerFontFamily(
                name, normal=name, bold=name, italic=name, boldItalic=name
            )
            log.info("fallback font for rare characters: %s", candidate[0])
        _loaded[candidate] = name
    return _loaded[candidate]


def _utf16_hex(code: int) -> str:
    """A ToUnicode destination: one UTF-16BE code unit, or a surrogate pair above U+FFFF."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _fix_to_unicode() -> None:
    """Make reportlab's ToUnicode maps write characters beyond U+FFFF as surrogate pairs —
    only while its own function still writes them wrong (a later reportlab may fix it)."""
    original = ttfonts.makeToUnicodeCMap
    if "<2C317>" not in original("Probe", [0x2C317]):
        return

    def make_to_unicode_cmap(fontname, subset):
        text = original(fontname, subset)
        for index, code in enumerate(subset):
            if code > 0xFFFF:
                text = text.replace(
                    f"<{index:02X}> <{code:04X}>", f"<{index:02X}> <{_utf16_hex(code)}>"
                )
        return text

    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap


_fix_to_unicode()
