"""Line breaking for Chinese text shown in Tk: where a line may break, and text cut to fit.

Tk breaks a wrapped line at a space when the line has one (a Label's ``wraplength``, a Text's
``wrap="word"``) and anywhere otherwise.  Chinese has no spaces between words, but our messages
put spaces around numbers (「第 15 行」, 「应为 18 位」), so Tk breaks right inside such a token:
「第 15」 at the end of one line, 「行」 at the start of the next.  :func:`wrap_lines` breaks
between two Chinese characters and at spaces, but never inside a number with its 第 and its
unit (「第 15 行」, 「18 位」, 「2,000 万元」), a Latin word, code or date (「91210211MA…」,
「2026-11-30」), before closing punctuation (，。）」…) or after opening punctuation (（「…);
and a bracketed or quoted part (「统一社会信用代码」, （2020年下半年，本街道贡献）) that fits on
one line moves to the next line whole rather than break inside.

The functions measure with a ``measure(text) -> pixels`` callable, so the rules are tested
without a display; :func:`measurer` makes a fast one for a Tk font, and :func:`show_in_text`
fills a Text widget with the lines and wraps again when the widget is resized.
"""

import re

ELLIPSIS = "…"
# what a number (or a Latin word or code) carries along: 第 before it, a unit after it
UNITS = "万元|亿元|个月|平方米|[行列位天条页家年月日人次份项个元号周章节款期岁%]"
_TOKEN = re.compile(
    rf"(?:第[ \u00a0]?)?[0-9A-Za-z][0-9A-Za-z.,:/_+\-]*(?:[ \u00a0]?(?:{UNITS}))?"  # 第 15 行
    r"|\s+"  # a break opportunity
    r"|.",  # any other character: a Chinese character or punctuation
    re.S,
)
# never at the start of a line (they close what precedes them) …
CLOSING = set("，。、；：！？）」』》〉】〕”’…·,.;:!?)]}%")
# … and never at the end of one (they open what follows them)
OPENING = set("（「『《〈【〔“‘([{")
# a bracketed or quoted part stays on one line when it can
PAIRS = {"（": "）", "「": "」", "『": "』", "《": "》", "【": "】", "“": "”", "(": ")"}


def segments(text, group=True):
    """``text`` (one line, no line breaks) cut into the pieces a line may break between; a
    piece of whitespace is a break that vanishes at the end or start of a line.  With
    ``group`` a bracketed or quoted part is one piece (:func:`wrap_lines` breaks inside it only
    when it is wider than a line)."""
    pieces = []
    glue = False  # the last piece opens (「, （): the next one sticks to it
    for token in _TOKEN.findall(text):
        if token.isspace():
            pieces.append(token)
            glue = False
            continue
        previous = pieces[-1] if pieces else None
        if previous is not None and not previous.isspace() and (glue or token[0] in CLOSING):
            pieces[-1] = previous + token
        else:
            pieces.append(token)
        glue = token[-1] in OPENING
    return _grouped(pieces) if group else pieces


def _grouped(pieces):
    """``pieces`` with each bracketed part, from its opening to its closing piece, joined."""
    result, start = [], 0
    while start < len(pieces):
        end = _closing(pieces, start)
        result.append("".join(pieces[start : end + 1]))
        start = end + 1
    return result


def _closing(pieces, start):
    """The index of the piece that closes the bracket opening ``pieces[start]`` (``start``
    itself when it opens none, or none that closes)."""
    opener = pieces[start][0]
    closer = PAIRS.get(opener)
    if closer is None:
        return start
    depth = 0
    for index in range(start, len(pieces)):
        for char in pieces[index]:
            depth += (char == opener) - (char == closer)
            if depth == 0:
                return index
    return start


def _split_long(piece, measure, width):
    """A piece wider than a whole line, cut by characters (nothing better is left)."""
    lines, line = [], ""
    for char in piece:
        if line and measure(line + char) > width:
            lines.append(line)
            line = char
        else:
            line += char
    return lines + [line] if line else lines


def wrap_lines(text, measure, width):
    """``text`` as lines no wider than ``width`` pixels (``measure(text)``), broken only where
    :func:`segments` allows; its own line breaks are kept.  A piece wider than a line is the
    only thing ever cut elsewhere."""
    lines = []
    for paragraph in str(text).split("\n"):
        line = ""
        pending = segments(paragraph)[::-1]
        while pending:
            piece = pending.pop()
            if piece.isspace():
                line += piece if line else ""  # no space at the start of a line
                continue
            if measure(piece) > width and len(inner := segments(piece, group=False)) > 1:
                pending.extend(inner[::-1])  # a bracketed part wider than a line: break inside
                continue
            if line and measure(line + piece) > width:
                lines.append(line.rstrip())
                line = ""
            line += piece
            if line == piece and measure(piece) > width:  # one piece wider than a line
                *full, line = _split_long(piece, measure, width)
                lines.extend(full)
        lines.append(line.rstrip())
    return lines


def shorten(measure, text, width):
    """``text`` cut with … to fit ``width`` pixels."""
    if measure(text) <= width:
        return text
    while text and measure(text + ELLIPSIS) > width:
        text = text[:-1]
    return text + ELLIPSIS if text else ""


def fit_lines(text, measure, width, most):
    """At most ``most`` lines of :func:`wrap_lines`; when the text needs more, the last one
    shown ends with ….  Returns (lines, whether text was left out)."""
    lines = wrap_lines(text, measure, width)
    if len(lines) <= most:
        return lines, False
    last = shorten(measure, lines[most - 1] + ELLIPSIS, width)
    return lines[: most - 1] + [last], True


# --- measuring --------------------------------------------------------------------------------
_WIDTHS = {}  # (the font's actual attributes, tk scaling) → {character: pixels}


def measurer(widget, font="TkDefaultFont"):
    """``measure(text) -> pixels`` in ``font`` (a name or description) on ``widget``'s screen:
    the sum of the widths of its characters, each asked of Tk once per font.  Tk's own
    ``font measure`` costs about a millisecond a call under X11, and a list measures hundreds
    of cells each time it is filled; Chinese glyphs have fixed advances, and Tk does not
    kern, so the sum is the width Tk draws."""
    key = (widget.tk.call("font", "actual", font), widget.tk.call("tk", "scaling"))
    widths = _WIDTHS.setdefault(str(key), {})
    call = widget.tk.call

    def measure(text):
        total = 0
        for char in str(text):
            width = widths.get(char)
            if width is None:
                width = widths[char] = int(call("font", "measure", font, char))
            total += width
        return total

    return measure


# --- a Text widget ----------------------------------------------------------------------------
def _text_width(widget):
    """The pixels a line of the Text ``widget`` has (its width less borders and padding)."""
    width = widget.winfo_width()
    if width <= 1:  # not drawn yet: what it asks for
        width = widget.winfo_reqwidth()
    frame = sum(int(widget.cget(k)) for k in ("borderwidth", "highlightthickness", "padx"))
    return width - 2 * frame - int(widget.cget("insertwidth")) - 2


def show_in_text(widget, text):
    """Put ``text`` in the Text ``widget`` (read-only ones too) broken into lines by
    :func:`wrap_lines` at the widget's width, and again whenever the widget is resized.
    :func:`text_of` gives back ``text`` as it was, without the breaks added here."""
    widget.wrapped_text = text
    if not getattr(widget, "wraps_itself", False):
        widget.wraps_itself = True
        widget.bind("<Configure>", lambda e: _rewrap(widget), add="+")
    _rewrap(widget)


def _rewrap(widget):
    measure = measurer(widget, widget.cget("font"))
    lines = wrap_lines(widget.wrapped_text, measure, max(40, _text_width(widget)))
    state = str(widget.cget("state"))
    widget.configure(state="normal")
    widget.delete("1.0", "end")
    widget.insert("1.0", "\n".join(lines))
    widget.configure(state=state)


def text_of(widget):
    """The text last given to :func:`show_in_text` (the widget's own text otherwise)."""
    text = getattr(widget, "wrapped_text", None)
    return widget.get("1.0", "end").strip() if text is None else text
