"""The plain data the PDF renderers take: lists, certificates and statistics.

The services fill these (or dicts with the same keys, or their own objects with the same
attribute names — each class has a ``coerce`` that accepts all three), the renderers in
``reports.lists``, ``reports.certificates`` and ``reports.statistics`` turn them into PDF.
Nothing here queries anything or knows about the database.

Dates may be ``datetime.date`` objects or strings; strings are printed as given.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

DateLike = Union[datetime.date, str, None]

ALIGNMENTS = ("LEFT", "CENTER", "RIGHT")

# Sensible widths (in characters of the body font) and alignments for the columns the
# registry's lists use; a column given only by its header picks its width from here.
STANDARD_COLUMNS: dict[str, tuple[float, str]] = {
    "企业名称": (18.0, "LEFT"),
    "单位名称": (18.0, "LEFT"),
    "载体名称": (14.0, "LEFT"),
    "运营机构": (14.0, "LEFT"),
    "统一社会信用代码": (10.5, "CENTER"),
    "运营机构统一社会信用代码": (10.5, "CENTER"),
    "所属街道": (5.5, "CENTER"),
    "产业领域": (8.0, "CENTER"),
    "证书编号": (8.5, "CENTER"),
    "高新技术企业证书编号": (8.5, "CENTER"),
    "入库登记编号": (10.5, "CENTER"),
    "科技型中小企业入库登记编号": (10.5, "CENTER"),
    "发证日期": (5.6, "CENTER"),
    "有效期至": (5.6, "CENTER"),
    "入库年度": (4.5, "CENTER"),
    "入驻日期": (5.6, "CENTER"),
    "孵化阶段": (5.0, "CENTER"),
    "载体类型": (6.0, "CENTER"),
    "认定级别": (4.5, "CENTER"),
    "入驻载体": (12.0, "LEFT"),
    "法定代表人": (5.0, "CENTER"),
    "联系人": (4.5, "CENTER"),
    "联系电话": (7.5, "CENTER"),
    "注册地址": (14.0, "LEFT"),
    "状态": (4.0, "CENTER"),
    "备注": (8.0, "LEFT"),
}


def _as_dict(obj: Any) -> dict:
    """A plain dict of ``obj``'s fields: a mapping, a dataclass, or any object's attributes."""
    if isinstance(obj, Mapping):
        return dict(obj)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


def _pick(cls, obj: Any) -> dict:
    """The subset of ``obj``'s fields that ``cls`` (a dataclass) declares."""
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in _as_dict(obj).items() if k in names}


# --------------------------------------------------------------------------- lists


@dataclass
class ListColumn:
    """One column of a list: header, relative width (≈ characters of body text), alignment."""

    header: str
    width: float = 0.0
    align: str = ""

    def __post_init__(self):
        preset_width, preset_align = STANDARD_COLUMNS.get(self.header, (0.0, "CENTER"))
        if not self.width or self.width <= 0:
            self.width = preset_width or max(4.0, len(self.header) + 1.0)
        self.align = (self.align or preset_align).upper()
        if self.align not in ALIGNMENTS:
            self.align = "LEFT"

    @classmethod
    def coerce(cls, spec: Any) -> ListColumn:
        """A column from a ListColumn, a header, a (header, width[, align]) tuple or a dict."""
        if isinstance(spec, ListColumn):
            return spec
        if isinstance(spec, str):
            return cls(spec)
        if isinstance(spec, Sequence):
            return cls(*spec)
        return cls(**_pick(cls, spec))


@dataclass
class ListReport:
    """A printed list (名单): title, issuing unit, date, columns, rows and a closing block.

    ``rows`` are lists of cell values in column order (anything; printed with ``str``,
    ``None`` as empty).  The renderer adds the 序号 column itself when ``numbered`` is true,
    and prints rows in the order given (the caller sorts: street, then name by pinyin).
    ``signers`` are the labels of the closing block, e.g. 制表人 / 审核人 / 盖章.
    ``orientation`` is "auto" (landscape when the columns do not fit portrait), "portrait"
    or "landscape".
    """

    title: str
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    unit_name: str = ""
    date: DateLike = None
    signers: list = field(default_factory=lambda: ["制表人：", "审核人：", "单位（盖章）："])
    numbered: bool = True
    orientation: str = "auto"
    subtitle: str = ""
    note: str = ""

    def __post_init__(self):
        self.columns = [ListColumn.coerce(c) for c in self.columns]

    @classmethod
    def coerce(cls, obj: Any) -> ListReport:
        """A ListReport from itself, a dict or any object with the same attribute names."""
        if isinstance(obj, ListReport):
            return obj
        return cls(**_pick(cls, obj))


# --------------------------------------------------------------------------- certificates


@dataclass
class CertificateData:
    """One certificate.

    ``kind`` is one of "incubation" (入孵证明), "graduation" (毕业证书), "cultivation"
    (高新技术企业培育库入库证书), "carrier" (孵化载体认定证书) — or the Chinese title itself.
    ``body`` is the finished wording; when empty it is made from ``template`` (or the kind's
    default wording) filled with ``fields`` plus holder_name, unit_name and the dates.
    ``title`` defaults to the kind's title.  ``names``: the proper names and terms in the
    body kept whole on a line (the holder's name and the name values of ``fields`` always).
    """

    kind: str
    serial: str
    verify_code: str
    holder_name: str
    unit_name: str = ""
    issued_on: DateLike = None
    body: str = ""
    title: str = ""
    template: str | None = None
    fields: dict = field(default_factory=dict)
    names: tuple = ()

    @classmethod
    def coerce(cls, obj: Any) -> CertificateData:
        """A CertificateData from itself, a dict or any object with the same attribute names."""
        if isinstance(obj, CertificateData):
            return obj
        return cls(**_pick(cls, obj))


# --------------------------------------------------------------------------- statistics


@dataclass
class ChartSpec:
    """A chart under a statistics table.

    ``kind`` is "bar" or "pie"; ``labels`` name the categories (bars or slices);
    ``series`` is a list of (name, values) with one value per label — a pie uses the first.
    ``stacked`` stacks the bars of several series.
    """

    kind: str
    labels: list
    series: list
    title: str = ""
    stacked: bool = False

    @classmethod
    def coerce(cls, obj: Any) -> ChartSpec | None:
        if obj is None or isinstance(obj, ChartSpec):
            return obj
        return cls(**_pick(cls, obj))


@dataclass
class ProgressBar:
    """A table cell drawn as a horizontal progress bar (statistics tables).

    ``fraction`` is the share done (1.0 = 100 %; the bar is full from 1.0 on, the label still
    says e.g. 120.0%); ``None`` draws no bar, only the label (default 「—」).  ``mark`` draws a
    thin tick at that fraction (e.g. the share of the time elapsed); ``colour`` is the fill
    ("#RRGGBB", default the report's blue).  ``label`` defaults to the fraction as a percentage.
    """

    fraction: float | None
    label: str = ""
    mark: float | None = None
    colour: str = ""

    @property
    def text(self) -> str:
        if self.label:
            return self.label
        return "—" if self.fraction is None else f"{self.fraction:.1%}"

    @classmethod
    def coerce(cls, obj: Any) -> ProgressBar:
        if isinstance(obj, ProgressBar):
            return obj
        return cls(**_pick(cls, obj))


@dataclass
class StatSection:
    """One section of a statistics report: a heading, a table and an optional chart.

    ``rows`` are lists of cells (numbers are right-aligned and formatted with thousands
    separators; a :class:`ProgressBar` cell is drawn as a bar); ``totals`` is an optional last
    row printed in bold (e.g. 合计).
    """

    title: str
    headers: list
    rows: list = field(default_factory=list)
    totals: list | None = None
    chart: ChartSpec | None = None
    note: str = ""

    def __post_init__(self):
        self.chart = ChartSpec.coerce(self.chart)

    @classmethod
    def coerce(cls, obj: Any) -> StatSection:
        if isinstance(obj, StatSection):
            return obj
        return cls(**_pick(cls, obj))


@dataclass
class StatisticsReport:
    """A statistics report: a title, the unit and date, then numbered sections."""

    title: str
    sections: list = field(default_factory=list)
    unit_name: str = ""
    date: DateLike = None
    subtitle: str = ""

    def __post_init__(self):
        self.sections = [StatSection.coerce(s) for s in self.sections]

    @classmethod
    def coerce(cls, obj: Any) -> StatisticsReport:
        if isinstance(obj, StatisticsReport):
            return obj
        return cls(**_pick(cls, obj))


__all__ = [
    "STANDARD_COLUMNS",
    "ListColumn",
    "ListReport",
    "CertificateData",
    "ChartSpec",
    "ProgressBar",
    "StatSection",
    "StatisticsReport",
]
