"""The Chinese label of a record kind's field, looked up by the field's code.

Errors carry the field's *code* (``InvalidValueError.field``); what a form shows beside the
entry, and a message names, is the label the record kind declares for that code.  This is the
one lookup both use.  The declarations are today the services' FIELDS tables ({code: (label,
kind)}); when the record kinds get field specs, :func:`label` reads those instead and its
callers do not change.
"""

from gjz_registry.services import carriers, enterprises

# record kind → its field declarations {code: (label, …)}
DECLARATIONS = {
    "enterprise": enterprises.FIELDS,
    "carrier": carriers.FIELDS,
}


def kinds():
    """The record kinds whose fields are declared, e.g. ("enterprise", "carrier")."""
    return tuple(DECLARATIONS)


def codes(kind):
    """The field codes of ``kind``, in their declared order."""
    return tuple(_fields(kind))


def label(kind, code):
    """The Chinese label of field ``code`` of record kind ``kind`` (「统一社会信用代码」 for
    ("enterprise", "credit_code")); KeyError names an undeclared kind or field."""
    fields = _fields(kind)
    if code not in fields:
        raise KeyError(f"record kind {kind!r} declares no field {code!r}")
    return fields[code][0]


def _fields(kind):
    if kind not in DECLARATIONS:
        raise KeyError(f"no field declarations for record kind {kind!r}")
    return DECLARATIONS[kind]
