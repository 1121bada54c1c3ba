"""Migration 0008: the issuing unit's name kept with each certificate (Certificate.unit_name).

A certificate names the unit that issued it (the 「打印单位名称」 setting at the time).  It was
read from the setting at every printout, so a reprint after the unit was renamed showed the
new name on an old certificate.  Certificates issued before this step keep NULL and are
printed with the current setting, as before.
"""

from peewee import CharField
from playhouse.migrate import SchemaMigrator, migrate

NAME = "certificate_unit"


def up(db, is_sqlite):
    migrator = SchemaMigrator.from_database(db)
    migrate(migrator.add_column("certificate", "unit_name", CharField(max_length=200, null=True)))
