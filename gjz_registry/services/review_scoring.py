"""How a review indicator turns a measured value into points, and what makes an indicator valid.

Rules (stored per indicator, db.models.ReviewIndicator):

- 线性 (linear): the full weight at or beyond ``full_at``, nothing at or short of ``zero_at``,
  in proportion between.  正向 (higher is better) needs full_at > zero_at, 逆向 (lower is
  better) full_at < zero_at.
- 分档 (banded): ``bands`` is ``threshold:share`` pairs separated by ``;`` — e.g.
  ``3:100;2:70;1:40``: from 3 on the whole weight, from 2 on 70 % of it, from 1 on 40 %,
  below that nothing (逆向: at or below each threshold).

Points are Decimal, rounded half up to 2 places; a value not reported scores 0.  A kind's
active weights sum to exactly 100 (:func:`check_weights`).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gjz_registry.errors import InvalidValueError, RuleError

LINEAR, BANDED = "线性", "分档"
RULES = (LINEAR, BANDED)
HIGHER, LOWER = "正向", "逆向"
DIRECTIONS = (HIGHER, LOWER)
TOTAL_WEIGHT = Decimal(100)
CENT = Decimal("0.01")


def _number(text, what):
    try:
        number = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():  # NaN, sNaN and Infinity are no numbers
        raise InvalidValueError(f"{what}「{text}」不是数字", field="bands")
    return number


def parse_bands(text, name="该指标"):
    """[(threshold, share %)] of a 分档 rule, strongest band first; InvalidValueError naming
    ``name`` when the text is not ``threshold:share;…`` with shares in (0, 100]."""
    bands = []
    for part in str(text or "").replace("；", ";").replace("：", ":").split(";"):
        if not part.strip():
            continue
        if ":" not in part:
            raise InvalidValueError(
                f"指标「{name}」的分档「{part.strip()}」应写成「门槛:得分比例」，如 3:100;1:40",
                field="bands",
            )
        threshold, share = part.split(":", 1)
        share = _number(share, f"指标「{name}」的得分比例")
        if not 0 < share <= 100:
            raise InvalidValueError(
                f"指标「{name}」的得分比例 {share} 应在 0 到 100 之间（百分比）", field="bands"
            )
        bands.append((_number(threshold, f"指标「{name}」的门槛"), share))
    if not bands:
        raise InvalidValueError(
            f"指标「{name}」按分档计分，请填写分档，如 3:100;2:70;1:40", field="bands"
        )
    return bands


def check_rule(values):
    """Refuse an indicator whose rule cannot score (InvalidValueError naming it and the rule).
    ``values``: name, rule, direction, full_at, zero_at, bands, weight."""
    name = values.get("name") or "该指标"
    if values.get("rule") not in RULES:
        raise InvalidValueError(f"指标「{name}」的计分方式应为 {'或'.join(RULES)}", field="rule")
    if values.get("direction") not in DIRECTIONS:
        raise InvalidValueError(
            f"指标「{name}」的方向应为 {'或'.join(DIRECTIONS)}", field="direction"
        )
    weight = values.get("weight")
    if weight is None or not 0 <= weight <= TOTAL_WEIGHT:
        raise InvalidValueError(f"指标「{name}」的权重应在 0 到 100 之间", field="weight")
    if values["rule"] == BANDED:
        parse_bands(values.get("bands"), name)
        return
    full, zero = values.get("full_at"), values.get("zero_at")
    if full is None or zero is None:
        raise InvalidValueError(f"指标「{name}」按线性计分，请填写满分值和零分值", field="full_at")
    if (values["direction"] == HIGHER) != (full > zero):
        relation = "大于" if values["direction"] == HIGHER else "小于"
        raise InvalidValueError(
            f"指标「{name}」为{values['direction']}指标，满分值（{full}）应{relation}零分值（{zero}）",
            field="full_at",
        )


def fraction(value, indicator):
    """The share (0…1, Decimal) of the weight that ``value`` earns under ``indicator``'s
    rule; 0 for a value not reported."""
    if value is None:
        return Decimal(0)
    value = Decimal(value)
    lower = indicator.direction == LOWER
    if indicator.rule == BANDED:
        for threshold, share in parse_bands(indicator.bands, indicator.name):
            if (value <= threshold) if lower else (value >= threshold):
                return share / 100
        return Decimal(0)
    full, zero = Decimal(indicator.full_at), Decimal(indicator.zero_at)
    share = (value - zero) / (full - zero)
    return max(Decimal(0), min(Decimal(1), share))


def points(value, indicator):
    """Points earned: weight × :func:`fraction`, rounded half up to 2 places."""
    return (Decimal(indicator.weight) * fraction(value, indicator)).quantize(CENT, ROUND_HALF_UP)


def shown(number):
    """A Decimal without trailing zeros (500.0000 → 500, 12.50 → 12.5)."""
    if number is None:
        return ""
    number = Decimal(number)
    text = f"{number.normalize():f}"
    return text


def rule_text(indicator):
    """The rule as the sheet prints it, e.g. 「≥500 满分，≤0 零分，之间按比例」."""
    unit = indicator.unit if indicator.unit not in ("", None) else ""
    if indicator.rule == BANDED:
        sign = "≤" if indicator.direction == LOWER else "≥"
        bands = parse_bands(indicator.bands, indicator.name)
        return "；".join(f"{sign}{shown(t)}{unit} 得{shown(s)}%" for t, s in bands)
    if indicator.direction == LOWER:
        full, zero = f"≤{shown(indicator.full_at)}", f"≥{shown(indicator.zero_at)}"
    else:
        full, zero = f"≥{shown(indicator.full_at)}", f"≤{shown(indicator.zero_at)}"
    return f"{full}{unit} 满分，{zero}{unit} 零分，之间按比例"


def check_weights(kind, indicators):
    """Refuse a set of ``kind``'s indicators whose active weights do not sum to 100."""
    active = [i for i in indicators if i.active]
    total = sum((Decimal(i.weight) for i in active), Decimal(0))
    if total != TOTAL_WEIGHT:
        raise RuleError(
            f"「{kind}」启用的评价指标权重合计为 {shown(total)}，应为 100："
            "请调整各指标的权重（或启用、停用指标）后再保存"
        )
