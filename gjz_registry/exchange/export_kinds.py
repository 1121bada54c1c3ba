"""The built-in export kinds: enterprises, carriers, high-tech, tech-sme and residents.

Each builds a :class:`~exporter.Table` from one SQL query (50 000 enterprises must export in
about a second), restricted to the actor's scope by the services' own filter queries.
"""

import datetime

from db.models import Enterprise, Qualification
from gjz_registry import reference as ref
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange import xlsx_writer as xw
from gjz_registry.exchange.exporter import Table, register_export, sheet_columns
from gjz_registry.fields import ENTERPRISE as SPEC
from gjz_registry.services import search
from gjz_registry.services.incubation import months_between
from gjz_registry.services.validity import valid_on, year_end

# Where each field of the enterprise spec comes from: a reference by its name, else the
# enterprise's own column; the sheet-only columns from the open residency.
_SOURCES = {"street": "s.name", "industry": "i.name", "carrier": "c.name"}


def _enterprise_sql():
    """The export's query: one column per field of the spec (and the open residency's
    入驻日期), each named by its field code."""
    fields = Enterprise._meta.fields
    names = [
        f"{_SOURCES.get(f.code) or 'e.' + fields[f.code].column_name} AS {f.code}"
        for f in SPEC.fields
    ]
    return (
        f"SELECT e.id AS id, {', '.join(names)}, r.entered_on AS entered_on"
        " FROM enterprise e JOIN street s ON s.id = e.street_id"
        " LEFT JOIN industry i ON i.id = e.industry_id"
        " LEFT JOIN carrier c ON c.id = e.carrier_id"
        " LEFT JOIN residency r ON r.enterprise_id = e.id AND r.left_on IS NULL"
        " {where} ORDER BY s.sort_order, e.name_pinyin, e.credit_code"
    )


_ENTERPRISE_SQL = _enterprise_sql()


def _latest_qualifications(db, day):
    """{(enterprise id, kind): (number, granted_on, year)}: each enterprise's 高企 and 科小
    certificate valid on ``day`` (services.validity; the newest when two overlap)."""
    query = (
        Qualification.select(
            Qualification.enterprise,
            Qualification.kind,
            Qualification.number,
            Qualification.granted_on,
            Qualification.year,
        )
        .where(
            Qualification.kind.in_((ref.QUAL_HIGH_TECH, ref.QUAL_TECH_SME)) & valid_on(None, day)
        )
        .order_by(Qualification.year, Qualification.granted_on, Qualification.id)
    )
    rows = db.execute_sql(*query.sql())  # raw rows, as the enterprise rows are read
    return {(eid, kind): (number, granted, year) for eid, kind, number, granted, year in rows}


def _qualification_values(quals, enterprise_id):
    """The enterprise sheet's certificate columns of one enterprise, by column code."""
    high = quals.get((enterprise_id, ref.QUAL_HIGH_TECH)) or (None, None, None)
    small = quals.get((enterprise_id, ref.QUAL_TECH_SME)) or (None, None, None)
    number, granted, _ = high
    sme_number, _, sme_year = small
    return {
        "high_tech_number": number,
        "high_tech_granted_on": granted,
        "tech_sme_number": sme_number,
        "tech_sme_year": sme_year,
    }


def _as_of(year):
    if not year:
        return None
    return year_end(year)


@register_export("enterprises", "企业信息")
def enterprises(
    service,
    street=None,
    stage=None,
    qualification=None,
    year=None,
    industry=None,
    status=None,
    carrier=None,
    text=None,
    **more,
):
    """The enterprise sheet in the canonical columns (DESIGN §6); the filters are those of
    ``EnterpriseService.list`` (``text``: the same search, at most 1000 matches), the spec's
    list filters among ``more``."""
    registry = service.registry
    by_field = {f.code: more[f.code] for f in SPEC.filters if more.get(f.code)}
    query = registry.enterprises._filtered(
        street=street,
        industry=industry,
        stage=stage,
        qualification=qualification,
        status=status,
        carrier=carrier,
        as_of=_as_of(year),
        **by_field,
    )
    if text:
        street_id = service.actor.street_id if service.actor.scoped else None
        ids = search.find_ids(registry.db, text, limit=1000, street_id=street_id)
        query = query.where(Enterprise.id.in_(ids or [0]))
    where, params = "", ()
    filtered = street or stage or qualification or industry or status or carrier or text
    filtered = filtered or by_field
    if filtered or service.actor.scoped:
        sub, params = query.select(Enterprise.id).sql()
        where = f"WHERE e.id IN ({sub})"
    db = registry.db
    cursor = db.execute_sql(_ENTERPRISE_SQL.format(where=where), params)
    quals = _latest_qualifications(db, _as_of(year) or datetime.date.today())
    names = [d[0] for d in cursor.description]
    codes = [c.code for c in cols.ENTERPRISES.columns]

    def rows():
        for n, r in enumerate(cursor, start=1):
            values = dict(zip(names, r, strict=True))
            values.update(_qualification_values(quals, values["id"]), seq=n)
            yield [values[code] for code in codes]

    return Table("企业信息", sheet_columns("enterprises"), rows())


@register_export("carriers", "载体信息")
def carriers(service, street=None, stage=None, carrier_kind=None, level=None, text=None, **_):
    """The carriers (a street user's: their street's, like the printed carrier list),
    optionally of one street, stage (or kind), level, or with ``text`` in the name."""
    kind = carrier_kind or (ref.CARRIER_KIND_OF_STAGE.get(stage) if stage else None)
    page = service.registry.carriers.list(
        kind=kind, street=street, level=level, text=text, limit=1_000_000, output=True
    )
    codes = [c.code for c in cols.CARRIERS.columns]
    rows = (
        [n if code == "seq" else getattr(c, code) for code in codes]
        for n, c in enumerate(page.items, start=1)
    )
    return Table("载体信息", sheet_columns("carriers"), rows)


# the printed list's column behind each cell of the sheet (by the sheet's column codes)
_LIST_CELLS = {
    "high-tech-list": {
        "name": "企业名称",
        "credit_code": "统一社会信用代码",
        "number": "证书编号",
        "granted_on": "发证日期",
        "street": "所属街道",
    },
    "tech-sme-list": {
        "name": "企业名称",
        "credit_code": "统一社会信用代码",
        "number": "入库登记编号",
        "year": "入库年度",
        "street": "所属街道",
    },
}


def _qualification_list(service, list_kind, sheet_kind, title, street, year, granted_in):
    """The printed list ``list_kind`` (ListingService: valid at ``year``'s end or today, or
    newly recognised in ``granted_in``) as a sheet, so the export and the report agree."""
    listing = service.registry.listings.listing(
        list_kind, street=street, year=year, granted_in=granted_in
    )
    if granted_in:
        title = listing.title.removeprefix(service.registry.listings.district())
    at = {code: listing.columns.index(name) for code, name in _LIST_CELLS[list_kind].items()}
    codes = [c.code for c in cols.get_kind(sheet_kind).columns]

    def cells(n, row):
        values = {code: row[i] for code, i in at.items()}
        values["seq"] = n
        return [values[code] for code in codes]

    rows = (cells(n, r) for n, r in enumerate(listing.rows, start=1))
    return Table(title, sheet_columns(sheet_kind), rows)


@register_export("high-tech", "高新技术企业名单")
def high_tech(service, street=None, year=None, granted_in=None, **_):
    return _qualification_list(
        service, "high-tech-list", "high-tech", "高新技术企业名单", street, year, granted_in
    )


@register_export("tech-sme", "科技型中小企业名单")
def tech_sme(service, street=None, year=None, granted_in=None, **_):
    return _qualification_list(
        service, "tech-sme-list", "tech-sme", "科技型中小企业名单", street, year, granted_in
    )


RESIDENT_CODES = "seq carrier carrier_kind stage name credit_code street entered_on months".split()
RESIDENT_COLUMNS = [
    xw.Column("序号", xw.NUMBER),
    xw.Column("载体名称"),
    xw.Column("载体类型"),
    xw.Column("孵化阶段"),
    xw.Column("企业名称"),
    xw.Column("统一社会信用代码"),
    xw.Column("所属街道"),
    xw.Column("入驻日期", xw.DATE),
    xw.Column("已入驻(月)", xw.NUMBER),
]


@register_export("residents", "在孵企业名单")
def residents(service, street=None, stage=None, **_):
    """Who is in which carrier since when (open residencies)."""
    registry = service.registry
    p = registry.db.param
    sql = (
        "SELECT c.name AS carrier, c.kind AS carrier_kind, r.stage AS stage, e.name AS name,"
        " e.credit_code AS credit_code, s.name AS street, r.entered_on AS entered_on"
        " FROM residency r JOIN enterprise e ON e.id = r.enterprise_id"
        " JOIN carrier c ON c.id = r.carrier_id JOIN street s ON s.id = e.street_id"
        " WHERE r.left_on IS NULL"
    )
    params = []
    street_id = registry.reference.street_id(street) if street else None
    if service.actor.scoped:
        street_id = service.actor.street_id if street_id in (None, service.actor.street_id) else -1
    if street_id is not None:
        sql += f" AND e.street_id = {p}"
        params.append(street_id)
    if stage:
        sql += f" AND r.stage = {p}"
        params.append(stage)
    sql += " ORDER BY c.kind, c.name, r.entered_on, e.name_pinyin"
    today = datetime.date.today()

    def rows():
        cursor = registry.db.execute_sql(sql, params)
        names = [d[0] for d in cursor.description]
        for n, r in enumerate(cursor, start=1):
            values = dict(zip(names, r, strict=True))
            entered = values["entered_on"]
            if not isinstance(entered, datetime.date):
                entered = datetime.date.fromisoformat(entered)
            values.update(seq=n, entered_on=entered, months=months_between(entered, today))
            yield [values[code] for code in RESIDENT_CODES]

    return Table("在孵企业名单", RESIDENT_COLUMNS, rows())
