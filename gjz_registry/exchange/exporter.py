"""The export service (DESIGN §6): lists out as .xlsx, plus the blank import templates.

    me.exchange.export("enterprises", "企业.xlsx", street="大连湾街道")
    me.exchange.export("high-tech", "高企.xlsx", year=2023)

Each export kind is a function registered in :data:`EXPORTS` with :func:`register_export`;
it receives the service and the filters and returns a :class:`Table` (sheet title, columns,
rows).  Another module adds a kind the same way (the plan-targets export does)::

    @register_export("targets", "目标考核")
    def targets(service, **filters): return Table(...)

The workbook gets the list sheet (bold frozen header, code columns as text, dates as dates,
widths that fit Chinese) and a 说明 sheet (unit, user, time, filters, row count), and is
written through the output guard (:mod:`gjz_registry.outputs`: never onto the
database or a backup, a temporary file renamed into place).  Rows come from the actor's scope only.
"""

import dataclasses
import datetime
import inspect

from gjz_registry import reference as ref
from gjz_registry import validators as v
from gjz_registry.errors import InvalidValueError
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange import xlsx_writer as xw
from gjz_registry.exchange.template import TEMPLATES, write_template
from gjz_registry.fields import ENTERPRISE
from gjz_registry.services.base import Service

NOTE = "统一社会信用代码、证书编号等编码列为文本格式；日期列为日期格式。"
FILTER_NAMES = {
    "street": "所属街道",
    "stage": "孵化阶段",
    "qualification": "资质",
    "year": "年度",
    "granted_in": "新认定年度",
    # the client's list filters (企业: 领域/状态/载体/查找; 载体: 类型/级别/查找)
    "industry": "产业领域",
    "status": "状态",
    "carrier": "入驻载体",
    "carrier_kind": "载体类型",
    "level": "认定级别",
    "text": "查找",
    # the enterprise fields the spec marks as list filters
    **{f.code: f.label for f in ENTERPRISE.filters},
}
_WRITER_TYPES = {
    cols.DATE: xw.DATE,
    cols.MONEY: xw.NUMBER,
    cols.SIGNED_MONEY: xw.NUMBER,
    cols.NUMBER: xw.NUMBER,
    cols.COUNT: xw.NUMBER,
    cols.YEAR: xw.NUMBER,
    cols.IGNORE: xw.NUMBER,
}


@dataclasses.dataclass
class Table:
    """What an export kind produces: the sheet title, its columns and an iterable of rows
    (sequences of values in column order)."""

    title: str
    columns: list
    rows: object
    # A kind that writes its own workbook (several sheets, fills): write(path, about) -> the
    # number of data rows, ``about(count)`` giving the 说明 sheet's rows.
    write: object = None


@dataclasses.dataclass
class ExportKind:
    code: str
    title: str
    build: object  # build(service, **filters) -> Table


@dataclasses.dataclass
class ExportResult:
    """What was written: kind, path, number of data rows, the filters applied and the sheet's
    title (e.g. 2021年新认定高新技术企业名单; None: the kind's title)."""

    kind: str
    path: str
    rows: int
    filters: dict
    title: str = None


EXPORTS = {}


def register_export(code, title):
    """Decorator: register ``build(service, **filters) -> Table`` as export kind ``code``."""

    def decorate(build):
        EXPORTS[code] = ExportKind(code, title, build)
        return build

    return decorate


def sheet_columns(kind):
    """The writer columns of a sheet kind, in export order (DESIGN §6)."""
    kind = cols.get_kind(kind)
    headers = cols.export_headers(kind)
    return [
        xw.Column(c.header, _WRITER_TYPES.get(c.type, xw.TEXT))
        for c in kind.columns
        if c.header in headers
    ]


class ExportService(Service):
    """Writes lists within the actor's scope."""

    def kinds(self):
        """{kind: title} of every export (the blank templates included)."""
        return {
            **{k: e.title for k, e in EXPORTS.items()},
            **{k: t.title for k, t in TEMPLATES.items()},
        }

    def export(self, kind, path, **filters):
        """Write the list ``kind`` to ``path``; return an :class:`ExportResult`.

        Filters: ``street``, ``stage`` (or 未入驻), ``qualification`` (a kind such as
        高新技术企业), ``year`` (lists: valid at that year's end), ``granted_in`` (high-tech,
        tech-sme: the year's newly recognised ones instead); the enterprise list also takes
        ``industry``, ``status``, ``carrier`` (name) and ``text`` (a search), the carrier list
        ``carrier_kind``, ``level`` and ``text`` (part of the name) — the filters of the
        client's lists.
        Raises InvalidValueError for an unknown kind or filter value, OutputPathError when
        ``path`` may not or cannot be written (the database, a backup, another SQLite file, a
        missing folder, a file held open: see gjz_registry.outputs)."""
        self.require_login()
        if kind in TEMPLATES:
            return write_template(self, path, kind)
        spec = EXPORTS.get(kind)
        if spec is None:
            raise InvalidValueError(
                f"「导出类型」应为 {'、'.join(self.kinds())} 之一，实为「{kind}」", field="kind"
            )
        filters = self._check_filters(
            {k: val for k, val in filters.items() if val not in (None, "")}
        )
        if "granted_in" in filters and "granted_in" not in inspect.signature(spec.build).parameters:
            raise InvalidValueError(
                f"「新认定年度」只适用于高新技术企业、科技型中小企业名单，不适用于{spec.title}",
                field="新认定年度",
            )
        table = spec.build(self, **filters)
        written = {}

        def save(temporary):
            if table.write is not None:
                written["rows"] = table.write(
                    temporary, lambda count: self.about(table.title, filters, count)
                )
                return
            with xw.Workbook(temporary) as workbook:
                written["rows"] = workbook.add_sheet(table.title, table.columns, table.rows)
                workbook.add_sheet(
                    "说明",
                    [xw.Column("项目"), xw.Column("内容")],
                    self.about(table.title, filters, written["rows"]),
                    freeze=False,
                )

        self.registry.outputs.write(save, path)
        return ExportResult(kind, str(path), written["rows"], filters, table.title)

    def _check_filters(self, filters):
        unknown = set(filters) - set(FILTER_NAMES)
        if unknown:
            raise InvalidValueError(f"未知的筛选条件：{'、'.join(sorted(unknown))}")
        if "street" in filters:
            self.registry.reference.street_id(filters["street"])
        if "stage" in filters and filters["stage"] != "未入驻":
            v.validate_choice(filters["stage"], ref.STAGES, "孵化阶段")
        if "qualification" in filters:
            v.validate_choice(filters["qualification"], ref.QUALIFICATION_KINDS, "资质")
        if "industry" in filters:
            self.registry.reference.industry_id(filters["industry"])
        if "status" in filters:
            v.validate_choice(filters["status"], ref.ENTERPRISE_STATUSES, "状态")
        if "carrier_kind" in filters:
            v.validate_choice(filters["carrier_kind"], ref.CARRIER_KINDS, "载体类型")
        if "level" in filters:
            v.validate_choice(filters["level"], ref.CARRIER_LEVELS, "认定级别")
        if "text" in filters:
            filters["text"] = str(filters["text"]).strip()
            if not filters["text"]:
                del filters["text"]
        for key in ("year", "granted_in"):
            if key in filters:
                year = v.validate_count(filters[key], FILTER_NAMES[key])
                if not 1990 <= year <= datetime.date.today().year + 1:
                    name = FILTER_NAMES[key]
                    raise InvalidValueError(f"「{name}」{year} 不合理", field=key)
                filters[key] = year
        return filters

    def about(self, title, filters, count):
        """The rows of the 说明 sheet."""
        actor = self.actor
        unit = self.registry.reference.own_unit_name()
        described = "；".join(f"{FILTER_NAMES[k]}：{val}" for k, val in filters.items()) or "全部"
        if actor.scoped:
            described += f"（本账户只能导出{actor.street}的数据）"
        return [
            ("数据", title),
            ("导出单位", unit),
            ("导出人", actor.display_name or actor.label),
            ("导出时间", datetime.datetime.now().replace(microsecond=0).isoformat(" ")),
            ("筛选条件", described),
            ("记录数", count),
            ("说明", NOTE),
        ]


# The built-in kinds register themselves when their module is imported.
from gjz_registry.exchange import annual_export, export_kinds, torch_export  # noqa: E402,F401
