"""Migration 0013: the enterprise's 技术领域 (Enterprise.tech_field).

One of the eight 国家重点支持的高新技术领域 (gjz_registry.reference.TECH_FIELDS), or NULL when
not given; existing enterprises get NULL.
"""

from peewee import CharField
from playhouse.migrate import SchemaMigrator, migrate

NAME = "tech_field"


def up(db, is_sqlite):
    migrator = SchemaMigrator.from_database(db)
    migrate(migrator.add_column("enterprise", "tech_field", CharField(max_length=20, null=True)))
