"""Migration 0003: the floor area an enterprise occupies in its carrier (Residency.area_m2).

Needed for carrier occupancy statistics (area used per carrier).
"""

from peewee import DecimalField
from playhouse.migrate import SchemaMigrator, migrate

NAME = "residency_area"


def up(db, is_sqlite):
    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.add_column(
            "residency", "area_m2", DecimalField(max_digits=12, decimal_places=2, null=True)
        )
    )
