"""Assessment periods of a plan: quarters (2023Q1), half-years (2019H1) and whole years (2019).

The 2018 plan asks for an assessment every half year (四、保障措施（二））; a plan's rhythm
(半年 / 季度 / 年) says which periods it offers (:func:`plan_periods`), from its start to
today, never beyond.  A period ends on the last day of its quarter, 30 June (H1) or
31 December (H2 and a whole year); figures that come from annual reports use the
*data year* — the period's own year when it ends on 31 December, else the year before (the
annual reports of a year are filed after it ends).  The expected share of a target is the
part of the plan's time from its start to the target period's end that has elapsed by the
period's end.
"""

import dataclasses
import datetime
import re

from gjz_registry.errors import InvalidValueError

_PATTERN = re.compile(
    r"^(\d{4})\s*(?:年度?)?\s*(?:-?[Hh]([12])|(上|下)半年|-?[Qq]([1-4])|第([一二三四])季度)?$"
)
QUARTER_WORDS = "一二三四"
HALF_YEARLY, QUARTERLY, YEARLY = "半年", "季度", "年"
RHYTHMS = (HALF_YEARLY, QUARTERLY, YEARLY)


@dataclasses.dataclass(frozen=True)
class Period:
    """A half-year (``half`` 1 or 2), a quarter (``quarter`` 1–4) or a whole year."""

    year: int
    half: int = None
    quarter: int = None

    @property
    def text(self):
        """The stored form: ``2020H1``, ``2020H2``, ``2020Q3`` or ``2020``."""
        if self.quarter:
            return f"{self.year}Q{self.quarter}"
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    @property
    def label(self):
        """Chinese: 2020年上半年 / 2020年下半年 / 2020年第三季度 / 2020年."""
        if self.quarter:
            return f"{self.year}年第{QUARTER_WORDS[self.quarter - 1]}季度"
        if self.half:
            return f"{self.year}年{'上' if self.half == 1 else '下'}半年"
        return f"{self.year}年"

    @property
    def _months(self):
        if self.quarter:
            return 3 * self.quarter - 2, 3 * self.quarter
        return {1: (1, 6), 2: (7, 12)}.get(self.half, (1, 12))

    @property
    def start(self):
        return datetime.date(self.year, self._months[0], 1)

    @property
    def end(self):
        month = self._months[1]
        following = datetime.date(self.year + month // 12, month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    @property
    def data_year(self):
        """The year whose annual reports the period's figures use."""
        return self.year if self.end.month == 12 else self.year - 1

    @property
    def equivalents(self):
        """Stored period texts meaning the same end date: 2020, 2020H2 and 2020Q4 are one."""
        same = {6: (f"{self.year}H1", f"{self.year}Q2")}.get(
            self.end.month, (str(self.year), f"{self.year}H2", f"{self.year}Q4")
        )
        if self.end.month not in (6, 12):
            return (self.text,)
        return (self.text,) + tuple(t for t in same if t != self.text)

    def __str__(self):
        return self.text


def parse_period(text, field="考核期"):
    """A Period from ``2020H1``, ``2020h2``, ``2020``, ``2020年上半年`` …; InvalidValueError."""
    if isinstance(text, Period):
        return text
    found = _PATTERN.match(str(text or "").strip())
    if not found:
        raise InvalidValueError(
            f"「{field}」「{text}」格式不对："
            "应为 2020H1（上半年）、2020H2（下半年）或 2020（全年）",
            field=field,
        )
    year, half, word, quarter, quarter_word = found.groups()
    half = int(half) if half else (1 if word == "上" else 2 if word == "下" else None)
    if quarter_word:
        quarter = QUARTER_WORDS.index(quarter_word) + 1
    if not 1990 <= int(year) <= 2100:
        raise InvalidValueError(f"「{field}」年份 {year} 不合理", field=field)
    return Period(int(year), half, int(quarter) if quarter else None)


def half_years(starts_on, ends_on):
    """Every half-year from the one holding ``starts_on`` to the one holding ``ends_on``."""
    result = []
    current = Period(starts_on.year, 1 if starts_on.month <= 6 else 2)
    while current.start <= ends_on:
        result.append(current)
        current = Period(current.year + 1, 1) if current.half == 2 else Period(current.year, 2)
    return result


def plan_periods(starts_on, ends_on, rhythm=HALF_YEARLY, today=None):
    """The periods of a plan in its rhythm, from its start to ``today`` (default: today) and
    never beyond its end: those that have begun by then (none before the plan starts)."""
    today = today or datetime.date.today()
    if rhythm == QUARTERLY:
        current, step = Period(starts_on.year, quarter=(starts_on.month + 2) // 3), _next_quarter
    elif rhythm == YEARLY:
        current, step = Period(starts_on.year), lambda p: Period(p.year + 1)
    else:
        current = Period(starts_on.year, 1 if starts_on.month <= 6 else 2)
        step = lambda p: Period(p.year + 1, 1) if p.half == 2 else Period(p.year, 2)  # noqa: E731
    result = []
    while current.start <= min(ends_on, today):
        result.append(current)
        current = step(current)
    return result


def current_period(starts_on, ends_on, rhythm=HALF_YEARLY, today=None):
    """The plan's period holding ``today`` (its last once it is over, its first before it
    begins)."""
    offered = plan_periods(starts_on, ends_on, rhythm, today)
    return offered[-1] if offered else plan_periods(starts_on, ends_on, rhythm, starts_on)[0]


def _next_quarter(p):
    return (
        Period(p.year + 1, quarter=1) if p.quarter == 4 else Period(p.year, quarter=p.quarter + 1)
    )


def latest_closed(starts_on, ends_on, today=None):
    """The last half-year of the plan that has ended by ``today`` (the plan's first if none)."""
    today = today or datetime.date.today()
    periods = half_years(starts_on, ends_on)
    closed = [p for p in periods if p.end <= today]
    return closed[-1] if closed else periods[0]


def elapsed_share(starts_on, as_of, target_end):
    """Share (0…1) of the time from ``starts_on`` to ``target_end`` elapsed at ``as_of``."""
    total = (target_end - starts_on).days
    if total <= 0:
        return 1.0
    return min(1.0, max(0.0, (as_of - starts_on).days / total))
