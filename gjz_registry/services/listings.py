"""Printed lists (名单): the rows of each list, filtered, sorted and within the actor's scope.

:class:`ListingService` returns a :class:`Listing` — plain data whose field names are those of
``reports.ListReport`` (the front end hands it to the renderer unchanged):

- ``high-tech-list``: enterprises holding a valid 高新技术企业 certificate on the list's date
  (``year`` → 31 December of that year, or today for the current year) — services.validity's
  rule, as in ``StatisticsService.valid_count`` and the export, so they all agree; with
  ``granted_in`` instead, the year's newly recognised ones (「YYYY年新认定高新技术企业名单」);
- ``tech-sme-list``: the same for 科技型中小企业 (valid for its 入库年度; ``granted_in``:
  「YYYY年新入库科技型中小企业名单」);
- ``carrier-list``: operating carriers (with ``year``: those recognised by that year's end),
  with their residents on the date;
- ``residents``: enterprises in a carrier on the date (open residencies).

Rows are sorted by street (its display order) then name in pinyin order.  Street users get
their own street only.  The statistics report is assembled in ``services.statreport``.
"""

import dataclasses
import datetime

from peewee import JOIN, fn

from db.models import Carrier, Enterprise, Industry, Qualification, Residency, Street
from gjz_registry import reference as ref
from gjz_registry.errors import InvalidValueError
from gjz_registry.services import search, statreport
from gjz_registry.services.base import Service
from gjz_registry.services.validity import recognised_in, valid_on, year_end

SORT_NOTE = "注：按所属街道、名称拼音排序。"
# the lists of a qualification kind: (kind, title, title of the year's newly recognised ones)
QUALIFICATION_LISTS = {
    "high-tech-list": (ref.QUAL_HIGH_TECH, "年高新技术企业名单", "年新认定高新技术企业名单"),
    "tech-sme-list": (ref.QUAL_TECH_SME, "年科技型中小企业名单", "年新入库科技型中小企业名单"),
}


@dataclasses.dataclass
class Listing:
    """A list ready to print: ``columns`` are header names, ``rows`` lists of cell values."""

    kind: str
    title: str
    columns: list
    rows: list
    unit_name: str
    date: datetime.date
    subtitle: str = ""
    note: str = ""


class ListingService(Service):
    """The registry's printable lists and the statistics report data."""

    def kinds(self):
        """{kind name: method} of the lists (the CLI's ``report KIND`` choices)."""
        return {
            "high-tech-list": self.high_tech,
            "tech-sme-list": self.tech_sme,
            "carrier-list": self.carriers,
            "residents": self.residents,
        }

    def listing(self, kind, street=None, year=None, granted_in=None):
        """The Listing of ``kind`` (see :meth:`kinds`); InvalidValueError for an unknown kind,
        or ``granted_in`` (新认定年度) for a list that is not of a qualification."""
        method = self.kinds().get(kind)
        if method is None:
            raise InvalidValueError(f"未知的名单种类「{kind}」，应为：{'、'.join(self.kinds())}")
        if granted_in in (None, ""):
            return method(street=street, year=year)
        if kind not in QUALIFICATION_LISTS:
            raise InvalidValueError(
                f"「新认定年度」只适用于 {'、'.join(QUALIFICATION_LISTS)}，不适用于 {kind}",
                field="granted_in",
            )
        return method(street=street, year=year, granted_in=granted_in)

    # --- common parts --------------------------------------------------------------------
    def unit_name(self):
        """The 制表单位: a street user's street office, else the district office."""
        return self.registry.reference.own_unit_name()

    def district(self):
        return self.registry.reference.district()

    def as_of(self, year):
        """The list's date: today, or 31 December of a past ``year``."""
        today = datetime.date.today()
        if year in (None, ""):
            return today
        try:
            year = int(year)
        except (TypeError, ValueError):
            raise InvalidValueError(f"「年度」应为四位数字，实为「{year}」", field="year") from None
        if not 1990 <= year <= today.year:
            raise InvalidValueError(
                f"「年度」{year} 不合理：应在 1990 至 {today.year} 之间", field="year"
            )
        return today if year == today.year else datetime.date(year, 12, 31)

    def _qualification_filter(self, list_kind, year, granted_in):
        """(condition, list date, title) of a qualification list: valid on the list's date
        (``year``'s end, or today), or newly recognised in ``granted_in``."""
        kind, title, new_title = QUALIFICATION_LISTS[list_kind]
        if granted_in in (None, ""):
            day = self.as_of(year)
            return valid_on(kind, day), day, f"{self.district()}{day.year}{title}"
        if year not in (None, ""):
            raise InvalidValueError(
                "「年度」与「新认定年度」只能选一个：年度为年末有效的名单，新认定年度为当年新认定的名单",
                field="granted_in",
            )
        recognised = self.as_of(granted_in).year
        condition = recognised_in(kind, recognised)
        return condition, year_end(recognised), f"{self.district()}{recognised}{new_title}"

    def _street_filter(self, query, column, street):
        query = self.scope(query, column)
        if street:
            query = query.where(column == self.registry.reference.street_id(street))
        return query

    def _enterprise_rows(self, query, street, *then, first=False):
        """The cells of a :func:`_enterprise_select` query within the actor's scope and
        ``street``, sorted by street (display order) then name in pinyin order, then ``then``;
        with ``first`` only an enterprise's first row is kept."""
        query = self._street_filter(query, Enterprise.street, street)
        query = query.order_by(
            Street.sort_order, Street.id, Enterprise.name_pinyin, Enterprise.id, *then
        )
        rows, seen = [], set()
        for eid, *cells in query.tuples().iterator():
            if first:
                if eid in seen:
                    continue
                seen.add(eid)
            rows.append(cells)
        return rows

    def _subtitle(self, street, day):
        actor = self.actor
        shown = street or (actor.street if actor.scoped else None)
        parts = [f"所属街道：{shown}"] if shown else []
        if actor.scoped and shown != actor.street:  # an empty list, not «that street has none»
            parts.append(f"本账户只能查看{actor.street}的数据")
        parts.append(f"截至{day.year}年{day.month}月{day.day}日")
        return "（" + "；".join(parts) + "）"

    def _listing(self, kind, title, columns, rows, street, day, note=SORT_NOTE):
        return Listing(
            kind=kind,
            title=title,
            columns=list(columns),
            rows=rows,
            unit_name=self.unit_name(),
            date=datetime.date.today(),
            subtitle=self._subtitle(street, day),
            note=note,
        )

    # --- the lists -----------------------------------------------------------------------
    def high_tech(self, street=None, year=None, granted_in=None):
        """高新技术企业名单: valid certificates on the list's date (or those newly recognised
        in ``granted_in``), one row per enterprise."""
        condition, day, title = self._qualification_filter("high-tech-list", year, granted_in)
        query = _enterprise_select(
            Qualification, Qualification.number, Qualification.granted_on, Qualification.expires_on
        ).where(condition)
        # the newest certificate when two overlap
        rows = self._enterprise_rows(
            query, street, Qualification.granted_on.desc(), Qualification.id.desc(), first=True
        )
        columns = ("企业名称", "统一社会信用代码", "所属街道", "证书编号", "发证日期", "有效期至")
        return self._listing("high-tech-list", title, columns, rows, street, day)

    def tech_sme(self, street=None, year=None, granted_in=None):
        """科技型中小企业名单: entries valid on the list's date (those of its 入库年度), or
        those newly entered in ``granted_in``; one row per enterprise."""
        condition, day, title = self._qualification_filter("tech-sme-list", year, granted_in)
        query = (
            _enterprise_select(
                Qualification, Industry.name, Qualification.number, Qualification.year
            )
            .switch(Enterprise)
            .join(Industry, JOIN.LEFT_OUTER, on=(Enterprise.industry == Industry.id))
            .where(condition)
        )
        rows = self._enterprise_rows(query, street, Qualification.id.desc(), first=True)
        columns = (
            "企业名称",
            "统一社会信用代码",
            "所属街道",
            "产业领域",
            "入库登记编号",
            "入库年度",
        )
        return self._listing("tech-sme-list", title, columns, rows, street, day)

    def carriers(self, street=None, year=None):
        """孵化载体名单: operating carriers (recognised ones by ``year``'s end when given)."""
        day = self.as_of(year)
        residents = (
            Residency.select(Residency.carrier, fn.COUNT(Residency.id))
            .where((Residency.entered_on <= day) & _open_on(day))
            .group_by(Residency.carrier)
        )
        counts = dict(residents.tuples())
        query = (
            Carrier.select(Carrier, Street.name.alias("street_name"), Street.sort_order)
            .join(Street, JOIN.LEFT_OUTER, on=(Carrier.street == Street.id))
            .where(Carrier.status == "运营")
        )
        if year not in (None, ""):
            query = query.where(
                (Carrier.level != "未认定")
                & Carrier.recognized_on.is_null(False)
                & (Carrier.recognized_on <= day)
            )
        query = self._street_filter(query, Carrier.street, street)
        found = list(query.dicts())
        found.sort(
            key=lambda c: (
                c["sort_order"] is None,
                c["sort_order"] or 0,
                search.pinyin_keys(c["name"])[0],
                c["id"],
            )
        )
        rows = [
            [
                c["name"],
                c["kind"],
                c["level"],
                c["operator_name"],
                c["street_name"],
                c["recognized_on"],
                counts.get(c["id"], 0),
            ]
            for c in found
        ]
        columns = (
            "载体名称",
            "载体类型",
            "认定级别",
            "运营机构",
            "所属街道",
            "认定日期",
            "在孵企业",
        )
        if year in (None, ""):
            title = f"{self.district()}孵化载体名单"
        else:
            title = f"{self.district()}{day.year}年孵化载体名单"
        return self._listing("carrier-list", title, columns, rows, street, day)

    def residents(self, street=None, year=None):
        """在孵企业名单: enterprises in a carrier on the list's date."""
        day = self.as_of(year)
        query = (
            _enterprise_select(Residency, Carrier.name, Residency.stage, Residency.entered_on)
            .switch(Residency)
            .join(Carrier)
            .where((Residency.entered_on <= day) & _open_on(day))
        )
        rows = self._enterprise_rows(query, street)
        columns = ("企业名称", "统一社会信用代码", "所属街道", "入驻载体", "孵化阶段", "入驻日期")
        when = "" if year in (None, "") else f"{day.year}年末"
        title = f"{self.district()}{when}在孵企业名单"
        return self._listing("residents", title, columns, rows, street, day)

    # --- statistics ----------------------------------------------------------------------
    def statistics_report(self, year=None):
        """The statistics report as plain data (``reports.StatisticsReport`` field names)."""
        day = self.as_of(year)
        return statreport.assemble(self.registry.statistics, day, self.unit_name(), self.district())


def _enterprise_select(source, *cells):
    """``source`` (a model with an ``enterprise`` foreign key) joined to its enterprise and
    the enterprise's street, selecting the enterprise id, then the cells every enterprise list
    starts with (名称, 信用代码, 街道), then ``cells``."""
    return (
        source.select(Enterprise.id, Enterprise.name, Enterprise.credit_code, Street.name, *cells)
        .join(Enterprise)
        .join(Street, on=(Enterprise.street == Street.id))
    )


def _open_on(day):
    """Residencies still open after ``day`` (left later, or not at all)."""
    return Residency.left_on.is_null() | (Residency.left_on > day)
