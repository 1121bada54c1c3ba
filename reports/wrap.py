"""Fast line breaking of Chinese (and mixed) text for table cells.

A 10 000-row list cannot afford a reportlab Paragraph per cell, so list and statistics cells
are broken into lines here and handed to the Table as plain strings joined by newlines.
The rules are the usual ones for Chinese: a line may break between any two Han characters,
Latin words and numbers (credit codes, certificate numbers) stay whole unless they are longer
than the line, closing punctuation never starts a line and opening punctuation never ends one
(禁则).  Widths come from the font's own metrics — for a character it lacks, from the fallback
font that prints it (reports.glyphs) — so a line never overflows its cell.
"""

from __future__ import annotations

import re

from reports.glyphs import char_width

# Characters that may not start a line (closing punctuation) or end one (opening punctuation).
NO_LINE_START = set("，。、；：？！）》」』】〕〉”’．，,.;:?!)]}%·…—～")
NO_LINE_END = set("（《「『【〔〈“‘([{")

# Latin words, numbers and codes are kept together; everything else is one unit per character.
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_./:@#&+]*|\s+|.", re.S)

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


def wrap_text(
    text: str,
    font: str,
    size: float,
    width: float,
    max_lines: int | None = None,
    first_width: float | None = None,
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points in ``font`` at ``size``.

    Explicit newlines are kept.  ``first_width`` is the width of each paragraph's first
    line (for an indent).  With ``max_lines`` the last kept line ends in "…" when the
    text had to be cut (only for absurdly long values that would not fit on a page).
    """
    if text is None:
        return [""]
    text = str(text)
    cache = _widths(font, size)
    # Fast path: the usual short value fits on one line.
    if "\n" not in text and first_width is None:
        total = 0.0
        for ch in text:
            w = cache.get(ch)
            if w is None:
                w = cache[ch] = char_width(ch, font, size)
            total += w
        if total <= width:
            return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, size, width, first_width))
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last + "…", font, size) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _wrap_paragraph(
    text: str, font: str, size: float, width: float, first_width: float | None = None
) -> list[str]:
    if not text:
        return [""]
    units: list[str] = []
    for token in _TOKEN.findall(text):
        if len(token) > 1 and not token.isspace() and text_width(token, font, size) > width:
            units.extend(token)  # a code longer than the line: break it anywhere
        else:
            units.append(token)

    lines: list[str] = []
    line: list[str] = []
    line_w = 0.0
    limit = width if first_width is None else first_width
    for unit in units:
        w = text_width(unit, font, size)
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
