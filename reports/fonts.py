"""Chinese fonts for the PDFs: find a TrueType CJK font, register it, embed it.

Order of search (the first usable one wins):

1. the configured file — ``config_path`` (the caller passes the Setting) or env ``GJZ_FONT``;
   ``path#N`` picks subfont N of a .ttc;
2. Windows: 宋体 simsun.ttc, 黑体 simhei.ttf, 楷体 simkai.ttf, 微软雅黑 msyh.ttc …;
3. Linux: WenQuanYi Zen Hei / Micro Hei, AR PL UMing / UKai, Droid Sans Fallback;
4. macOS fonts with TrueType outlines (Songti, STHeiti, Arial Unicode…);
5. only OpenType/CFF fonts (Noto Sans CJK, Source Han Sans, PingFang…): reportlab cannot
   embed them, so one is converted once to TrueType (``reports.cff2ttf``) and cached in the
   data folder — ``cache_dir``, else ``fonts`` in the program's data folder
   (``gjz_registry.paths``: ``$GJZ_DATA_DIR``, ``%LOCALAPPDATA%\\gjz-registry``…);
6. nothing usable at all: the CID font STSong-Light, which is *not* embedded (the reader's
   fonts draw the text) — logged once as a warning and said in ``FontChoice.note``.

A character the chosen font lacks (a name with a CJK Extension B character) is drawn with a
fallback font: SimSun-ExtB (simsunb.ttf) and the other rare-character fonts of
``fontfiles.FALLBACK`` first, then the other Chinese TrueType fonts found; ``reports.glyphs``
loads them when such a character first appears and logs a character no font has.

The system folders searched can be replaced with env ``GJZ_FONT_DIRS`` (os.pathsep-separated)
or the ``search_dirs`` argument; pointing them at an empty folder forces the fallback.

A family is registered so ``<b>`` works: 黑体 (SimHei, WenQuanYi Zen Hei…) is the bold face
where present, otherwise the regular face doubles as bold.  reportlab always embeds TrueType
fonts as subsets, and writes a ToUnicode map, so ``pdftotext`` gives the Chinese back.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from reports import facecache, glyphs
from reports.cff2ttf import convert_cff_to_ttf, outline_format
from reports.fontfiles import (
    CFF_REGULAR,
    FALLBACK,
    TRUETYPE_BOLD,
    TRUETYPE_REGULAR,
    default_cache_dir,
    index_fonts,
    pick_subfont,
    split_index,
    system_font_dirs,
)

log = logging.getLogger(__name__)

CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True)
class FontChoice:
    """The font the PDFs will use.

    ``path``/``subfont_index`` is the TrueType file embedded for regular text (None for the
    CID fallback), ``bold_path``/``bold_subfont_index`` the one for bold (may equal the
    regular one).  ``embedded`` is False only for the STSong-Light fallback.  ``note`` is a
    Chinese sentence for the user; ``source`` is "config", "system", "converted" or "cid".
    """

    name: str
    path: str | None
    subfont_index: int = 0
    bold_path: str | None = None
    bold_subfont_index: int = 0
    embedded: bool = True
    note: str = ""
    source: str = "system"
    bold_name: str = ""
    fallbacks: tuple[tuple[str, str], ...] = ()  # (path, subfont hint) for rare characters


@dataclass(frozen=True)
class RegisteredFonts:
    """reportlab font names to use: ``regular``, ``bold`` and the ``family`` (for <b>)."""

    regular: str
    bold: str
    family: str
    choice: FontChoice


_lock = threading.RLock()
_registered: dict[tuple, RegisteredFonts] = {}
_loaded: dict[tuple[str, int], TTFont] = {}
_cid_warned = False


def _internal_name(path: str, index: int) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "", Path(path).stem) or "Font"
    return f"GJZ-{stem}-{index}"


def _load(path: str, index: int) -> TTFont | None:
    """A reportlab TTFont for the file (cached), or None if reportlab refuses it."""
    key = (os.path.abspath(path), index)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        try:
            font = facecache.load_ttfont(_internal_name(path, index), path, index, _face_cache())
        except (TTFError, OSError, ValueError, struct.error, IndexError) as exc:
            log.warning("font %s#%d cannot be used by reportlab: %s", path, index, exc)
            return None
        _loaded[key] = font
        return font


def _face_cache() -> Path | None:
    """The folder of parsed faces (reports.facecache), or None when there is no data folder."""
    try:
        return default_cache_dir()
    except OSError:
        return None


def _usable_truetype(path: str, hint: str, bold: bool = False) -> int | None:
    """The subfont index to use if ``path`` is a TrueType font reportlab loads, else None."""
    index = pick_subfont(path, hint, bold)
    kind = outline_format(path, index)
    if kind == "cff":
        log.info("skipping %s: CFF/OpenType outlines, reportlab needs TrueType", path)
        return None
    if kind != "truetype":
        log.info("skipping %s: not a readable TrueType font", path)
        return None
    return index if _load(path, index) is not None else None


def _converted(source: str, index: int, cache_dir: Path) -> str | None:
    """The cached TrueType conversion of a CFF font, making it first if needed."""
    try:
        stat = os.stat(source)
    except OSError:
        return None
    stem = re.sub(r"[^A-Za-z0-9_-]+", "", Path(source).stem) or "font"
    target = cache_dir / f"{stem}-{index}-{stat.st_size}-{int(stat.st_mtime)}.ttf"
    if not target.exists():
        log.warning(
            "only CFF/OpenType Chinese fonts found; converting %s#%d to TrueType once "
            "(this takes about half a minute) into %s",
            source,
            index,
            target,
        )
        try:
            convert_cff_to_ttf(source, target, index)
        except Exception as exc:  # a failed conversion falls back, never crashes
            log.warning("converting %s failed: %s", source, exc)
            return None
    if _load(str(target), 0) is None:
        return None
    return str(target)


# --------------------------------------------------------------------------- discovery


def _cid_choice(reason: str = "") -> FontChoice:
    note = (
        "未找到可嵌入的中文 TrueType 字体，PDF 改用阅读器自带的宋体（STSong-Light），"
        "字体未嵌入，在其他电脑上显示可能不同。可在系统设置中指定字体文件"
        "（如 C:\\Windows\\Fonts\\simsun.ttc）。"
    )
    if reason:
        note = reason + note
    return FontChoice(
        name=CID_FALLBACK,
        path=None,
        embedded=False,
        note=note,
        source="cid",
        bold_name=CID_FALLBACK,
    )


def _find_bold(index: dict[str, str], regular: FontChoice) -> FontChoice:
    for file_name, label, hint in TRUETYPE_BOLD:
        path = index.get(file_name.lower())
        if not path:
            continue
        sub = _usable_truetype(path, hint, bold=True)
        if sub is not None:
            return replace(regular, bold_path=path, bold_subfont_index=sub, bold_name=label)
    return replace(
        regular,
        bold_path=regular.path,
        bold_subfont_index=regular.subfont_index,
        bold_name=regular.name,
    )


def find_font(
    config_path: str | os.PathLike | None = None,
    *,
    search_dirs: list[str | os.PathLike] | None = None,
    cache_dir: str | os.PathLike | None = None,
    convert: bool = True,
) -> FontChoice:
    """Choose the Chinese font for PDFs (see the module docstring for the order).

    ``config_path`` (else env GJZ_FONT) is tried first; ``search_dirs`` replaces the system
    font folders (else env GJZ_FONT_DIRS); ``cache_dir`` holds converted CFF fonts;
    ``convert=False`` never converts (falls back to STSong-Light instead).  Never raises for
    a missing or unusable font: the answer is then the CID fallback, with a note saying so.
    """
    dirs = [Path(d) for d in search_dirs] if search_dirs is not None else system_font_dirs()
    cache = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    index = index_fonts(dirs)
    choice = _main_font(index, config_path, cache, convert)
    if choice.path is None:
        return choice
    # the fonts for characters the main one lacks: the rare-character fonts, then the others
    fallbacks = [(index[f.lower()], hint) for f, _label, hint in FALLBACK if f.lower() in index]
    fallbacks += [
        (index[f.lower()], hint)
        for f, _label, hint in TRUETYPE_REGULAR
        if f.lower() in index and index[f.lower()] != choice.path
    ]
    return replace(choice, fallbacks=tuple(dict.fromkeys(fallbacks)))


def _main_font(index: dict[str, str], config_path, cache: Path, convert: bool) -> FontChoice:
    problem = ""

    configured = str(config_path) if config_path else os.environ.get("GJZ_FONT", "")
    if configured:
        path, sub = split_index(configured)
        choice = _from_file(path, sub, cache, convert, source="config")
        if choice is not None:
            return _find_bold(index, choice) if choice.source != "converted" else choice
        problem = f"设置中指定的字体「{path}」无法使用，"
        log.warning("configured font %s is missing or unusable; searching the system", path)

    for file_name, label, hint in TRUETYPE_REGULAR:
        path = index.get(file_name.lower())
        if not path:
            continue
        sub = _usable_truetype(path, hint)
        if sub is None:
            continue
        choice = FontChoice(
            name=label,
            path=path,
            subfont_index=sub,
            note=problem + f"PDF 使用字体「{label}」（{path}），已嵌入。",
            source="system",
        )
        return _find_bold(index, choice)

    cff_found = [
        (index[f.lower()], label, hint) for f, label, hint in CFF_REGULAR if f.lower() in index
    ]
    for path, _label, _hint in cff_found:
        log.info("skipping %s: CFF/OpenType outlines, reportlab needs TrueType", path)
    if convert:
        for path, label, hint in cff_found:
            sub = pick_subfont(path, hint)
            if outline_format(path, sub) != "cff":
                continue
            target = _converted(path, sub, cache)
            if target:
                return _converted_choice(label, path, target, problem)
    return _cid_choice(problem)


def _converted_choice(label: str, source: str, target: str, problem: str = "") -> FontChoice:
    return FontChoice(
        name=label,
        path=target,
        subfont_index=0,
        bold_path=target,
        bold_subfont_index=0,
        bold_name=label,
        note=problem
        + f"本机只有 OpenType（CFF）中文字体，已将「{label}」（{source}）转换为 TrueType "
        f"并缓存于 {target}，PDF 中嵌入该字体。",
        source="converted",
    )


def _from_file(
    path: str, sub: int | None, cache: Path, convert: bool, source: str
) -> FontChoice | None:
    if not os.path.isfile(path):
        return None
    index = sub if sub is not None else pick_subfont(path, "")
    kind = outline_format(path, index)
    label = Path(path).stem
    if kind == "truetype" and _load(path, index) is not None:
        return FontChoice(
            name=label,
            path=path,
            subfont_index=index,
            note=f"PDF 使用设置中指定的字体（{path}），已嵌入。",
            source=source,
        )
    if kind == "cff" and convert:
        target = _converted(path, index, cache)
        if target:
            return _converted_choice(label, path, target)
    return None


# --------------------------------------------------------------------------- registration


def register_fonts(
    config_path: str | os.PathLike | None = None,
    *,
    search_dirs: list[str | os.PathLike] | None = None,
    cache_dir: str | os.PathLike | None = None,
    convert: bool = True,
) -> RegisteredFonts:
    """Find (see :func:`find_font`) and register the fonts with reportlab; idempotent.

    Returns the reportlab names of the regular and bold faces and of the family.  Calling it
    again with the same arguments (and environment) returns the same answer at once.
    Falls back to STSong-Light — logged once as a warning — when no TrueType font exists.
    """
    global _cid_warned
    key = (
        str(config_path or ""),
        tuple(str(d) for d in search_dirs) if search_dirs is not None else None,
        str(cache_dir or ""),
        convert,
        os.environ.get("GJZ_FONT", ""),
        os.environ.get("GJZ_FONT_DIRS"),
        os.environ.get("GJZ_DATA_DIR", ""),
    )
    with _lock:
        if key in _registered:
            return _registered[key]
        choice = find_font(
            config_path, search_dirs=search_dirs, cache_dir=cache_dir, convert=convert
        )
        if choice.path is None:
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
            regular = bold = family = CID_FALLBACK
            if not _cid_warned:
                _cid_warned = True
                log.warning(
                    "no embeddable TrueType Chinese font found: PDFs use the CID font %s, "
                    "which is not embedded and depends on the reader's fonts",
                    CID_FALLBACK,
                )
        else:
            regular_font = _load(choice.path, choice.subfont_index)
            bold_font = _load(choice.bold_path or choice.path, choice.bold_subfont_index)
            if bold_font is None:
                bold_font = regular_font
            pdfmetrics.registerFont(regular_font)
            pdfmetrics.registerFont(bold_font)
            regular, bold = regular_font.fontName, bold_font.fontName
            glyphs.set_fallbacks({regular, bold}, choice.fallbacks, _load_fallback)
            family = regular
            log.info("PDF fonts: %s (%s), bold %s", choice.name, choice.path, choice.bold_path)
        # The family is named after the regular face, so <b> in a paragraph set in the
        # regular face finds the bold one.
        pdfmetrics.registerFontFamily(
            family, normal=regular, bold=bold, italic=regular, boldItalic=bold
        )
        result = RegisteredFonts(regular=regular, bold=bold, family=family, choice=choice)
        _registered[key] = result
        return result


def _load_fallback(candidate: tuple[str, str]) -> TTFont | None:
    """The reportlab font of a fallback (path, subfont hint), or None if it is unusable."""
    path, hint = candidate
    index = _usable_truetype(path, hint)
    return None if index is None else _load(path, index)


def reset_for_tests() -> None:
    """Forget what was registered, so discovery runs again (the warning may repeat)."""
    global _cid_warned
    with _lock:
        _registered.clear()
        _cid_warned = False


__all__ = [
    "CID_FALLBACK",
    "FontChoice",
    "RegisteredFonts",
    "default_cache_dir",
    "system_font_dirs",
    "find_font",
    "register_fonts",
]
