"""A cache of parsed TrueType faces, so a PDF does not parse its Chinese font every time.

reportlab's ``TTFont`` reads the whole font file and walks its tables (character map, glyph
widths) when it is created: for a large CJK font (WenQuanYi Zen Hei, SimSun: 40 000 glyphs)
that takes a quarter of a second, a fifth of a short ``gjz report …``.  What the walk finds
depends only on the font file and on reportlab, so it is kept once in the font cache folder
(``fonts`` in the program's data folder, beside the converted fonts) as a pickle named after
the file's path, size, modification time, subfont and reportlab's version; a file that
changes, or another reportlab, is simply parsed again.  The font file's bytes are not stored:
they are read from the font itself, as reportlab does, and are still what gets subset and
embedded — the PDFs are the same, byte for byte, with or without the cache.

The cache holds what the caller's own program wrote into the caller's own data folder, as
the converted fonts do.  Anything wrong with an entry (unreadable, another layout) means the
font is parsed as before; a folder that cannot be written means no cache.
"""

from __future__ import annotations

import hashlib
import logging
import operator
import os
import pickle
import sys
import weakref
from functools import partial
from pathlib import Path

import reportlab
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

log = logging.getLogger(__name__)

SUFFIX = ".face"
# Attributes not kept: the file's bytes (read again from the font), the per-document
# subsetting state (empty at registration) and the scaling function (made again below).
_NOT_KEPT_FACE = ("_ttf_data", "_pdfScale")
_NOT_KEPT_FONT = ("face", "state")


def _identity(value):
    return value


def _scale(units_per_em):
    """What reportlab's face computes as ``_pdfScale``: font units to 1/1000 em."""
    if units_per_em == 1000:
        return _identity
    return partial(operator.mul, 1000 / units_per_em)


def entry_path(cache_dir: str | os.PathLike, name: str, path: str, index: int) -> Path | None:
    """The cache file of subfont ``index`` of the font at ``path`` registered as ``name``
    (None if the font is gone)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    key = "|".join(
        map(
            str,
            (
                name,
                os.path.abspath(path),
                stat.st_size,
                stat.st_mtime_ns,
                index,
                reportlab.Version,
                sys.version_info[:2],
            ),
        )
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return Path(cache_dir) / f"{Path(path).stem}-{index}-{digest}{SUFFIX}"


def load_ttfont(name: str, path: str, index: int, cache_dir) -> TTFont:
    """A reportlab TTFont of subfont ``index`` of ``path`` named ``name``: from the cache
    when it holds this file, else parsed by reportlab (and kept for next time).  Raises
    what reportlab raises for a font it refuses."""
    entry = entry_path(cache_dir, name, path, index) if cache_dir is not None else None
    if entry is not None:
        font = _read(entry, name, path)
        if font is not None:
            return font
    font = _parse(name, path, index)
    if entry is not None:
        _write(entry, font)
    return font


def _parse(name: str, path: str, index: int) -> TTFont:
    """reportlab's own reading of the font (what the cache saves)."""
    return TTFont(name, path, subfontIndex=index)


def _read(entry: Path, name: str, path: str) -> TTFont | None:
    try:
        with open(entry, "rb") as fh:
            font_state, face_state = pickle.load(fh)
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged or foreign entry: parse the font instead
        log.info("font cache entry %s not used: %s", entry, exc)
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(face_state)
    face._ttf_data = data
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(font_state)
    font.fontName = name
    font.face = face
    font.state = weakref.WeakKeyDictionary()
    return font


def _write(entry: Path, font: TTFont) -> None:
    if set(_NOT_KEPT_FONT) - set(vars(font)) or set(_NOT_KEPT_FACE) - set(vars(font.face)):
        log.info("font cache: reportlab %s lays its fonts out otherwise", reportlab.Version)
        return
    font_state = {k: v for k, v in vars(font).items() if k not in _NOT_KEPT_FONT}
    face_state = {k: v for k, v in vars(font.face).items() if k not in _NOT_KEPT_FACE}
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as fh:
            pickle.dump((font_state, face_state), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        for old in entry.parent.glob(f"{entry.name.rsplit('-', 1)[0]}-*{SUFFIX}"):
            if old != entry:  # the entry of an older file or reportlab: of no more use
                old.unlink(missing_ok=True)
    except Exception as exc:  # a read-only folder, an attribute pickle refuses: no cache
        log.info("font cache entry %s not written: %s", entry, exc)
        try:
            os.remove(temporary)
        except OSError:
            pass
