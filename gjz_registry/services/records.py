"""Records edited field by field (enterprises, carriers): cleaning and the scope of writes.

A service's fields are declared in its record kind's spec (gjz_registry.fields) and cleaned
with a :class:`FieldRules` read from it: the same steps, in the same order, for enterprises
and carriers — unknown fields are refused; text is normalised (``validators.clean_text``:
invisible and control characters removed, a line break becomes a space except in notes;
names also get the registered Chinese brackets, ``validators.clean_name``); an empty value is
refused for a required field and otherwise takes the field's default; text is held to a
length limit; a "choice" takes one of the field's vocabulary (or an alias of one); every
other kind goes through the service's check for that kind.  The first bad field, in the
order the data gives them, raises InvalidValueError naming the field and the rule.
``clean()`` also runs for every row of a sheet import, so it stays a single plain loop.  The
error's ``field`` is the field's code; its message names the field by its label.

:class:`RecordService` is the base of those services: ``clean()`` and the scope checks that
come before a create or an update is written.
"""

import dataclasses
import datetime
import functools
from decimal import Decimal

from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError, RegistryError
from gjz_registry.fields import REFERENCE_KINDS, TEXT_KINDS
from gjz_registry.services import writes
from gjz_registry.services.base import Service, get_or_404


class FieldRules:
    """How one record kind's fields are cleaned, read from its spec (gjz_registry.fields):
    the editable fields, the required ones, the defaults an emptied optional field takes,
    the longest texts and the vocabularies of the "choice" fields."""

    def __init__(self, spec):
        self.spec = spec
        self.fields = {f.code: f for f in spec.editable}
        self.names = frozenset(self.fields)
        self.required = tuple(f.code for f in spec.editable if f.required)
        self.defaults = {f.code: f.default for f in spec.editable if f.default is not None}
        # the longest text of each text field (the spec and its fields are frozen)
        self.limits = {f.code: spec.max_text(f) for f in spec.editable if f.kind in TEXT_KINDS}

    def clean(self, data, checks, partial=False):
        """Validate ``data`` (field → raw value); return {field: model value}.

        ``checks`` maps every kind but the TEXT_KINDS and "choice" to
        ``function(value, label) -> model value`` (raising InvalidValueError).  Without
        ``partial`` every required field must be given.
        Raises InvalidValueError naming the first bad field.
        """
        if not self.names.issuperset(data):
            unknown = set(data) - self.names
            raise InvalidValueError(f"未知字段：{'、'.join(sorted(unknown))}")
        fields, required, limits = self.fields, self.required, self.limits
        out = {}
        for code, raw in data.items():
            field = fields[code]
            label, kind = field.label, field.kind
            value = v.clean_text(raw, kind == "note") if isinstance(raw, str) else raw
            if value is None:
                if code in required:
                    raise InvalidValueError(f"「{label}」不能为空", field=code)
                out[code] = self.defaults.get(code)
                continue
            if kind in TEXT_KINDS:
                if kind == "name":
                    value = v.name_form(value)
                limit = limits[code]
                if len(value) > limit:
                    raise InvalidValueError(f"「{label}」过长（最多 {limit} 字）", field=code)
            elif kind == "choice":
                try:
                    value = v.validate_choice(
                        field.choices.get(value, value), field.vocabulary, label
                    )
                except InvalidValueError as exc:  # the check names the label: give the code
                    raise exc.at(code) from None
            else:
                try:
                    value = checks[kind](value, label)
                except InvalidValueError as exc:  # the check names the label: give the code
                    raise exc.at(code) from None
            out[code] = value
        if not partial:
            for code in required:
                if code not in out:
                    label = fields[code].label
                    raise InvalidValueError(f"「{label}」不能为空", field=code)
        return out

    def clean_column(self, code, values, checks):
        """``clean({code: value}, checks, partial=True)[code]`` for each of ``values``, as
        ``[(value, None)]``, or ``(None, the RegistryError)`` where a value is refused.

        Written for an import's chunk of names or addresses: when every value is a
        printable text that is not too long (nearly always), one ``validators.clean_texts``
        call does the text rule for all; otherwise each value goes through :meth:`clean`.
        tests/exchange/test_convert_many.py holds the import's rows equal to the per-row
        rule."""
        field = self.fields[code]
        if field.kind in TEXT_KINDS:
            texts = v.clean_texts(values)
            if texts is not None and None not in texts:
                if max(map(len, texts)) <= self.limits[code]:
                    if field.kind == "name":
                        texts = list(map(v.name_form, texts))
                    return [(text, None) for text in texts]
        out = []
        for value in values:
            try:
                out.append((self.clean({code: value}, checks, partial=True)[code], None))
            except RegistryError as exc:
                out.append((None, exc))
        return out


_TYPES = {"date": datetime.date, "money": Decimal, "area": Decimal, "count": int}


def record_class(name, spec, extra=(), namespace=None, doc=""):
    """The dataclass front ends see a record of ``spec`` as: ``id``, every field of the spec
    (a reference by its name; default: the field's default), then ``extra``
    ((name, type, default) triples) and ``namespace`` (properties)."""
    fields = [("id", int)]
    fields += [
        (f.code, _TYPES.get(f.kind, str), dataclasses.field(default=f.default)) for f in spec.fields
    ]
    fields += [(n, t, dataclasses.field(default=d)) for n, t, d in extra]
    cls = dataclasses.make_dataclass(name, fields, namespace=namespace)
    cls.__doc__ = doc or f"{spec.title}记录 as the front ends see it (reference values by name)."
    return cls


def spec_values(spec, row):
    """{code: value} of every field of ``spec`` from a query's row dict, in which a
    reference field comes by name as ``<code>_name``."""
    return {
        f.code: row[f.code + "_name" if f.kind in REFERENCE_KINDS else f.code] for f in spec.fields
    }


def snapshot(spec, row):
    """The editable fields of a model instance for the audit log (references by id)."""
    return {
        f.code: getattr(row, f.code + "_id" if f.kind in REFERENCE_KINDS else f.code)
        for f in spec.editable
    }


def record_checks(reference, **more):
    """The checks of the kinds enterprises and carriers share — credit code, street (by name,
    through the ``reference`` service), phone, a date not in the future — plus ``more``."""
    checks = {
        "credit_code": v.validate_credit_code,
        "street": reference.street_id,
        "phone": v.validate_phone,
        "date": past_date,
    }
    checks.update(more)
    return checks


def past_date(value, label):
    """``validators.validate_date`` with today as the latest date allowed."""
    return v.validate_date(value, label, latest=datetime.date.today())


class RecordService(Service):
    """Base of a service whose records are edited field by field: its ``rules`` (a
    :class:`FieldRules`) and ``_more_checks()``, the checks of its kinds beyond
    :func:`record_checks`."""

    rules = None

    def clean(self, data, partial=False):
        """Validate ``data`` (field → raw value); return model-ready values.

        Raises InvalidValueError naming the first bad field.  With ``partial`` only the given
        fields are checked (for updates).
        """
        return self.rules.clean(data, self._checks, partial)

    def clean_column(self, code, values):
        """:meth:`clean` of one field for many values (FieldRules.clean_column)."""
        return self.rules.clean_column(code, values, self._checks)

    @functools.cached_property
    def _checks(self):
        return record_checks(self.registry.reference, **self._more_checks())

    def _more_checks(self):
        return {}

    def _new_values(self, data):
        """``data`` cleaned for a new record (a street user's goes to their own street unless
        another is named), after checking the actor may put a record in its street."""
        self.require_write()
        data = dict(data)
        if self.actor.scoped and not data.get("street"):
            data["street"] = self.actor.street
        values = self.clean(data)
        self.require_street(values.get("street"))
        return values

    def _changed_values(self, row, kind, changes):
        """``changes`` cleaned for the stored ``row`` (``kind``: what it is, for a refusal),
        after checking the actor may write it and, when it moves, write in the target street."""
        self.require_write(row.street_id, kind)
        values = self.clean(changes, partial=True)
        if "street" in values:
            self.require_street(values["street"])
        return values

    def _row_to_update(self, model, record_id, kind, changes, version):
        """(the stored row ``record_id``, the cleaned ``changes``) for an update from
        ``version``: scope first, then the version (StaleVersionError before any domain check
        of the caller's), as every record service updates."""
        row = get_or_404(model, record_id, kind)
        values = self._changed_values(row, kind, changes)
        if row.version != version:
            raise writes.stale(kind, row.name, version, row.version)
        return row, values
