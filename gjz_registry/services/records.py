"""Records edited field by field (enterprises, carriers): cleaning and the scope of writes.

A service lists its editable fields once (code name → (Chinese label, kind)) and cleans them
with a :class:`FieldRules`: the same steps, in the same order, for enterprises and carriers —
unknown fields are refused; text is normalised (``validators.clean_text``: invisible and
control characters removed, a line break becomes a space except in notes; names also get the
registered Chinese brackets, ``validators.clean_name``); an empty value is
refused for a required field and otherwise takes the field's default; text is held to a length
limit; every other kind goes through the service's check for that kind.  The first bad field,
in the order the data gives them, raises InvalidValueError naming the field and the rule.
``clean()`` also runs for every row of a sheet import, so it stays a single plain loop.  The
error's ``field`` is the field's code; its message names the field by its label.

:class:`RecordService` is the base of those services: ``clean()`` and the scope checks that
come before a create or an update is written.
"""

import datetime
import functools

from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError
from gjz_registry.services.base import Service

# Kinds cleaned as free text: "name" (an organisation's name) also gets the registered
# Chinese brackets (validators.clean_name); "note" (备注) keeps its line breaks, every other
# text is one line.
TEXT_KINDS = ("text", "name", "note")


class FieldRules:
    """How one record kind's fields are cleaned.

    ``fields``: {code name: (label, kind)}; ``required``: code names that may not be empty;
    ``defaults``: {code name: value an emptied optional field takes} (else None);
    ``max_text``: {code name: longest text}, ``text_limit`` for the text fields not in it.
    """

    def __init__(self, fields, required, defaults=None, max_text=None, text_limit=200):
        self.fields = fields
        self.names = frozenset(fields)
        self.required = required
        self.defaults = defaults or {}
        self.max_text = max_text or {}
        self.text_limit = text_limit

    def clean(self, data, checks, partial=False):
        """Validate ``data`` (field → raw value); return {field: model value}.

        ``checks`` maps every kind but the TEXT_KINDS to ``function(value, label) -> model value``
        (raising InvalidValueError).  Without ``partial`` every required field must be given.
        Raises InvalidValueError naming the first bad field.
        """
        unknown = set(data) - self.names
        if unknown:
            raise InvalidValueError(f"未知字段：{'、'.join(sorted(unknown))}")
        fields, required = self.fields, self.required
        out = {}
        for field, raw in data.items():
            label, kind = fields[field]
            value = v.clean_text(raw, kind == "note") if isinstance(raw, str) else raw
            if value is None:
                if field in required:
                    raise InvalidValueError(f"「{label}」不能为空", field=field)
                out[field] = self.defaults.get(field)
                continue
            if kind in TEXT_KINDS:
                if kind == "name":
                    value = v.name_form(value)
                limit = self.max_text.get(field, self.text_limit)
                if len(value) > limit:
                    raise InvalidValueError(f"「{label}」过长（最多 {limit} 字）", field=field)
            else:
                try:
                    value = checks[kind](value, label)
                except InvalidValueError as exc:  # the check names the label: give the code
                    raise exc.at(field) from None
            out[field] = value
        if not partial:
            for field in required:
                if field not in out:
                    label = fields[field][0]
                    raise InvalidValueError(f"「{label}」不能为空", field=field)
        return out


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


def choice(choices, aliases=None):
    """A check accepting one of ``choices`` (after mapping ``aliases``, {alias: choice})."""
    if aliases:
        return lambda value, label: v.validate_choice(aliases.get(value, value), choices, label)
    return lambda value, label: v.validate_choice(value, choices, label)


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
