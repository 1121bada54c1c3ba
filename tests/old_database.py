"""Databases as an older program left them: the schema migrated only up to a given version."""

import sqlite3

from db import migrations
from db.database import open_database


def database_at_version(path, version):
    """Create ``path`` with the migrations up to ``version`` only; return ``path``."""
    db = open_database(path)
    everything = migrations.available
    migrations.available = lambda: [m for m in everything() if m[0] <= version]
    try:
        migrations.migrate(db, True)
    finally:
        migrations.available = everything
        db.close()
    return path


def make_newer(path, version=999):
    """Record a schema version this program does not know, as a newer program would."""
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO schema_migration (version, name, applied_at) VALUES (?, 'newer', '')",
        (version,),
    )
    con.commit()
    con.close()
    return path
