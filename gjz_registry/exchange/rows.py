"""Data rows of an import, converted and checked cell by cell before anything is written.

:class:`RowConverter` turns each raw row into an :class:`ImportRow`: every mapped cell goes
through ``cells.convert_cell`` (the column's type) and then through the *service's own*
field rule (``EnterpriseService.clean``, ``CarrierService.clean``…: street and field known,
dates not in the future, text not too long), so the rules live in one place.  Lists repeat
the same street, field, stage, date or amount thousands of times, so each column remembers
what a raw value gave (value or message) while that pays: a column whose values are nearly
all different (names, credit codes) stops remembering after a while.  A cell that loses
invisible or control characters to the cleaning (validators.strip_invisible) gets a note.
"""

import copy
import dataclasses

from gjz_registry.errors import InvalidValueError, RegistryError
from gjz_registry.exchange import cells
from gjz_registry.exchange import columns as cols
from gjz_registry.validators import has_invisible

MEMO_PROBE = 2000  # after this many lookups a column keeps its memo only if it pays
MEMO_MIN_HIT_RATE = 0.2  # keep remembering while at least a fifth are repeats
CLEANED = "第 {row} 行「{column}」中的控制字符或不可见字符已删除"


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
    """One mapped column: conversion plus the field rule, remembered per raw value."""

    __slots__ = ("index", "column", "unit", "clean", "memo", "lookups")

    def __init__(self, index, column, unit, clean):
        self.index = index
        self.column = column
        self.unit = unit
        self.clean = clean
        self.memo = {}
        self.lookups = 0

    def compute(self, raw):
        """(value, message or None, loses invisible characters?) for one non-empty cell."""
        column = self.column
        cleaned = raw.__class__ is str and has_invisible(raw)
        try:
            value = cells.convert_cell(column, raw, self.unit)
            if value is None:
                if column.required:
                    return None, f"「{column.header}」不能为空", cleaned
                return None, None, cleaned
            if self.clean is not None:
                value = self.clean(value)
        except InvalidValueError as exc:
            return None, exc.message, cleaned
        except RegistryError as exc:  # a rule of the service (not a format problem)
            return None, str(exc), cleaned
        return value, None, cleaned

    def convert(self, raw):
        """:meth:`compute`, remembered per raw value while that pays."""
        memo = self.memo
        if memo is None:
            return self.compute(raw)
        # a text is its own key; 1, 1.0 and True are equal keys, so other values go with
        # their class
        key = raw if raw.__class__ is str else (raw.__class__, raw)
        found = memo.get(key)
        if found is None:
            found = memo[key] = self.compute(raw)
        self.lookups += 1
        if self.lookups == MEMO_PROBE and len(memo) > MEMO_PROBE * (1 - MEMO_MIN_HIT_RATE):
            self.memo = None  # nearly every value is new: remembering costs memory only
        return found


class RowConverter:
    """Converts raw rows of one sheet: ``convert(number, raw) -> ImportRow``.

    ``mapping`` is ``{column_index: column code}``, ``units`` the header units of money
    columns, ``cleaners`` ``{column code: function(value) -> model value}`` (the service's
    field rule, remembered per raw value; raises a RegistryError).  ``row_clean`` is the
    service's ``clean(data, partial=True)`` for the ``row_fields`` whose values are nearly
    all different (names, addresses): they are checked together, one call per row, and one
    by one only when that call finds a problem (to report every bad cell).  Blank cells give
    None (a blank required cell is reported).
    """

    def __init__(self, kind, mapping, units=None, cleaners=None, row_clean=None, row_fields=()):
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

    def convert(self, number, raw):
        values, errors, notes = {}, [], []
        width = len(raw)
        for spec in self.columns:
            index = spec.index
            cell = raw[index] if index < width else None
            if cell is None or (cell.__class__ is str and not cell.strip()):
                column = spec.column
                if column.required:
                    errors.append((index, f"第 {number} 行「{column.header}」不能为空"))
                values[column.code] = None
                continue
            found = spec.convert(cell)
            if found[2]:
                notes.append((index, CLEANED.format(row=number, column=spec.column.header)))
            if found[1] is not None:
                errors.append((index, f"第 {number} 行{found[1]}"))
            values[spec.column.code] = found[0]
        if self.row_fields:
            self._clean_row(number, values, errors)
        return ImportRow(number, raw, values, errors, notes)

    def _clean_row(self, number, values, errors):
        bad = {index for index, _ in errors}
        group = {
            f: values[f]
            for f in self.row_fields
            if values[f] is not None and self.index_of[f] not in bad
        }
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
