"""Migration 0010: the database's own id (Setting ``database_id``, a random uuid).

Backups are named and rotated per database and a restore checks that a backup belongs to the
database it replaces (db/identity.py).  A path cannot tell databases apart, so every database
gets an id of its own here, once: a new database when it is created, an existing one when it
is upgraded.  A database that already has one (e.g. restored, see services/restore.py) keeps it.
"""

from peewee import Table

from db.identity import SETTING_KEY, new_id

NAME = "database_id"


def up(db, is_sqlite):
    setting = Table("setting", ("id", "key", "value")).bind(db)
    if not setting.select(setting.id).where(setting.key == SETTING_KEY).exists():
        setting.insert(key=SETTING_KEY, value=new_id()).execute()
