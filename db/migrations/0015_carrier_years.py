"""Migration 0015: carriers' yearly operations and the national enterprise form's figures.

A new table ``carrier_year`` holds one row per carrier and year (载体年度运营): site and
incubation area, stations, staff and mentors, seed fund, investments, platforms, events, the
carrier's own income and fiscal support, and the in-incubation counts *as the carrier reports
them* (``reported_*``; the registry computes its own from the residency history and shows both).

``annual_report`` (企业年度数据) gains the figures the Torch enterprise form asks beyond the ten
it had: net profit (signed), exports, IP applications and grants, invention applications,
software copyrights, technology contracts, graduates hired and the award level.  Existing
rows get NULL.  Money is 万元 with four decimals like every other amount; the Torch exports
convert to 千元 on output.
"""

from peewee import (
    AutoField,
    CharField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)
from playhouse.migrate import SchemaMigrator, migrate

from db.models import now

NAME = "carrier_years"


def _money(**kw):
    return DecimalField(max_digits=16, decimal_places=4, auto_round=True, null=True, **kw)


def _count():
    return IntegerField(null=True)


class Carrier(Model):
    """Frozen stand-in for the ``carrier`` table (only its key is referenced)."""

    id = AutoField()

    class Meta:
        table_name = "carrier"


class CarrierYear(Model):
    """Frozen copy of db.models.CarrierYear as of schema version 15."""

    id = AutoField()
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    version = IntegerField(default=1)
    carrier = ForeignKeyField(Carrier, backref="years")
    year = IntegerField()
    site_area_m2 = DecimalField(max_digits=12, decimal_places=2, null=True)
    incubation_area_m2 = DecimalField(max_digits=12, decimal_places=2, null=True)
    stations = _count()
    management_staff = _count()
    mentors_full = _count()
    mentors_part = _count()
    seed_fund = _money()
    fund_invested = _money()
    enterprises_invested = _count()
    platforms = _count()
    research_platforms = _count()
    events = _count()
    total_income = _money()
    fiscal_support = _money()
    reported_start = _count()
    reported_admitted = _count()
    reported_graduated = _count()
    reported_left = _count()
    reported_end = _count()
    notes = TextField(null=True)

    class Meta:
        table_name = "carrier_year"
        indexes = ((("carrier", "year"), True),)


ANNUAL_COLUMNS = (
    ("net_profit", _money),
    ("export_total", _money),
    ("ip_applied", _count),
    ("ip_granted", _count),
    ("invention_applied", _count),
    ("software_copyrights", _count),
    ("tech_contracts", _count),
    ("graduates_hired", _count),
    ("award_level", lambda: CharField(max_length=10, null=True)),
)


def up(db, is_sqlite):
    with db.bind_ctx([Carrier, CarrierYear]):
        db.create_tables([CarrierYear])
    migrator = SchemaMigrator.from_database(db)
    migrate(*(migrator.add_column("annual_report", name, make()) for name, make in ANNUAL_COLUMNS))
