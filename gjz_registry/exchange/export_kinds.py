"""The built-in export kinds: enterprises, carriers, high-tech, tech-sme and residents.

Each builds a :class:`~exporter.Table` from one SQL query (50 000 enterprises must export in
about a second), restricted to the actor's scope by the services' own filter queries.
"""

import datetime

from db.models import Enterprise, Qualification
from gjz_registry import reference as ref
from gjz_registry.exchange import xlsx_writer as xw
from gjz_registry.exchange.exporter import Table, register_export, sheet_columns
from gjz_registry.services import search
from gjz_registry.services.incubation import months_between

_ENTERPRISE_SQL = (
    "SELECT e.id, e.name, e.credit_code, s.name, i.name, e.legal_rep, e.contact_name,"
    " e.contact_phone, e.address, e.founded_on, e.registered_capital, e.employees, e.rd_staff,"
    " e.stage, c.name, r.entered_on, e.notes"
    " FROM enterprise e JOIN street s ON s.id = e.street_id"
    " LEFT JOIN industry i ON i.id = e.industry_id"
    " LEFT JOIN carrier c ON c.id = e.carrier_id"
    " LEFT JOIN residency r ON r.enterprise_id = e.id AND r.left_on IS NULL"
    " {where} ORDER BY s.sort_order, e.name_pinyin, e.credit_code"
)


def _latest_qualifications(db):
    """{(enterprise id, kind): (number, granted_on, year)}: the newest open 高企 and 科小
    certificate of each enterprise (not superseded, not revoked)."""
    p = db.param
    rows = db.execute_sql(
        "SELECT enterprise_id, kind, number, granted_on, year FROM qualification"
        f" WHERE kind IN ({p}, {p}) AND revoked_on IS NULL AND superseded_by_id IS NULL"
        " ORDER BY enterprise_id, kind, COALESCE(CAST(granted_on AS TEXT), CAST(year AS TEXT)), id",
        (ref.QUAL_HIGH_TECH, ref.QUAL_TECH_SME),
    )
    return {(eid, kind): (number, granted, year) for eid, kind, number, granted, year in rows}


def _as_of(year):
    if not year:
        return None
    return min(datetime.date.today(), datetime.date(year, 12, 31))


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
    **_,
):
    """The enterprise sheet in the canonical columns (DESIGN §6); the filters are those of
    ``EnterpriseService.list`` (``text``: the same search, at most 1000 matches)."""
    registry = service.registry
    query = registry.enterprises._filtered(
        street=street,
        industry=industry,
        stage=stage,
        qualification=qualification,
        status=status,
        carrier=carrier,
        as_of=_as_of(year),
    )
    if text:
        street_id = service.actor.street_id if service.actor.scoped else None
        ids = search.find_ids(registry.db, text, limit=1000, street_id=street_id)
        query = query.where(Enterprise.id.in_(ids or [0]))
    where, params = "", ()
    filtered = street or stage or qualification or industry or status or carrier or text
    if filtered or service.actor.scoped:
        sub, params = query.select(Enterprise.id).sql()
        where = f"WHERE e.id IN ({sub})"
    db = registry.db
    cursor = db.execute_sql(_ENTERPRISE_SQL.format(where=where), params)
    quals = _latest_qualifications(db)

    def rows():
        for n, r in enumerate(cursor, start=1):
            high = quals.get((r[0], ref.QUAL_HIGH_TECH)) or (None, None, None)
            small = quals.get((r[0], ref.QUAL_TECH_SME)) or (None, None, None)
            yield (n, *r[1:16], high[0], high[1], small[0], small[2], r[16])

    return Table("企业信息", sheet_columns("enterprises"), rows())


@register_export("carriers", "载体信息")
def carriers(service, street=None, stage=None, carrier_kind=None, level=None, text=None, **_):
    """The carriers (a street user's: their street's, like the printed carrier list),
    optionally of one street, stage (or kind), level, or with ``text`` in the name."""
    kind = carrier_kind or (ref.CARRIER_KIND_OF_STAGE.get(stage) if stage else None)
    page = service.registry.carriers.list(
        kind=kind, street=street, level=level, text=text, limit=1_000_000, output=True
    )
    rows = (
        (
            n,
            c.name,
            c.kind,
            c.level,
            c.operator_name,
            c.operator_credit_code,
            c.street,
            c.address,
            c.area_m2,
            c.recognized_on,
            c.contact_name,
            c.contact_phone,
            c.status,
            c.notes,
        )
        for n, c in enumerate(page.items, start=1)
    )
    return Table("载体信息", sheet_columns("carriers"), rows)


def _qualification_list(service, kind, sheet_kind, title, street, year):
    """Holders of ``kind``: granted (高企) or registered (科小) in ``year``, else those
    valid today; each row with the number and its date or year."""
    quals = service.registry.qualifications
    if year:
        query = service.scope(quals._query(), Enterprise.street).where(
            (Qualification.kind == kind) & Qualification.revoked_on.is_null()
        )
        if kind == ref.QUAL_HIGH_TECH:
            year = int(year)
            query = query.where(  # a date range (portable, and the column's index answers it)
                Qualification.granted_on.between(
                    datetime.date(year, 1, 1), datetime.date(year, 12, 31)
                )
            )
        else:
            query = query.where(Qualification.year == year)
        if street:
            query = query.where(Enterprise.street == service.registry.reference.street_id(street))
        records = list(query.order_by(Enterprise.name_pinyin, Qualification.number).dicts())
        items = [
            (
                r["enterprise_name"],
                r["credit_code"],
                r["number"],
                r["granted_on"],
                r["year"],
                r["street_name"],
            )
            for r in records
        ]
    else:
        items = [
            (q.enterprise_name, q.credit_code, q.number, q.granted_on, q.year, q.street)
            for q in quals.current(kind, street=street)
        ]
    high_tech = kind == ref.QUAL_HIGH_TECH
    rows = (
        (n, name, code, number, granted if high_tech else year, street_name)
        for n, (name, code, number, granted, year, street_name) in enumerate(items, start=1)
    )
    return Table(title, sheet_columns(sheet_kind), rows)


@register_export("high-tech", "高新技术企业名单")
def high_tech(service, street=None, year=None, **_):
    return _qualification_list(
        service, ref.QUAL_HIGH_TECH, "high-tech", "高新技术企业名单", street, year
    )


@register_export("tech-sme", "科技型中小企业名单")
def tech_sme(service, street=None, year=None, **_):
    return _qualification_list(
        service, ref.QUAL_TECH_SME, "tech-sme", "科技型中小企业名单", street, year
    )


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
        "SELECT c.name, c.kind, r.stage, e.name, e.credit_code, s.name, r.entered_on"
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
        for n, r in enumerate(registry.db.execute_sql(sql, params), start=1):
            entered = r[6] if isinstance(r[6], datetime.date) else datetime.date.fromisoformat(r[6])
            yield (n, *r[:6], entered, months_between(entered, today))

    return Table("在孵企业名单", RESIDENT_COLUMNS, rows())
