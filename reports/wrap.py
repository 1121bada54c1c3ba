"""Fast line breaking of Chinese (and mixed) text for table cells and certificates.

A 10 000-row list cannot afford a reportlab Paragraph per cell, so list and statistics cells
are broken into lines here and handed to the Table as plain strings joined by newlines.
The rules are the usual ones for Chinese: a line may break between any two Han characters,
Latin words and numbers (credit codes, certificate numbers) stay whole unless they are longer
than the line, closing punctuation never starts a line and opening punctuation never ends one
(禁则).  Widths come from the font's own metrics — for a character it lacks, from the fallback
font that prints it (reports.glyphs) — so a line never overflows its cell.

Some runs are kept on one line when they fit it (:func:`kept_spans`): a 「…」 quotation and
the proper names the caller gives (``keep``: an enterprise's or a carrier's name) —
「大连弘东众创空间」 never becomes 「大连弘/东众创空间」.  A run longer than the line, and a
《…》 title of any length (a document's title is long: kept whole it would leave a gap at
the end of the line before it), break only at sensible points (:func:`name_parts`: after
公司, 中心, 空间, 区… or a closing bracket, before an opening one); a part still too long for
the line breaks anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reports.glyphs import char_width

# Characters that may not start a line (closing punctuation) or end one (opening punctuation).
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’．，,.;:?!)]}%·…—～")
NO_LINE_END = set("（《「『【〔〈“‘([{")

# Latin words, numbers and codes are kept together; everything else is one unit per character.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_./:@#&+]*|\s+|.", re.S)

# Quotations, kept on one line when they fit; titles, broken only at sensible points.
_QUOTED = re.compile(r"「[^「」\n]*」")
_TITLE = re.compile(r"《[^《》\n]*》")
# Where a name too long for one line may break: after these words or a closing bracket,
# before an opening bracket (the longest word wins where several end alike).
NAME_BREAK_AFTER = (
    "有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "中心", "空间", "孵化器",
    "加速器", "基地", "研究院", "研究所", "大学", "学院", "产业园", "科技园", "园区", "管委会",
    "办事处", "街道", "区", "市", "省", "县",
)  # fmt: skip
_BREAK_AFTER = re.compile(
    "|".join(map(re.escape, sorted(NAME_BREAK_AFTER, key=len, reverse=True))) + r"|[）)】]"
)
_BREAK_BEFORE = re.compile(r"[（(【]")

_width_cache: dict[tuple[str, float], dict[str, float]] = {}


def _widths(font: str, size: float) -> dict[str, float]:
    return _width_cache.setdefault((font, size), {})


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` in points (cached per character, for speed)."""
    cache = _widths(font, size)
    total = 0.0
    for ch in text:
        w = cache.get(ch)
        if w is None:
            w = cache[ch] = char_width(ch, font, size)
        total += w
    return total


def kept_spans(text: str, keep: Iterable[str] = ()) -> list[tuple[int, int]]:
    """[(start, end)] of the runs of ``text`` kept on one line when they fit: every 「…」
    and every occurrence of each of ``keep``; overlapping runs merged, in order."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    for name in keep:
        if not name:
            continue
        start = text.find(name)
        while start != -1:
            spans.append((start, start + len(name)))
            start = text.find(name, start + len(name))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def name_parts(name: str) -> list[str]:
    """``name`` cut at its sensible break points: 「大连弘东众创空间」「科技有限公司」."""
    cuts = {m.end() for m in _BREAK_AFTER.finditer(name)}
    cuts |= {m.start() for m in _BREAK_BEFORE.finditer(name)}
    parts, start = [], 0
    for cut in sorted(c for c in cuts if 0 < c < len(name)):
        parts.append(name[start:cut])
        start = cut
    parts.append(name[start:])
    return parts


def wrap_text(
    text: str,
    font: str,
    size: float,
    width: float,
    max_lines: int | None = None,
    first_width: float | None = None,
    keep: Iterable[str] = (),
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points in ``font`` at ``size``.

    Explicit newlines are kept.  ``first_width`` is the width of each paragraph's first
    line (for an indent).  With ``max_lines`` the last kept line ends in "…" when the
    text had to be cut (only for absurdly long values that would not fit on a page).
    ``keep``: names never broken across lines when they fit one (see :func:`kept_spans`).
    """
    if text is None:
        return [""]
    text = str(text)
    # Fast path: the usual short value fits on one line.
    if "\n" not in text and first_width is None and text_width(text, font, size) <= width:
        return [text]
    keep = tuple(keep)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, size, width, first_width, keep))
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _tokens(text: str, font: str, size: float, width: float) -> list[str]:
    """The units of plain text: Latin words and codes whole (unless longer than the line),
    every other character alone."""
    units: list[str] = []
    for token in _TOKEN.findall(text):
        if len(token) > 1 and not token.isspace() and text_width(token, font, size) > width:
            units.extend(token)  # a code longer than the line: break it anywhere
        else:
            units.append(token)
    return units


class _Run(str):
    """A piece of a name, title or quotation: never cut (a closing mark after it hangs past
    the line's end rather than take its last character down)."""


def _pieces(run: str, font: str, size: float, width: float) -> list[str]:
    """``run`` cut at its sensible points; a part too long for the line in plain units."""
    pieces: list[str] = []
    for part in name_parts(run):
        if text_width(part, font, size) <= width:
            pieces.append(_Run(part))
        else:
            pieces.extend(_tokens(part, font, size, width))
    return pieces


def _units(text: str, font: str, size: float, width: float, keep: Iterable[str]) -> list[str]:
    """The pieces a line may break between: kept runs whole when they fit the line, else cut
    at their sensible points (a part too long for the line in plain units)."""
    kept = kept_spans(text, keep)
    titles = [
        (*m.span(), False)
        for m in _TITLE.finditer(text)
        if not any(a < m.end() and m.start() < b for a, b in kept)  # a name in it wins
    ]
    units: list[str] = []
    done = 0
    for start, end, whole in sorted([(a, b, True) for a, b in kept] + titles):
        units.extend(_tokens(text[done:start], font, size, width))
        run = text[start:end]
        if whole and text_width(run, font, size) <= width:
            units.append(_Run(run))
        else:
            units.extend(_pieces(run, font, size, width))
        done = end
    units.extend(_tokens(text[done:], font, size, width))
    return units


def _wrap_paragraph(
    text: str,
    font: str,
    size: float,
    width: float,
    first_width: float | None = None,
    keep: Iterable[str] = (),
) -> list[str]:
    if not text:
        return [""]
    units = _units(text, font, size, width, keep)

    lines: list[str] = []
    line: list[str] = []
    line_w = 0.0
    limit = width if first_width is None else first_width
    units.reverse()  # taken from the end; a run too wide for an indented line goes back cut
    while units:
        unit = units.pop()
        w = text_width(unit, font, size)
        if not line and w > limit and isinstance(unit, _Run):  # the indented first line
            split = len(name_parts(unit)) > 1
            units.extend(reversed(_pieces(unit, font, size, width) if split else list(unit)))
            continue
        if line_w + w <= limit or not line:
            if not line and unit.isspace():
                continue  # no leading blanks on a continued line
            line.append(unit)
            line_w += w
            continue
        limit = width
        if unit.isspace():
            lines.append("".join(line).rstrip())
            line, line_w = [], 0.0
            continue
        carry: list[str] = []
        # 禁则: a closing mark takes the previous character down with it; an opening
        # mark at the end of the line moves down too.
        if unit[0] in NO_LINE_START:
            # Bring characters down until the new line starts with one that may start it.
            while len(line) > 1:
                carry.insert(0, line.pop())
                if carry[0][0] not in NO_LINE_START:
                    break
            else:
                if isinstance(line[0], _Run):  # a name filling the line: the mark hangs
                    line.append(unit)
                    lines.append("".join(line).rstrip())
                    line, line_w = [], 0.0
                    continue
                if len(line[0]) > 1:  # a code filling the line: its last character comes down
                    carry.insert(0, line[0][-1])
                    line[0] = line[0][:-1]
        while len(line) > 1 and line[-1][-1] in NO_LINE_END:
            carry.insert(0, line.pop())
        lines.append("".join(line).rstrip())
        line = carry + [unit]
        line_w = sum(text_width(u, font, size) for u in line)
        if line_w > limit and len(line) > 1:
            # The carried characters and the unit do not fit together: give up on 禁则.
            lines.append("".join(line[:-1]).rstrip())
            line, line_w = [unit], w
    if line or not lines:
        lines.append("".join(line).rstrip())
    return lines
