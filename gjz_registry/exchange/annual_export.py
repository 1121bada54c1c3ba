"""The district's own annual sheet: ``gjz export annual --year Y`` (年度数据).

One row per enterprise with annual data of the year (the actor's scope: a street user's
street), in the columns of the annual import — 企业名称, 统一社会信用代码, 年度, then every
field of the ANNUAL spec (gjz_registry.yearly_fields) in its order and under its label, money
in 万元 as stored — so the sheet goes back in through ``gjz import`` (kind ``annual``)
unchanged.
"""

import datetime

from db.models import AnnualReport, Enterprise, Street
from gjz_registry.exchange import columns as cols
from gjz_registry.exchange import xlsx_writer as xw
from gjz_registry.exchange.exporter import Table, register_export
from gjz_registry.fields import ANNUAL

TITLE = "年度数据"
_NUMBER_KINDS = ("money", "signed_money", "count")


def annual_columns():
    """The sheet's writer columns: the identity columns, 年度, then the spec's fields."""
    identity = [xw.Column(cols.NAME.header), xw.Column(cols.CREDIT.header)]
    year = xw.Column(cols.ANNUAL.column("year").header, xw.NUMBER)
    values = [
        xw.Column(f.label, xw.NUMBER if f.kind in _NUMBER_KINDS else xw.TEXT) for f in ANNUAL.fields
    ]
    return identity + [year] + values


def default_year(year):
    """The year a yearly export is made for: ``year``, by default last year (the year whose
    returns are due)."""
    return int(year) if year else datetime.date.today().year - 1


@register_export("annual", TITLE)
def annual(service, year=None, street=None, **_):
    """The annual data of ``year`` (default: last year) of the enterprises in scope
    (optionally of one ``street``), ordered by street and name like the enterprise sheet."""
    year = default_year(year)
    scoped = service.registry.enterprises._filtered(street=street).select(Enterprise.id)
    fields = [getattr(AnnualReport, code) for code in ANNUAL.codes]
    query = (
        AnnualReport.select(Enterprise.name, Enterprise.credit_code, AnnualReport.year, *fields)
        .join(Enterprise)
        .join(Street)
        .where((AnnualReport.year == year) & AnnualReport.enterprise.in_(scoped))
        .order_by(Street.sort_order, Enterprise.name_pinyin, Enterprise.credit_code)
    )
    return Table(f"{year}年{TITLE}", annual_columns(), query.tuples().iterator())
