"""Where Chinese font files live and which of them to try, in order.

The candidate tables name the files by platform (Windows, Linux, macOS) with the name shown
to users and a hint that picks the Simplified Chinese face of a .ttc collection; the helpers
find the system's font folders, index the files in them by name and read subfont names.
``reports.fonts`` decides among them.
"""

from __future__ import annotations

import os
import re
import struct
import sys
from pathlib import Path

from gjz_registry import paths

# (file name, name shown to users, subfont hint for .ttc files)
TRUETYPE_REGULAR = (
    # Windows
    ("simsun.ttc", "宋体", "SimSun"),
    ("simhei.ttf", "黑体", ""),
    ("simkai.ttf", "楷体", ""),
    ("msyh.ttc", "微软雅黑", "Microsoft YaHei"),
    ("msyh.ttf", "微软雅黑", ""),
    ("simfang.ttf", "仿宋", ""),
    ("deng.ttf", "等线", ""),
    # Linux
    ("wqy-zenhei.ttc", "文泉驿正黑", "WenQuanYi Zen Hei"),
    ("wqy-microhei.ttc", "文泉驿微米黑", "WenQuanYi Micro Hei"),
    ("uming.ttc", "AR PL UMing", "UMing CN"),
    ("ukai.ttc", "AR PL UKai", "UKai CN"),
    ("DroidSansFallbackFull.ttf", "Droid Sans Fallback", ""),
    ("DroidSansFallback.ttf", "Droid Sans Fallback", ""),
    # macOS (those with TrueType outlines; the check below skips any that are CFF)
    ("Songti.ttc", "宋体-简", "Songti SC"),
    ("STHeiti Light.ttc", "黑体-简", "Heiti SC"),
    ("STHeiti Medium.ttc", "黑体-简", "Heiti SC"),
    ("华文宋体.ttf", "华文宋体", ""),
    ("STSong.ttf", "华文宋体", ""),
    ("Arial Unicode.ttf", "Arial Unicode MS", ""),
)

# 黑体 faces used for bold, best first.
TRUETYPE_BOLD = (
    ("simhei.ttf", "黑体", ""),
    ("msyhbd.ttc", "微软雅黑", "Microsoft YaHei"),
    ("msyhbd.ttf", "微软雅黑", ""),
    ("wqy-zenhei.ttc", "文泉驿正黑", "WenQuanYi Zen Hei"),
    ("wqy-microhei.ttc", "文泉驿微米黑", "WenQuanYi Micro Hei"),
    ("STHeiti Medium.ttc", "黑体-简", "Heiti SC"),
    ("STHeiti Light.ttc", "黑体-简", "Heiti SC"),
    ("DroidSansFallbackFull.ttf", "Droid Sans Fallback", ""),
)

# Fonts for the rare characters (CJK Extension B and later: 𬌗, 𠀀 …) that the main font lacks,
# tried first for such a character (reports.glyphs), before the other regular fonts above.
FALLBACK = (
    ("simsunb.ttf", "宋体-ExtB SimSun-ExtB", ""),  # Windows: Extension B
    ("SimsunExtG.ttf", "宋体-ExtG SimSun-ExtG", ""),  # Windows 11: Extensions C to G
    ("mingliub.ttc", "細明體-ExtB MingLiU-ExtB", "MingLiU-ExtB"),
    ("HanaMinA.ttf", "花园明朝 A Hanazono Mincho A", ""),  # Debian: fonts-hanazono
    ("HanaMinB.ttf", "花园明朝 B Hanazono Mincho B", ""),
    ("BabelStoneHan.ttf", "BabelStone Han", ""),
)

# OpenType/CFF fonts worth converting, best first.
CFF_REGULAR = (
    ("NotoSansCJK-Regular.ttc", "思源黑体 Noto Sans CJK SC", "Noto Sans CJK SC"),
    ("NotoSansCJKsc-Regular.otf", "思源黑体 Noto Sans CJK SC", ""),
    ("NotoSansSC-Regular.otf", "思源黑体 Noto Sans SC", ""),
    ("SourceHanSansSC-Regular.otf", "思源黑体 Source Han Sans SC", ""),
    ("SourceHanSansCN-Regular.otf", "思源黑体 Source Han Sans CN", ""),
    ("SourceHanSans-Regular.ttc", "思源黑体 Source Han Sans SC", "Source Han Sans SC"),
    ("NotoSerifCJK-Regular.ttc", "思源宋体 Noto Serif CJK SC", "Noto Serif CJK SC"),
    ("NotoSerifCJKsc-Regular.otf", "思源宋体 Noto Serif CJK SC", ""),
    ("SourceHanSerifSC-Regular.otf", "思源宋体 Source Han Serif SC", ""),
    ("PingFang.ttc", "苹方 PingFang SC", "PingFang SC"),
    ("Hiragino Sans GB.ttc", "冬青黑体 Hiragino Sans GB", "Hiragino Sans GB"),
)


# --------------------------------------------------------------------------- folders


def default_cache_dir() -> Path:
    """Where converted fonts are kept: ``fonts`` in the program's data folder."""
    return Path(paths.data_dir()) / "fonts"


def system_font_dirs() -> list[Path]:
    """The folders searched for fonts: $GJZ_FONT_DIRS if set, else this system's font folders."""
    override = os.environ.get("GJZ_FONT_DIRS")
    if override is not None:
        return [Path(p) for p in override.split(os.pathsep) if p]
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs = [Path(windir) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [
            Path("/System/Library/Fonts"),
            Path("/Library/Fonts"),
            home / "Library" / "Fonts",
            Path("/System/Library/AssetsV2"),
        ]
    return [
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    ]


def index_fonts(dirs: list[Path]) -> dict[str, str]:
    """Map lower-case file name → full path for every font file under ``dirs`` (first wins)."""
    found: dict[str, str] = {}
    for top in dirs:
        if not top.is_dir():
            continue
        for folder, _subdirs, files in os.walk(top):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc", ".otf", ".otc")):
                    found.setdefault(name.lower(), os.path.join(folder, name))
    return found


# --------------------------------------------------------------------------- font files


def subfont_count(path: str) -> int:
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return 0
    if head[:4] == b"ttcf" and len(head) == 12:
        return struct.unpack(">I", head[8:12])[0]
    return 1


def subfont_names(path: str) -> list[str]:
    """Each subfont's full name (name id 4, else the family, id 1); "" for one unreadable."""
    names = []
    for index in range(subfont_count(path)):
        try:
            with open(path, "rb") as fh:
                names.append(_name(fh, _tables(fh, index), 4) or _name(fh, _tables(fh, index), 1))
        except (OSError, ValueError, struct.error):  # a broken subfont is just skipped
            names.append("")
    return names


def outline_format(path: str | os.PathLike, index: int = 0) -> str | None:
    """'truetype', 'cff' or None (unreadable / no outlines) for subfont ``index`` of ``path``.

    Read from the font's table directory (fontTools, a third of a print's start-up time, is
    loaded only to convert a font)."""
    try:
        with open(path, "rb") as fh:
            tables = _tables(fh, index)
    except (OSError, ValueError, struct.error):  # any unreadable file is simply "not a font"
        return None
    if b"glyf" in tables:
        return "truetype"
    if b"CFF " in tables or b"CFF2" in tables:
        return "cff"
    return None


_SFNT_VERSIONS = (b"\x00\x01\x00\x00", b"OTTO", b"true")


def _tables(fh, index: int) -> dict[bytes, tuple[int, int]]:
    """{tag: (offset, length)} of subfont ``index``'s table directory; ValueError if none."""
    fh.seek(0)
    head = fh.read(12)
    offset = 0
    if head[:4] == b"ttcf":
        (count,) = struct.unpack(">I", head[8:12])
        if not 0 <= index < count:
            raise ValueError("no such subfont")
        fh.seek(12 + 4 * index)
        (offset,) = struct.unpack(">I", fh.read(4))
        fh.seek(offset)
        head = fh.read(12)
    elif index:
        raise ValueError("no such subfont")
    if head[:4] not in _SFNT_VERSIONS:
        raise ValueError("not a font")
    (count,) = struct.unpack(">H", head[4:6])
    entries = fh.read(16 * count)
    tables = {}
    for i in range(count):
        tag, _checksum, start, length = struct.unpack(">4sIII", entries[16 * i : 16 * i + 16])
        tables[tag] = (start, length)
    return tables


def _name(fh, tables, name_id: int) -> str:
    """Name ``name_id`` of the 'name' table, the English one when there is one (as fontTools'
    ``getDebugName``), "" when missing."""
    if b"name" not in tables:
        return ""
    start, length = tables[b"name"]
    fh.seek(start)
    data = fh.read(length)
    _format, count, strings = struct.unpack(">HHH", data[:6])
    found = ""
    for i in range(count):
        platform, encoding, language, nid, size, offset = struct.unpack(
            ">HHHHHH", data[6 + 12 * i : 18 + 12 * i]
        )
        if nid != name_id:
            continue
        raw = data[strings + offset : strings + offset + size]
        codec = "utf-16-be" if platform in (0, 3) else "mac_roman" if encoding == 0 else None
        if codec is None:
            continue
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        found = found or text
        if (platform, language) in ((1, 0), (3, 0x409)):
            return text
    return found


def pick_subfont(path: str, hint: str, bold: bool = False) -> int:
    """The subfont of a .ttc whose name fits ``hint`` best (Simplified Chinese, not mono)."""
    if subfont_count(path) <= 1:
        return 0
    names = subfont_names(path)

    def score(item):
        index, name = item
        low = name.lower()
        value = 0
        if hint and hint.lower() in low:
            value += 8
        if re.search(r"\b(sc|gb|cn)\b", low) or "简" in name:
            value += 4
        if "mono" in low or "sharp" in low:
            value -= 4
        if ("bold" in low or "medium" in low) != bold:
            value -= 1
        return (value, -index)

    return max(enumerate(names), key=score)[0]


def split_index(spec: str) -> tuple[str, int | None]:
    """'C:/x/simsun.ttc#1' → ('C:/x/simsun.ttc', 1); no '#N' → (path, None)."""
    match = re.fullmatch(r"(.*)#(\d+)", spec.strip())
    if match:
        return match.group(1), int(match.group(2))
    return spec.strip(), None
