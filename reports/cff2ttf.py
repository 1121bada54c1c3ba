"""Convert an OpenType/CFF font (Noto Sans CJK, Source Han, PingFang…) to TrueType outlines.

reportlab embeds only TrueType ('glyf') fonts, while most current Linux desktops (UOS, Kylin,
Debian/Ubuntu with fonts-noto-cjk) and macOS ship their Chinese fonts with CFF outlines.
This module rewrites such a font once with fontTools — cubic CFF curves become quadratic
TrueType curves through ``Cu2QuPen`` (the recipe of fontTools' ``otf2ttf`` snippet) — and the
result is cached, so every later print embeds it directly.

Only glyphs reachable from the character map are converted (the others — regional variants
reached through OpenType layout, which reportlab does not use — become empty), which roughly
halves the work for Noto Sans CJK (about 20 s instead of 30 s on a typical PC) and the size of
the cached file; glyph order and ids are unchanged.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from reports.fontfiles import outline_format  # noqa: F401  (re-exported: callers use it here)

log = logging.getLogger(__name__)

# Maximum approximation error, in font units (fonts here have 1000 or 2048 units per em).
MAX_ERR = 1.0


def convert_cff_to_ttf(
    source: str | os.PathLike,
    target: str | os.PathLike,
    index: int = 0,
    max_err: float = MAX_ERR,
    reachable_only: bool = True,
) -> Path:
    """Write a TrueType-outlined copy of subfont ``index`` of the CFF font ``source`` to ``target``.

    The file is written to a temporary name and renamed, so a concurrent reader never sees a
    partial font.  Returns the target path.  Raises ValueError if the source has no CFF
    outlines, and whatever fontTools raises for a damaged file.
    """
    # fontTools is a third of a print's start-up time: loaded only when a font is converted
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    started = time.monotonic()
    font = TTFont(source, fontNumber=index)
    try:
        if "CFF " not in font and "CFF2" not in font:
            raise ValueError(f"{source} has no CFF outlines")
        order = font.getGlyphOrder()
        glyph_set = font.getGlyphSet()
        wanted = None
        if reachable_only:
            cmap = font.getBestCmap() or {}
            wanted = set(cmap.values()) | {order[0]}
        glyphs = {}
        for name in order:
            pen = TTGlyphPen(glyph_set)
            if wanted is None or name in wanted:
                glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
            glyphs[name] = pen.glyph()

        font["loca"] = newTable("loca")
        glyf = font["glyf"] = newTable("glyf")
        glyf.glyphOrder = order
        glyf.glyphs = glyphs
        for tag in ("CFF ", "CFF2", "VORG"):
            if tag in font:
                del font[tag]
        glyf.compile(font)

        hmtx = font["hmtx"]
        for name, glyph in glyf.glyphs.items():
            if hasattr(glyph, "xMin"):
                hmtx[name] = (hmtx[name][0], glyph.xMin)

        maxp = font["maxp"] = newTable("maxp")
        maxp.tableVersion = 0x00010000
        maxp.maxZones = 1
        for attr in (
            "maxTwilightPoints",
            "maxStorage",
            "maxFunctionDefs",
            "maxInstructionDefs",
            "maxStackElements",
            "maxSizeOfInstructions",
            "maxComponentElements",
        ):
            setattr(maxp, attr, 0)
        # Format 3: no glyph names (reportlab does not need them; CJK fonts have 65 535).
        font["post"].formatType = 3.0
        font.sfntVersion = "\x00\x01\x00\x00"

        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            font.save(tmp)
            os.replace(tmp, target)
        finally:
            if tmp.exists():
                tmp.unlink()
    finally:
        font.close()
    log.info(
        "converted CFF font %s#%d to TrueType %s in %.1f s",
        source,
        index,
        target,
        time.monotonic() - started,
    )
    return target
