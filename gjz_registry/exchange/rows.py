"""Data rows of an import, converted and checked cell by cell before anything is written.

:class:`RowConverter` turns each raw row into an :class:`ImportRow`: every mapped cell goes
through ``cells.convert_cell`` (the column's type) and then through the *service's own*
field rule (``EnterpriseService.clean``, ``CarrierService.clean``…: street and field known,
dates not in the future, text not too long), so the rules live in one place.  A cell that
loses invisible or control characters to the cleaning (validators.strip_invisible) gets a
note.

Written for speed (a 50 000-row sheet has a million cells): each column remembers the
outcome of a raw value, blank or not — ``(value, None)`` or ``(value, (message, cleaned?))``
— so the streets, fields, stages, dates and amounts a list repeats thousands of times are
converted once; a column whose values are nearly all different (names, credit codes) stops
remembering after its first MEMO_PROBE rows, but a date column never does for that (the
days of a sheet repeat, only later than that: 9 330 founding dates in 50 000 rows).
:meth:`RowConverter.convert_many` converts a chunk of rows column by column (one list per
column, the memo looked up in a comprehension, the problem cells picked out by
``itertools.compress``) instead of one step per cell.  Columns whose values hardly repeat
skip the per-cell steps when a chunk's cells allow: free text is cleaned by one NFKC call
per column (``validators.clean_texts``), credit codes and phones go straight through their
conversion, and the service's text rule for names and addresses runs once per field and
chunk (``column_clean``).  tests/exchange/test_convert_many.py holds all this equal to
:meth:`RowConverter.convert` and to ``cells.convert_cell`` with the service's rule on many
ordinary and hostile rows.
"""

import copy
import dataclasses
import datetime
import itertools
import operator

from gjz_registry.errors import InvalidValueError, RegistryError
from gjz_registry.exchange import cells
from gjz_registry.exchange import columns as cols
from gjz_registry.validators import clean_texts, has_invisible

MEMO_PROBE = 2000  # after this many rows a column keeps its memo only if it pays
MEMO_MIN_HIT_RATE = 0.2  # keep remembering while at least a fifth are repeats
MEMO_MAX = 100_000  # no column remembers more raw values than this
CLEANED = "第 {row} 行「{column}」中的控制字符或不可见字符已删除"
_VALUE, _PROBLEM = operator.itemgetter(0), operator.itemgetter(1)
# Cells that are their own key in a memo: no value of one of these classes equals a value of
# another (1, 1.0 and True do: numbers go as (class, value))
OWN_KEY = frozenset((str, type(None), datetime.date, datetime.datetime))


@dataclasses.dataclass
class ImportRow:
    """One data row: its sheet row number, the raw cells, the typed values by column code,
    the problems found, each ``(column_index or None, message)``, and the notes on cells
    the cleaning changed (same form)."""

    number: int
    raw: list
    values: dict
    errors: list = dataclasses.field(default_factory=list)
    notes: list = dataclasses.field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    def errors_by_column(self):
        """{column index (None: the row): message}, a cell's messages joined by 「；」."""
        errors = {}
        for index, message in self.errors:
            errors[index] = errors[index] + "；" + message if index in errors else message
        return errors

    def reject(self, column_index, message):
        """Record a problem; ``message`` without the row prefix gets 「第 N 行」."""
        if not message.startswith("第 "):
            message = f"第 {self.number} 行{message}"
        self.errors.append((column_index, message))


class _Column:
    """One mapped column: conversion plus the field rule, remembered per raw value
    (``memo``: {key: outcome}, a text its own key, any other value ``(class, value)``
    since 1, 1.0 and True are equal keys; None once the column stops remembering)."""

    __slots__ = (
        "index",
        "column",
        "code",
        "clean",
        "memo",
        "probed",
        "typed",
        "required",
        "blank",
        "plain",
    )

    def __init__(self, index, column, unit, clean):
        self.index = index
        self.column = column
        self.code = column.code
        self.clean = clean
        self.memo = {}
        self.probed = column.type == cols.DATE  # see the module docstring
        self.typed = cells.cell_converter(column, unit)  # cells.convert_cell, not blank
        self.required = f"「{column.header}」不能为空" if column.required else None
        self.blank = (None, None if self.required is None else (self.required, False))
        # free text with no field rule here: a chunk's printable cells cleaned at once
        self.plain = clean is None and column.type == cols.TEXT

    def outcomes(self, cells_):
        """``list(map(self.outcome, cells_))`` by a quicker way, or None where it does not
        apply.  A :attr:`plain` column's printable texts are cleaned at once
        (``validators.clean_texts``, a blank one giving :attr:`blank`); the cells of another
        column without a field rule here that no longer remembers its values (credit codes,
        phones), when all are printable texts that are not blank, go straight through its
        conversion — the first refusal sends the chunk back to :meth:`outcome`."""
        if self.plain:
            texts = [cell for cell in cells_ if cell is not None]
            cleaned = clean_texts(texts)
            if cleaned is None:
                return None
            blank, each = self.blank, iter(cleaned)
            return [blank if c is None or (t := next(each)) is None else (t, None) for c in cells_]
        if self.clean is not None or self.memo is not None or not cells_:
            return None
        if not {cell.__class__ for cell in cells_} <= {str}:
            return None
        if not "".join(cells_).isprintable() or not all(map(str.strip, cells_)):
            return None
        try:
            values = list(map(self.typed, cells_))
        except RegistryError:
            return None
        if self.required is not None and None in values:
            return None
        return [(value, None) for value in values]

    def outcome(self, cell):
        """``(value, None)`` or ``(value, (message or None, cleaned?))`` of one raw cell
        (blank: None, and a message when the column is required), remembered."""
        if cell is None or (isinstance(cell, str) and not cell.strip()):  # cells.is_blank
            found = self.blank
        else:
            found = self.compute(cell)
        memo = self.memo
        if memo is not None:
            memo[cell if cell.__class__ in OWN_KEY else (cell.__class__, cell)] = found
            if len(memo) >= MEMO_MAX:
                self.memo = None
        return found

    def compute(self, raw):
        """The outcome (see :meth:`outcome`) of one cell that is not blank."""
        # (a printable text has nothing invisible: the quick test of the usual cell)
        cleaned = raw.__class__ is str and not raw.isprintable() and has_invisible(raw)
        message = None
        try:
            value = self.typed(raw)
            if value is None:
                message = self.required
            elif self.clean is not None:
                value = self.clean(value)
        except InvalidValueError as exc:
            value, message = None, exc.message
        except RegistryError as exc:  # a rule of the service (not a format problem)
            value, message = None, str(exc)
        if message is None and not cleaned:
            return value, None
        return value, (message, cleaned)

    def probe(self, rows):
        """After ``rows`` rows: stop remembering if nearly every value was new."""
        if not self.probed and rows >= MEMO_PROBE:
            self.probed = True
            if self.memo is not None and len(self.memo) > rows * (1 - MEMO_MIN_HIT_RATE):
                self.memo = None  # remembering costs memory only


class RowConverter:
    """Converts raw rows of one sheet: ``convert(number, raw) -> ImportRow``, or
    ``convert_many(pairs)`` for a list of ``(number, raw)`` (the same rows, column by column).

    ``mapping`` is ``{column_index: column code}``, ``units`` the header units of money
    columns, ``cleaners`` ``{column code: function(value) -> model value}`` (the service's
    field rule, remembered per raw value; raises a RegistryError).  ``row_clean`` is the
    service's ``clean(data, partial=True)`` for the ``row_fields`` whose values are nearly
    all different (names, addresses): they are checked together, one call per row, and one
    by one only when that call finds a problem (to report every bad cell).  ``column_clean``,
    the service's ``clean_column(field, values) -> [(value, error or None)]``, does the same
    for :meth:`convert_many`, one call per field and chunk.  Blank cells give None (a blank
    required cell is reported).
    """

    def __init__(
        self,
        kind,
        mapping,
        units=None,
        cleaners=None,
        row_clean=None,
        row_fields=(),
        column_clean=None,
    ):
        self.kind = cols.get_kind(kind)
        units = units or {}
        cleaners = cleaners or {}
        self.columns = []
        self.index_of = {}
        for index in sorted(mapping):
            column = self.kind.column(mapping[index])
            self.index_of[column.code] = index
            if column.type == cols.IGNORE:
                continue
            clean = None if column.code in row_fields else cleaners.get(column.code)
            self.columns.append(_Column(index, column, units.get(index), clean))
        self.row_clean = row_clean
        self.row_fields = tuple(f for f in row_fields if f in self.index_of) if row_clean else ()
        self.column_clean = column_clean
        self.rows = 0  # rows converted (for the memos' probe)

    def convert(self, number, raw):
        """The :class:`ImportRow` of sheet row ``number`` (``raw``: its cells)."""
        values, errors, notes = {}, [], []
        width = len(raw)
        for spec in self.columns:
            index = spec.index
            cell = raw[index] if index < width else None
            memo = spec.memo
            if memo is None:
                value, problem = spec.outcome(cell)
            else:
                found = memo.get(cell if cell.__class__ in OWN_KEY else (cell.__class__, cell))
                value, problem = found or spec.outcome(cell)
            if problem is not None:
                message, cleaned = problem
                if cleaned:
                    notes.append((index, CLEANED.format(row=number, column=spec.column.header)))
                if message is not None:
                    errors.append((index, f"第 {number} 行{message}"))
            values[spec.code] = value
        self._probe(1)
        if self.row_fields:
            self._clean_row(number, values, errors)
        return ImportRow(number, raw, values, errors, notes)

    def convert_many(self, pairs):
        """``[self.convert(number, raw) for number, raw in pairs]``, column by column."""
        numbers = [number for number, _ in pairs]
        raws = [raw for _, raw in pairs]
        errors, notes = {}, {}  # {position in pairs: [(column index, message)]}
        taken = []
        by_index = list(itertools.zip_longest(*raws))  # the cells of each column, None-padded
        blank = (None,) * len(raws)
        for spec in self.columns:
            index = spec.index
            cells_ = by_index[index] if index < len(by_index) else blank
            memo = spec.memo
            if (found := spec.outcomes(cells_)) is not None:
                pass
            elif memo is None:
                found = list(map(spec.outcome, cells_))
            else:
                if OWN_KEY.issuperset(map(type, cells_)):
                    keys = cells_
                else:
                    keys = [c if c.__class__ in OWN_KEY else (c.__class__, c) for c in cells_]
                found = list(map(memo.get, keys))
                if None in found:
                    for position in itertools.compress(
                        itertools.count(), map(operator.not_, found)
                    ):
                        memo = spec.memo  # the first outcomes of a key, or the memo is full
                        known = None if memo is None else memo.get(keys[position])
                        found[position] = known or spec.outcome(cells_[position])
            taken.append([value for value, _ in found])
            for position in itertools.compress(itertools.count(), map(_PROBLEM, found)):
                message, cleaned = found[position][1]
                if cleaned:
                    note = CLEANED.format(row=numbers[position], column=spec.column.header)
                    notes.setdefault(position, []).append((index, note))
                if message is not None:
                    message = f"第 {numbers[position]} 行{message}"
                    errors.setdefault(position, []).append((index, message))
        self._probe(len(pairs))
        codes = [spec.code for spec in self.columns]
        row_fields = self.row_fields
        if row_fields and self.column_clean is not None:
            self._clean_columns(codes, taken, numbers, errors)
            row_fields = ()
        # as convert() fills them: in the columns' order, a code mapped twice (the wizard
        # allows it) taking the later column's value
        template = dict.fromkeys(codes)
        values = []
        for row in zip(*taken) if taken else ((),) * len(raws):
            row_values = template.copy()
            row_values.update(zip(codes, row))
            values.append(row_values)
        rows = []
        for position, number in enumerate(numbers):
            row_errors = errors.get(position, [])
            if row_fields:
                self._clean_row(number, values[position], row_errors)
            row_notes = notes.get(position, [])
            rows.append(ImportRow(number, raws[position], values[position], row_errors, row_notes))
        return rows

    def _probe(self, rows):
        before, self.rows = self.rows, self.rows + rows
        if before < MEMO_PROBE <= self.rows:
            for spec in self.columns:
                spec.probe(self.rows)

    def _clean_columns(self, codes, taken, numbers, errors):
        """:meth:`_clean_row` for a chunk, field by field: ``taken`` holds the values of each
        column (in ``codes``' order), ``errors`` the refusals of each row by its position.
        (A cell refused by its conversion has no value, so it is left out as a blank one.)"""
        at = {code: place for place, code in enumerate(codes)}  # a code mapped twice: the later
        resorted = set()
        for field in self.row_fields:
            values, index = taken[at[field]], self.index_of[field]
            if None in values:
                positions = [place for place, value in enumerate(values) if value is not None]
                if not positions:
                    continue
                results = self.column_clean(field, [values[place] for place in positions])
                for position, (value, _) in zip(positions, results):
                    values[position] = value
            else:
                positions, results = range(len(values)), self.column_clean(field, values)
                values[:] = map(_VALUE, results)
            problems = map(_PROBLEM, results)
            for position, (_, problem) in itertools.compress(zip(positions, results), problems):
                message = f"第 {numbers[position]} 行{problem}"
                errors.setdefault(position, []).append((index, message))
                resorted.add(position)
        for position in resorted:
            errors[position].sort(key=lambda e: -1 if e[0] is None else e[0])

    def _clean_row(self, number, values, errors):
        if errors:
            bad = {index for index, _ in errors}
            fields = [f for f in self.row_fields if self.index_of[f] not in bad]
        else:
            fields = self.row_fields
        group = {f: value for f in fields if (value := values[f]) is not None}
        if not group:
            return
        try:
            values.update(self.row_clean(group, partial=True))
            return
        except RegistryError:
            pass
        for field, value in group.items():
            try:
                values[field] = self.row_clean({field: value}, partial=True)[field]
            except RegistryError as exc:
                values[field] = None
                errors.append((self.index_of[field], f"第 {number} 行{exc}"))
        errors.sort(key=lambda e: -1 if e[0] is None else e[0])

    def without(self, *codes):
        """A converter of the same sheet that leaves the columns of ``codes`` out (their
        values are known already); ``index_of`` still names every mapped column."""
        other = copy.copy(self)
        other.columns = [spec for spec in self.columns if spec.column.code not in codes]
        return other

    def header_of(self, index):
        """The canonical header of the column at ``index`` (None for an unmapped one)."""
        for spec in self.columns:
            if spec.index == index:
                return spec.column.header
        return None


def field_cleaner(clean, field):
    """A cleaner for one field from a service's ``clean(data, partial=True)``."""

    def run(value):
        return clean({field: value}, partial=True)[field]

    return run
