"""The incubation rules as data: checking changed values, the time limit of a stay, the rule
in words, and the calendar arithmetic the rules count with.

The rules themselves (defaults in reference.DEFAULT_INCUBATION_RULES, the administrator's
values in the setting ``incubation_rules``) are read by IncubationService.rules(); everything
here is pure, so the service, the CLI and 系统 › 孵化规则 use one reading of them.
"""

import datetime

from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError

TIME_LIMITS = "time_limits"
OVERRIDE_PREFIX = "破例入驻："  # the basis of a stay an administrator admitted as an exception
MAX_REASON = 200  # characters of a reason written into a stay's notes
LIMIT_KEYS = ("months", "long_cycle_months")
LIMIT_LABELS = {"months": "孵化期限", "long_cycle_months": "长周期领域孵化期限"}


def check_changes(changes):
    """Refuse unknown keys and badly formed time limits (InvalidValueError, Chinese)."""
    unknown = set(changes) - set(ref.DEFAULT_INCUBATION_RULES)
    if unknown:
        raise InvalidValueError(f"未知的规则项：{'、'.join(sorted(unknown))}")
    limits = changes.get(TIME_LIMITS)
    if limits is None:
        return
    if not isinstance(limits, dict):
        raise InvalidValueError(
            "孵化期限应按阶段给出：{阶段: {months: 月数, long_cycle_months: 月数}}"
        )
    for stage, limit in limits.items():
        if stage not in ref.STAGES:
            raise InvalidValueError(
                f"孵化期限中的「{stage}」不是孵化阶段，应为 {'、'.join(ref.STAGES)} 之一"
            )
        if not isinstance(limit, dict) or set(limit) - set(LIMIT_KEYS):
            raise InvalidValueError(f"「{stage}」的孵化期限应给出 months 和 long_cycle_months")
        for key in LIMIT_KEYS:
            months = limit.get(key)
            if key == "long_cycle_months" and months is None:
                continue  # no separate limit for long-cycle fields: the stage's own applies
            if not isinstance(months, int) or isinstance(months, bool) or months < 1:
                raise InvalidValueError(
                    f"「{stage}」的{LIMIT_LABELS[key]}应为正整数（月），实为「{months}」"
                )


def time_limit(rules, stage, industry):
    """The months a stay in ``stage`` may last for an enterprise of ``industry`` (a field's
    name or None); None when the stage has no limit."""
    limit = rules[TIME_LIMITS].get(stage)
    if not limit:
        return None
    if industry in rules["long_cycle_fields"] and limit.get("long_cycle_months"):
        return limit["long_cycle_months"]
    return limit["months"]


def is_overdue(entered_on, months, as_of):
    """In residence past ``months`` on ``as_of``: exactly ``months`` after entering is still
    in time, a day later is not."""
    return months is not None and as_of > add_months(entered_on, months)


def describe_time_limits(rules):
    """The time-limit rule in three Chinese lines (what overdue means, each stage's limit, the
    long-cycle fields), as 系统 › 孵化规则 and the CLI's ``overdue`` show it."""
    parts, free = [], []
    for stage in ref.STAGES:
        limit = rules[TIME_LIMITS].get(stage)
        if not limit:
            free.append(stage)
            continue
        text = f"{stage} {limit['months']} 个月"
        if limit.get("long_cycle_months"):
            text += f"（长周期领域 {limit['long_cycle_months']} 个月）"
        parts.append(text)
    if free:
        parts.append(f"{'、'.join(free)}不设期限")
    fields = "、".join(rules["long_cycle_fields"]) or "无"
    return "\n".join(
        (
            "超期在孵：在孵时间超过所在阶段的孵化期限。",
            f"孵化期限：{'；'.join(parts)}。",
            f"长周期领域：{fields}。",
        )
    )


def months_between(start, end):
    """Whole calendar months from ``start`` to ``end``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return months


def add_months(day, months):
    """``day`` plus ``months`` calendar months (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue


def age(start, end):
    """How long from ``start`` to ``end``: '24 个月', or '24 个月零 3 天'."""
    months = months_between(start, end)
    days = (end - add_months(start, months)).days
    return f"{months} 个月" + (f"零 {days} 天" if days else "")


def clean_reason(value, label="原因"):
    """A reason as stored in a stay's notes: visible characters on one line, None when blank;
    InvalidValueError when longer than MAX_REASON."""
    text = (v.visible_text(value, multiline=False) or "").strip() if value is not None else ""
    if len(text) > MAX_REASON:
        raise InvalidValueError(f"「{label}」不能超过 {MAX_REASON} 个字（现有 {len(text)} 个）")
    return text or None


def graduation_text(check):
    """How a graduation's notes name the rule it met: 「title（detail）」."""
    return f"{check.title}（{check.detail}）"


def graduation_rule_of(notes):
    """(rule key, evidence) named by a graduation's notes, or (None, None)."""
    for key, title in ref.GRADUATION_RULES:
        if notes and notes.startswith(title + "（") and notes.endswith("）"):
            detail = notes[len(title) + 1 : -1]
            return key, detail if key == "merger_or_listing" else None
    return None, None


def returned_without_reason(name, from_stage, to_stage):
    """The refusal of a move back to an earlier stage without a reason."""
    return (
        f"企业「{name}」从{from_stage}迁到{to_stage}是退回到更早的阶段，须填写退回原因"
        "（记入孵化历程，显示为「退回」；命令行用 --reason）"
    )
