"""Migration 0011: the failed-login counter (table ``login_failure``).

One row per typed user name that has failed to log in since its last successful login: how
many times in a row, when last, and until when it is locked (gjz_registry.services.logins).
The name is the one typed, not a reference to ``user``, so names that do not exist are
counted the same way and reveal nothing.
"""

from peewee import AutoField, CharField, DateTimeField, IntegerField, Model

NAME = "login_failures"


class LoginFailure(Model):
    """Frozen copy of db.models.LoginFailure as of schema version 11."""

    id = AutoField()
    username = CharField(max_length=100, unique=True)
    failures = IntegerField(default=0)
    last_failed_at = DateTimeField(null=True)
    locked_until = DateTimeField(null=True)

    class Meta:
        table_name = "login_failure"


def up(db, is_sqlite):
    with db.bind_ctx([LoginFailure]):
        db.create_tables([LoginFailure])
