"""Assessment periods of a plan: half-years (2019H1, 2019H2) and whole years (2019).

The plan asks for an assessment every half year (四、保障措施（二）).  A period ends on 30 June
(H1) or 31 December (H2 and a whole year); figures that come from annual reports use the
*data year* — the period's own year when it ends on 31 December, else the year before (the
annual reports of a year are filed after it ends).  The expected share of a target is the
part of the plan's time from its start to the target period's end that has elapsed by the
period's end.
"""

import dataclasses
import datetime
import re

from gjz_registry.errors import InvalidValueError

_PATTERN = re.compile(r"^(\d{4})\s*(?:年度?)?\s*(?:-?[Hh]([12])|(上|下)半年)?$")


@dataclasses.dataclass(frozen=True)
class Period:
    """A half-year (``half`` 1 or 2) or a whole year (``half`` None)."""

    year: int
    half: int = None

    @property
    def text(self):
        """The stored form: ``2020H1``, ``2020H2`` or ``2020``."""
        return f"{self.year}H{self.half}" if self.half else str(self.year)

    @property
    def label(self):
        """Chinese: 2020年上半年 / 2020年下半年 / 2020年."""
        if self.half:
            return f"{self.year}年{'上' if self.half == 1 else '下'}半年"
        return f"{self.year}年"

    @property
    def start(self):
        return datetime.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self):
        return (
            datetime.date(self.year, 6, 30) if self.half == 1 else datetime.date(self.year, 12, 31)
        )

    @property
    def data_year(self):
        """The year whose annual reports the period's figures use."""
        return self.year if self.end.month == 12 else self.year - 1

    @property
    def equivalents(self):
        """Stored period texts meaning the same end date: 2020 and 2020H2 are one."""
        if self.half == 1:
            return (self.text,)
        other = str(self.year) if self.half else f"{self.year}H2"
        return (self.text, other)

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
    year, half, word = found.groups()
    half = int(half) if half else (1 if word == "上" else 2 if word == "下" else None)
    if not 1990 <= int(year) <= 2100:
        raise InvalidValueError(f"「{field}」年份 {year} 不合理", field=field)
    return Period(int(year), half)


def half_years(starts_on, ends_on):
    """Every half-year from the one holding ``starts_on`` to the one holding ``ends_on``."""
    result = []
    current = Period(starts_on.year, 1 if starts_on.month <= 6 else 2)
    while current.start <= ends_on:
        result.append(current)
        current = Period(current.year + 1, 1) if current.half == 2 else Period(current.year, 2)
    return result


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
