"""Audit-log entries as Chinese text: 「名称：旧 → 新；…」.

The log stores codes (``update``, ``enterprise``, field names) and, for reference fields,
ids (``street``, ``street_id``, ``industry``, ``carrier``).  :func:`describe` shows field
names and values in Chinese where a name is known (ui.texts AUDIT_*, the services' field
labels), codes otherwise; given ``names`` ({kind: {id: name}}) it also shows reference ids by
name.  :class:`AuditText` builds those maps from the registry once per batch of entries, so
the 系统 › 操作日志 screen and the enterprise form's 操作记录 tab share one rendering.
"""

from decimal import Decimal

from gjz_registry import InvalidValueError, settings
from gjz_registry import reference as ref
from gjz_registry.fields import CARRIER, ENTERPRISE
from gjz_registry.services.annual import FIELDS as ANNUAL_FIELDS
from ui import texts as T

ACTIONS = {**T.AUDIT_ACTIONS, **T.AUDIT_MORE_ACTIONS}
KEY_LABELS = {
    **ANNUAL_FIELDS,
    **{f.code: f.label for f in CARRIER.fields},
    **{f.code: f.label for f in ENTERPRISE.fields},
    **T.AUDIT_KEYS,
}
# Snapshot keys holding the id of a reference record → which reference list names it.
REFERENCE_KEYS = {
    "street": "street",
    "street_id": "street",
    "industry": "industry",
    "carrier": "carrier",
    "enterprise": "enterprise",
}
# The label of such a key once its ids show as names (「载体」, not 「载体编号」).
NAMED_LABELS = {
    "street_id": T.AUDIT_ENTITIES["street"],
    "carrier": T.AUDIT_ENTITIES["carrier"],
    "enterprise": T.AUDIT_ENTITIES["enterprise"],
}
CARRIER_PAGE = 1000


def action_label(action):
    """update → 修改; an unknown code as it is."""
    return ACTIONS.get(action, action)


def show_value(value, key=None):
    if key == "role" and value in ref.ROLE_NAMES:
        return ref.ROLE_NAMES[value]
    if value is True:
        return T.YES
    if value is False:
        return T.NO
    if value is None or value == "":
        return "—"
    if isinstance(value, (float, Decimal)):
        return f"{Decimal(str(value)).normalize():f}"
    return str(value)


def setting_label(key):
    """unit_name → 打印单位名称, certificate_template.graduation → 证书文字（毕业证书）,
    unit_name.street.大连湾街道 → 制表单位（大连湾街道）."""
    return settings.label(key)


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _reference_name(key, value, names):
    """The name of the record ``value`` (an id) under ``key`` refers to, or None."""
    kind = REFERENCE_KEYS.get(key)
    if kind is None or not _is_id(value):
        return None
    return (names or {}).get(kind, {}).get(value)


def _change(key, values, names):
    """「标签：值 → 值」 for one key; ``values`` are the sides to show, in order."""
    shown = [_reference_name(key, value, names) for value in values]
    label = KEY_LABELS.get(key, key)
    if any(shown) and all(s or not _is_id(v) for s, v in zip(shown, values)):
        label = NAMED_LABELS.get(key, label)
    parts = [s if s else show_value(v, key) for s, v in zip(shown, values)]
    return f"{label}：{' → '.join(parts)}"


def describe(entry, names=None):
    """「名称：旧 → 新；…」 for the keys the entry changed (or set, or removed).

    ``names``: {"street"|"industry"|"carrier": {id: name}} to show reference ids by name
    (see :class:`AuditText`); ids not in it are shown as they are."""
    before, after = entry.before or {}, entry.after or {}
    if entry.entity == "setting" and after:
        # settings are logged as {"value": old} → {key: new}
        key, new = next(iter(after.items()))
        label = setting_label(key)
        if before:
            return f"{label}：{show_value(before.get('value'))} → {show_value(new)}"
        return f"{label}：{show_value(new)}"
    keys = list(after) + [k for k in before if k not in after]
    parts = []
    for key in keys:
        if key in before and key in after:
            parts.append(_change(key, (before[key], after[key]), names))
        elif key in after:
            parts.append(_change(key, (after[key],), names))
        else:
            parts.append(_change(key, (before[key],), names) + " →")
    return "；".join(parts)


class AuditText:
    """Describes a batch of entries with reference ids shown by name.

    The {id: name} maps are read from the registry's services once per instance, and only
    for the kinds of reference the entries hold ids of; make one instance per batch (a
    screen's page, a form's tab) so that renamed or new records show."""

    def __init__(self, registry):
        self.registry = registry
        self.names = {}

    def describe(self, entry):
        return self.describe_all([entry])[0]

    def describe_all(self, entries):
        """describe() of each entry, in order."""
        entries = list(entries)
        wanted = {}  # kind → the ids the entries hold
        for e in entries:
            for snapshot in (e.before or {}, e.after or {}):
                for key, value in snapshot.items():
                    if key in REFERENCE_KEYS and _is_id(value):
                        wanted.setdefault(REFERENCE_KEYS[key], set()).add(value)
        for kind in sorted(set(wanted) - set(self.names) - {"enterprise"}):
            self.names[kind] = getattr(self, f"_{kind}_names")()
        if "enterprise" in wanted:  # only the ones named here (there may be 100 000)
            known = self.names.setdefault("enterprise", {})
            missing = wanted["enterprise"] - set(known)
            if missing:
                known.update(self.registry.enterprises.names(missing))
        return [describe(e, self.names) for e in entries]

    def _street_names(self):
        reference = self.registry.reference
        return _by_id(reference.streets(include_inactive=True), reference.street_id)

    def _industry_names(self):
        reference = self.registry.reference
        return _by_id(reference.industries(), reference.industry_id)

    def _carrier_names(self):
        names, offset = {}, 0
        while True:
            page = self.registry.carriers.list(offset=offset, limit=CARRIER_PAGE)
            names.update((c.id, c.name) for c in page.items)
            offset += CARRIER_PAGE
            if not page.items or offset >= page.total:
                return names


def _by_id(names, id_of):
    """{id: name} from a list of names and the service's name → id lookup (cached there)."""
    result = {}
    for name in names:
        try:
            result[id_of(name)] = name
        except InvalidValueError:  # a stored name the lookup no longer matches exactly
            continue
    return result
