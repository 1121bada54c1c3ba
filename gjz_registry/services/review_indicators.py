"""Review indicators as the front ends see them, their fields and how an edited one is cleaned.

:data:`FIELDS` declares each editable field once (code, label): the CLI's workbook columns,
the client's grid and the error messages read it.  :func:`clean` turns a row as typed
(a dict of field → raw value; the measure by key or by its label, 是/否 for 启用) into model
values, refusing the first bad field with a message naming the indicator and the field.
"""

import dataclasses
from decimal import Decimal, InvalidOperation

from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError
from gjz_registry.services import review_scoring as scoring
from gjz_registry.services.review_measures import MEASURES

FIELDS = (
    ("carrier_kind", "载体类型"),
    ("code", "指标编号"),
    ("name", "指标名称"),
    ("category", "指标类别"),
    ("measure", "计算口径"),
    ("weight", "权重"),
    ("rule", "计分方式"),
    ("full_at", "满分值"),
    ("zero_at", "零分值"),
    ("bands", "分档"),
    ("direction", "方向"),
    ("sort_order", "排序"),
    ("active", "启用"),
    ("note", "说明"),
)
LABELS = dict(FIELDS)
EDITABLE = tuple(code for code, _ in FIELDS if code != "carrier_kind")
TEXT_LIMITS = {"code": 20, "name": 100, "category": 20, "bands": 200}
YES = ("是", "启用", "1", "true", "True", "Y", "y")
NO = ("否", "停用", "0", "false", "False", "N", "n")
MEASURE_OF_LABEL = {m.label: m.key for m in MEASURES.values()}


@dataclasses.dataclass(frozen=True)
class IndicatorRecord:
    """One indicator of one carrier kind; ``unit`` and ``measure_label`` from its measure."""

    id: int
    carrier_kind: str
    code: str
    name: str
    category: str
    measure: str
    weight: Decimal
    rule: str
    full_at: Decimal
    zero_at: Decimal
    bands: str
    direction: str
    sort_order: int
    active: bool
    note: str
    version: int

    @property
    def unit(self):
        return MEASURES[self.measure].unit

    @property
    def measure_label(self):
        return MEASURES[self.measure].label

    @property
    def rule_text(self):
        return scoring.rule_text(self)


def record(row):
    """The IndicatorRecord of a ReviewIndicator row."""
    values = {code: getattr(row, code) for code, _ in FIELDS}
    for code in ("weight", "full_at", "zero_at"):
        if values[code] is not None:
            values[code] = Decimal(values[code])
    return IndicatorRecord(id=row.id, version=row.version, **values)


def _decimal(value, label, name):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():  # NaN, sNaN and Infinity are no numbers
        raise InvalidValueError(
            f"指标「{name}」的「{label}」应为数字，实为「{value}」", field=label
        )
    return number


def _flag(value, name):
    if isinstance(value, bool) or value is None:
        return True if value is None else value
    text = str(value).strip()
    if text in YES or text == "":
        return True
    if text in NO:
        return False
    raise InvalidValueError(
        f"指标「{name}」的「启用」应为 是 或 否，实为「{value}」", field="active"
    )


def clean(data, position=None):
    """Model values of one indicator from ``data`` (raw values of EDITABLE fields); the rule
    itself is checked too (review_scoring.check_rule).  ``position`` (1-based) names the row
    when the name is missing.  Raises InvalidValueError."""
    unknown = set(data) - set(EDITABLE) - {"id", "version", "carrier_kind"}
    if unknown:
        raise InvalidValueError(f"未知字段：{'、'.join(sorted(unknown))}")
    out = {}
    for code in ("code", "name", "category", "bands", "note", "rule", "direction"):
        raw = data.get(code)
        out[code] = v.clean_text(str(raw), code == "note") if raw not in (None, "") else None
    name = out["name"] or (f"第 {position} 个指标" if position else "该指标")
    for code in ("code", "name"):
        if not out[code]:
            raise InvalidValueError(f"指标「{name}」缺少「{LABELS[code]}」", field=code)
    for code, limit in TEXT_LIMITS.items():
        if out[code] and len(out[code]) > limit:
            raise InvalidValueError(
                f"指标「{name}」的「{LABELS[code]}」超过 {limit} 个字", field=code
            )
    measure = str(data.get("measure") or "").strip()
    measure = MEASURE_OF_LABEL.get(measure, measure)
    if measure not in MEASURES:
        raise InvalidValueError(
            f"指标「{name}」的计算口径「{data.get('measure')}」不存在：请从可计算的口径中选择"
            "（gjz review measures 列出全部）",
            field="measure",
        )
    out["measure"] = measure
    for code in ("weight", "full_at", "zero_at"):
        out[code] = _decimal(data.get(code), LABELS[code], name)
    out["rule"] = out["rule"] or scoring.LINEAR
    out["direction"] = out["direction"] or scoring.HIGHER
    order = data.get("sort_order")
    out["sort_order"] = (
        v.validate_count(order, LABELS["sort_order"]) if order not in (None, "") else position or 0
    )
    out["active"] = _flag(data.get("active"), name)
    if out["rule"] == scoring.BANDED:
        out["full_at"] = out["zero_at"] = None
    else:
        out["bands"] = None
    scoring.check_rule(out)
    return out
