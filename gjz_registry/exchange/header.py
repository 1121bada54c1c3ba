"""Finding the header row of a sheet and what each column means (DESIGN §6).

Lists from other offices rarely start at A1: a merged title (甘井子区2023年高新技术企业名单)
and a date line sit above the header, headers are written full-width, broken over two lines,
marked ``*`` or named by a synonym, and a group label (高企信息) may be merged over two
sub-headers.  :func:`detect_header` looks at the first :data:`SEARCH_ROWS` rows, scores each
row (and each row combined with the one above, for two-row headers) against every sheet kind,
and keeps the best.
"""

import itertools
from dataclasses import dataclass, field

from gjz_registry.errors import FileFormatError
from gjz_registry.exchange import cells
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange.xlsx_writer import column_letter

SEARCH_ROWS = 20
UNKNOWN_UNIT = (
    "{source}第 {row} 行 {column} 列「{header}」的金额单位「{unit}」无法换算为万元：请把金额"
    "换算为 {units} 之一并在表头注明后再导入"
)
MIN_MATCHES = 2
_SHARED_CODES = {"seq", "name", "credit_code", "street"}
_PRIORITY = {code: index for index, code in enumerate(cols.KINDS)}


@dataclass(frozen=True)
class HeaderMatch:
    """The header found in a sheet.  Unpacks as the 5-tuple
    ``(row_index, kind, mapping, unknown, missing_required)``."""

    row_index: int  # 0-based index of the (last) header row; data starts below it
    kind: str  # the kind code, e.g. "enterprises"
    mapping: dict  # {column_index: column code}
    unknown: list  # [(column_index, header text)] not recognised for this kind
    missing_required: list  # canonical headers of required columns not present
    units: dict = field(default_factory=dict)  # {column_index: unit named in the header}
    duplicates: list = field(default_factory=list)  # [(column_index, header text)] repeated
    header_rows: int = 1  # 2 when the header spans two rows

    def __iter__(self):
        return iter((self.row_index, self.kind, self.mapping, self.unknown, self.missing_required))

    @property
    def first_data_row(self):
        """1-based sheet row number of the first row below the header."""
        return self.row_index + 2


@dataclass
class _Candidate:
    kind: cols.Kind
    row_index: int
    header_rows: int
    texts: list  # header text per column (lower row first, else upper)
    mapping: dict
    duplicates: list

    def score(self):
        codes = set(self.mapping.values())
        if len(codes) < MIN_MATCHES or not codes.intersection(self.kind.identity):
            return None
        distinctive = codes - _SHARED_CODES
        # More recognised columns first.  Among kinds that match equally many, the one whose
        # own columns (证书编号, 入库年度…) they cover best; when only shared columns (名称,
        # 代码, 街道) match, the enterprise list.  Then the earlier, one-row header.
        fit = (
            len(distinctive) / len(self.kind.columns) if distinctive else -_PRIORITY[self.kind.code]
        )
        return (len(codes), bool(distinctive), fit, -self.row_index, -self.header_rows)


def _text(value):
    if cells.is_blank(value):
        return None
    return cells.number_as_text(value) if isinstance(value, float) else str(value).strip()


def _candidate(kind, rows, index, two_rows):
    lower = rows[index]
    upper = rows[index - 1] if two_rows else []
    width = max(len(lower), len(upper))
    mapping, texts, duplicates, seen = {}, [], [], set()
    for col in range(width):
        low = _text(lower[col]) if col < len(lower) else None
        up = _text(upper[col]) if col < len(upper) else None
        column = kind.match(low)
        text = low
        if column is None and two_rows and low is None:
            column, text = kind.match(up), up
        texts.append(text)
        if column is None:
            continue
        if column.code in seen:
            duplicates.append((col, text))
        else:
            seen.add(column.code)
            mapping[col] = column.code
    return _Candidate(kind, index, 2 if two_rows else 1, texts, mapping, duplicates)


def detect_header(rows, kind=None, source=None):
    """Find the header among the first SEARCH_ROWS rows of ``rows`` (lists of cell values).

    ``kind`` (a kind code) forces the sheet kind; otherwise the kind whose columns match best
    wins.  A header needs at least two recognised columns, one of them the name or the credit
    code.  Returns a :class:`HeaderMatch`; raises FileFormatError when no row qualifies
    (``source``, e.g. the file name, prefixes the message).
    """
    head = [list(row) for row in itertools.islice(rows, SEARCH_ROWS)]
    kinds = [cols.get_kind(kind)] if kind else list(cols.KINDS.values())
    best, best_score = None, None
    for index in range(len(head)):
        for two_rows in (False, True) if index else (False,):
            for candidate_kind in kinds:
                candidate = _candidate(candidate_kind, head, index, two_rows)
                score = candidate.score()
                if score is not None and (best_score is None or score > best_score):
                    best, best_score = candidate, score
    if best is None:
        target = cols.get_kind(kind or "enterprises")
        names = "".join(f"「{c.header}」" for c in target.required[:2])
        prefix = f"「{source}」" if source else ""
        raise FileFormatError(
            f"{prefix}未找到表头：前 {SEARCH_ROWS} 行中没有{names}等列名", kind=target.code
        )
    return _result(best, source, head[: best.row_index - best.header_rows + 1])


def _result(candidate, source=None, title_rows=()):
    kind = candidate.kind
    mapping = candidate.mapping
    duplicate_columns = {col for col, _ in candidate.duplicates}
    unknown = [
        (col, text)
        for col, text in enumerate(candidate.texts)
        if text is not None and col not in mapping and col not in duplicate_columns
    ]
    present = set(mapping.values())
    missing = [c.header for c in kind.required if c.code not in present]
    units = _units(candidate, source, title_rows)
    return HeaderMatch(
        row_index=candidate.row_index,
        kind=kind.code,
        mapping=mapping,
        unknown=unknown,
        missing_required=missing,
        units=units,
        duplicates=candidate.duplicates,
        header_rows=candidate.header_rows,
    )


def _units(candidate, source, title_rows):
    """{column index: unit} of the money columns whose unit is not 万元: the one the header
    names, else the one a line above the header states for the sheet (单位：千元).  A unit
    that cannot be converted (美元) refuses the file (FileFormatError naming the cell)."""
    stated = None  # (row index, column index, cell text, unit) of the first statement
    for row, values in enumerate(title_rows):
        for col, cell in enumerate(values):
            if stated is None and cols.stated_unit(cell):
                stated = (row, col, cell, cols.stated_unit(cell))
    units = {}
    for col, code in candidate.mapping.items():
        if candidate.kind.column(code).type not in cols.MONEY_TYPES:
            continue
        text = candidate.texts[col]
        found = (candidate.row_index, col, text, cols.header_unit(text))
        if found[3] is None and stated is not None:
            found = stated
        row, where, text, unit = found
        if unit in (None, "万元"):
            continue
        if unit not in cols.MONEY_UNITS:
            raise FileFormatError(
                UNKNOWN_UNIT.format(
                    source=f"「{source}」" if source else "",
                    row=row + 1,
                    column=column_letter(where),
                    header=text,
                    unit=unit,
                    units="、".join(cols.MONEY_UNITS),
                ),
                kind=candidate.kind.code,
            )
        units[col] = unit
    return units


def _is_number(value):
    """A 序号: a number, or text of digits (「12」, 「１２」)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and value.strip().isdigit()


def read_table(rows, kind=None, source=None):
    """Split an iterator of rows into its header and data.

    Returns ``(match, records)``: the :class:`HeaderMatch` and an iterator of
    ``(row_number, raw_row)`` for the non-blank rows below the header, where ``row_number``
    is the 1-based row number in the sheet.  A row with nothing but a number in its 序号
    column (a form numbered in advance) is blank too.
    """
    rows = iter(rows)
    head = list(itertools.islice(rows, SEARCH_ROWS))
    match = detect_header(head, kind=kind, source=source)
    remaining = itertools.chain(head[match.row_index + 1 :], rows)
    numbered = enumerate(remaining, start=match.first_data_row)
    # a row whose last cell is filled is not blank: one call for a data row, not two
    blank, blank_row = cells.is_blank, cells.is_blank_row
    records = (
        (n, row) for n, row in numbered if row and (not blank(row[-1]) or not blank_row(row))
    )
    spec = cols.get_kind(match.kind)
    numbers = {i for i, code in match.mapping.items() if spec.column(code).type == cols.IGNORE}
    if not numbers:
        return match, records
    width = max(numbers) + 1  # a longer row has a filled cell beyond the 序号 (the last)

    def numbered_only(row):  # a note written under 序号 is no number: the trailer rule's
        return all(
            _is_number(v) if i in numbers else blank(v) for i, v in enumerate(row) if v is not None
        )

    return match, ((n, row) for n, row in records if len(row) > width or not numbered_only(row))
