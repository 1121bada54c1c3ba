"""What an import changes in records that are already registered: per row, each field old → new.

Which fields an import writes into an existing record is decided once, by the conflict rule
(:func:`gjz_registry.exchange.context.changed_fields`).  This module names those changes for
people: :class:`Describer` turns one record's changes into :class:`FieldChange` items (the
sheet's column header, the old and the new value as text, a street, industry or carrier by its
name), :class:`RowChanges` holds them per sheet row, and :func:`column_counts` counts the
changed fields per column.  The import's result (a dry run too) and the preview carry them;
the command line and the wizard show them.
"""

import dataclasses
import datetime
from decimal import Decimal

from peewee import ForeignKeyField

from gjz_registry.exchange import columns as cols

EMPTY = "（空）"
CHANGE = "{label} {old} → {new}"
SEPARATOR = "；"


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field of a registered record that the import changes: the field's code, the
    sheet's column header and the old and new values as shown (「（空）」 for none)."""

    code: str
    label: str
    old: str
    new: str

    def __str__(self):
        return CHANGE.format(label=self.label, old=self.old, new=self.new)


@dataclasses.dataclass
class RowChanges:
    """The changes a sheet row makes to the record it names (``record``: its registered
    name, or what identifies it, e.g. a certificate number)."""

    row_number: int
    record: str
    fields: list

    @property
    def text(self):
        """「注册资本(万元) 50 → 60；从业人员 10 → 11」."""
        return SEPARATOR.join(str(change) for change in self.fields)


def value_text(value):
    """A stored or imported value as shown beside its old or new counterpart."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.datetime):
        return value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def column_counts(rows):
    """{column header: how many of ``rows`` (RowChanges) change that field}, in the order the
    fields first appear (the sheet's column order)."""
    counts = {}
    for row in rows:
        for change in row.fields:
            counts[change.label] = counts.get(change.label, 0) + 1
    return counts


class Describer:
    """Names the changes of one import of sheet kind ``kind``: only fields that are columns
    of the sheet are listed (derived ones such as the pinyin of a name follow them);
    referenced rows are looked up by id once each."""

    def __init__(self, kind):
        self.kind = cols.get_kind(kind)
        self.order = {column.code: n for n, column in enumerate(self.kind.columns)}
        self.names = {}

    def fields(self, model, current, changes):
        """[FieldChange] of ``changes`` ({field: new value}) to ``current`` (the record's
        fields), a record of ``model``, in the sheet's column order."""
        codes = sorted((code for code in changes if code in self.order), key=self.order.get)
        return [
            FieldChange(
                code,
                self.kind.column(code).header,
                self.text(model, code, current.get(code)),
                self.text(model, code, changes[code]),
            )
            for code in codes
        ]

    def row(self, number, record, model, current, changes):
        """The RowChanges of sheet row ``number``, or None when no listed field changes."""
        fields = self.fields(model, current, changes)
        return RowChanges(number, record, fields) if fields else None

    def text(self, model, code, value):
        field = model._meta.fields.get(code)
        if value is None or not isinstance(field, ForeignKeyField):
            return value_text(value)
        value = getattr(value, "id", value)
        key = (field.rel_model, value)
        if key not in self.names:
            found = field.rel_model.get_or_none(field.rel_model.id == value)
            self.names[key] = getattr(found, "name", None) or str(value)
        return self.names[key]
