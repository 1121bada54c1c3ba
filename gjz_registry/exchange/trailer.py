"""Trailer rows: the 合计, 填报人, 注： lines below a list's data, skipped instead of rejected.

Lists from other offices end with a sum line, the names of whoever filled in and checked the
form, a phone number and notes.  They are not data; rejecting them as bad rows inflates the
problems a clerk has to look at.  The rule, in one place (the importer applies it, the CLI
and the wizard show its result):

- A **label cell** is a text cell whose text (NFKC; spaces inside the label allowed, as in
  「合  计」) starts with one of :data:`LABELS` and then ends, or goes on after a colon
  (「填报人：王芳  联系电话：0411-…」) or after white space (「合计 25 家」).  The labels of
  :data:`COLON_LABELS` (注, 备注, 说明, 日期…) count only with a colon: 「注册地址」 is not a
  note.  「合计科技有限公司」 is no label cell: the label is followed by 科.
- A **label row** has, reading its non-blank cells from left to right, at least one label
  cell, and every other cell is a number (a sum: int, float, Decimal, or text that is a
  number), a dash (「-」「—」「/」) or the one cell right after a label cell (its value:
  「填报人：」「王芳」).
- A **loose row** has exactly one non-blank cell, not a label cell and not in a column that
  identifies a record (the name or credit code column the header names): 「以上数据截至
  2023 年底」 under 序号.  A row with two or more non-blank cells, or with its one cell in
  the name or code column (a record that lacks its other cells), looks like data.
- The **trailer** is the longest run of rows at the end of the sheet (below the header,
  blank rows not counted) in which every row is a label row, or a loose row that is
  separated from the row just above the run (the last data row, or the header) by at least
  one empty sheet row.

Trailer rows are skipped: the import lists them (:class:`Trailer`, row number and text) and
neither converts nor rejects them.  Everything above the trailer is data, so a 小计 line
between two streets' rows stays a data row (and is rejected with its reason), and a loose
row directly under the data (no empty row between) is rejected too: it may be a data row
that lacks its cells.
"""

import dataclasses
import datetime
import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Labels that make a cell a label cell when followed by the end, a colon or white space.
LABELS = (
    "合计",
    "小计",
    "总计",
    "共计",
    "汇总",  # the total row of an Excel or WPS table
    "填报人",
    "填表人",
    "审核人",
    "复核人",
    "制表人",
    "负责人",
    "单位负责人",
    "经办人",
    "统计人",
    "联系人",
    "联系电话",
)
# Labels that count only when a colon follows (they start ordinary words: 注册, 日期…).
COLON_LABELS = ("注", "备注", "说明", "制表", "审核", "填报单位", "填报日期", "制表日期", "日期")
DASHES = frozenset("-—–－/／")
SHOWN_LABELS = 5  # describe(): labels named before 「…」
LOOSE_LABEL_LENGTH = 8  # describe(): characters of a loose row's text shown


def _pattern(labels, tail):
    spaced = ("\\s*".join(re.escape(char) for char in label) for label in labels)
    longest_first = sorted(spaced, key=len, reverse=True)
    return re.compile(f"^({'|'.join(longest_first)})" + tail)


_LABEL = _pattern(LABELS, r"(?:\s*[:：]|\s|$)")
_COLON_LABEL = _pattern(COLON_LABELS, r"\s*[:：]")


@dataclasses.dataclass(frozen=True)
class Trailer:
    """A skipped row below the data: its sheet row number, its cells as one text, and the
    short name :func:`describe` uses (the label, or the start of a loose row's text)."""

    row_number: int
    text: str
    label: str


def label_of(value):
    """The label (「合计」, 「填报人」…) when ``value`` is a label cell, else None."""
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    match = _LABEL.match(text) or _COLON_LABEL.match(text)
    return re.sub(r"\s", "", match.group(1)) if match else None


def _is_number(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, Decimal)):
        return True
    if isinstance(value, str):
        try:
            number = Decimal(unicodedata.normalize("NFKC", value).strip().replace(",", ""))
        except InvalidOperation:
            return False
        return number.is_finite()
    return False


def _is_dash(value):
    return isinstance(value, str) and bool(value.strip()) and set(value.strip()) <= DASHES


def _filled(row):
    return [v for v in row if v is not None and not (isinstance(v, str) and not v.strip())]


def row_label(row):
    """The first label of ``row`` when it is a label row (see the module rule), else None."""
    first = None
    value_allowed = False  # the cell right after a label cell may hold its value
    for value in _filled(row):
        label = label_of(value)
        if label is not None:
            first = first or label
            value_allowed = True
        elif _is_number(value) or _is_dash(value):
            value_allowed = False
        elif value_allowed:
            value_allowed = False
        else:
            return None
    return first


def _text(value):
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return " ".join(str(value).split())


def _trailer(number, row, label):
    text = "  ".join(_text(v) for v in _filled(row))
    if label is None:
        label = text if len(text) <= LOOSE_LABEL_LENGTH else text[:LOOSE_LABEL_LENGTH] + "…"
    return Trailer(number, text, label)


def _loose(row, identity_columns):
    filled = [i for i, v in enumerate(row) if _filled([v])]
    return len(filled) == 1 and filled[0] not in identity_columns


def split(records, header_row, identity_columns=()):
    """Split the data rows of a sheet into ``(data, trailers)``.

    ``records`` are ``(sheet row number, raw row)`` pairs in sheet order (the non-blank rows
    below the header), ``header_row`` the 1-based sheet row of the (last) header row,
    ``identity_columns`` the indexes of the columns that identify a record (name, code).
    Returns the records above the trailer (a list) and the trailer as :class:`Trailer`
    objects, in sheet order."""
    records = list(records)
    start = len(records)  # the trailer is records[start:]
    labels = {}
    first_loose = None  # the uppermost loose row of the run found so far
    for index in range(len(records) - 1, -1, -1):
        number, row = records[index]
        label = row_label(row)
        if label is None and not _loose(row, identity_columns):
            break  # looks like data: the run of candidates ends here
        labels[index] = label
        if label is None:
            first_loose = index
        # records[index:] is the trailer when its loose rows (if any) are apart from the row
        # above it; the row numbers only grow, so checking the uppermost loose row suffices
        above = records[index - 1][0] if index else header_row
        if first_loose is None or records[first_loose][0] - above > first_loose - index + 1:
            start = index
    trailers = [_trailer(*records[i], labels[i]) for i in range(start, len(records))]
    return records[:start], trailers


def describe(trailers, shown=SHOWN_LABELS):
    """「第 9、10、12 行：合计、填报人、以上数据截至…」: the trailer's row numbers and the labels
    of the first ``shown`` rows (「…」 after them when there are more)."""
    numbers = "、".join(str(t.row_number) for t in trailers)
    labels = "、".join(t.label for t in trailers[:shown])
    if len(trailers) > shown:
        labels += "…"
    return f"第 {numbers} 行：{labels}"
