"""Printing helpers for the command line: aligned tables with Chinese (double-width) text,
and :func:`visible`, through which every line the command line prints passes
(:func:`visible_output`): no control character reaches the terminal, not even from data
stored before names were cleaned on saving.

Nor does printing ever fail on encoding.  ``gjz import … > log.txt`` on a Chinese Windows
console writes in the console's code page, GBK (cp936), which has no 𬌗 (U+2C317), 䶮 (U+4DAE)
or › (U+203A); Python's default for stdout is to raise, which ended the command in 「内部错误」.
Within :func:`visible_output` both streams replace what their encoding cannot hold with "?".
The encoding stays the console's (or the redirect's): switching a cp936 console to UTF-8 or
GB18030 would turn the same characters into mojibake in cmd.exe and in Notepad's ANSI reading
of the file, and "?" is the mark Windows itself prints for a character a code page lacks.  An
escape (``\U0002c317``) was the other choice: it names the character, but ten ASCII
characters inside a Chinese name read as damage to a clerk and push the table columns apart;
the full text is always in the database, the exports and the PDFs.
"""

import contextlib
import datetime
import re
import sys
import unicodedata
from decimal import Decimal

from gjz_registry.validators import INVISIBLE

# What is printed as an escape: the characters no stored text keeps, and carriage return
# (tab and line feed are the printer's own).
_UNPRINTABLE = re.compile(f"[{INVISIBLE}\r]")


def visible(text):
    """``text`` safe for a terminal: each control or invisible character as its escape, as
    ``\\x1b`` or ``\\u202e`` (an ANSI colour code prints as ``\\x1b[31m``, and colours
    nothing)."""
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match):
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class VisibleStream:
    """A text stream (stdout, stderr) that writes everything through :func:`visible`."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        return self.stream.write(visible(text))

    def __getattr__(self, name):
        return getattr(self.stream, name)


@contextlib.contextmanager
def visible_output():
    """Within the block sys.stdout and sys.stderr print only visible characters, and a
    character their encoding cannot hold prints as "?" instead of raising."""
    saved = sys.stdout, sys.stderr
    policies = [(s, _replacing(s)) for s in saved]
    wrapped = tuple(VisibleStream(s) if s is not None else None for s in saved)
    sys.stdout, sys.stderr = wrapped
    try:
        yield
    finally:
        for stream, errors in policies:
            if errors is not None:
                with contextlib.suppress(ValueError, OSError):  # closed meanwhile
                    stream.reconfigure(errors=errors)
        # put back what is still ours (a broken pipe sets stdout to None on purpose)
        if sys.stdout is wrapped[0]:
            sys.stdout = saved[0]
        if sys.stderr is wrapped[1]:
            sys.stderr = saved[1]


def _replacing(stream):
    """Set ``stream`` to replace what its encoding cannot hold; return its former error
    policy, or None when it had nothing to change (already "replace", no stream, or not a
    text file that can be reconfigured)."""
    errors = getattr(stream, "errors", None)
    if errors in (None, "replace") or not hasattr(stream, "reconfigure"):
        return None
    try:
        stream.reconfigure(errors="replace")
    except (ValueError, OSError):
        return None
    return errors


def width(text):
    """Display width: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cell(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, bool):
        return "是" if value else "否"
    return visible(str(value))  # here already, so the column widths count the escapes


def table(headers, rows, out=None, max_width=40):
    """Print ``rows`` under ``headers`` with columns padded to their display width."""
    out = out or sys.stdout
    text_rows = [[_clip(cell(v), max_width) for v in row] for row in rows]
    widths = [width(h) for h in headers]
    for row in text_rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], width(value))

    def line(values):
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    print(line(list(headers)), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in text_rows:
        print(line(row), file=out)


def _clip(text, limit):
    if width(text) <= limit:
        return text
    out = ""
    for c in text:
        if width(out + c) > limit - 1:
            return out + "…"
        out += c
    return out
