"""Migration 0012: chain steps that can be corrected or withdrawn, and time limits per stage.

1. ``residency.moved_from_id``: the stay this one continues when the enterprise moved
   (晋级/迁移/退回 close one stay and open the next on the same day); NULL after an admission.
   The last step of an enterprise's chain can then be withdrawn exactly: withdrawing a move
   reopens the stay it closed, withdrawing an admission reopens nothing.  Stays recorded
   before this step are linked where they look like a move: the enterprise's previous stay
   ended with 晋级 or 迁出 on the day this one began.
2. Why a stay ended is written to ``notes`` (graduation rule, leave notes, reason for going
   back a stage); ``basis`` keeps why it began (an admin's exception to the entry rule).
   Graduation used to overwrite ``basis`` with the rule it met: those texts move to ``notes``.
3. The setting ``incubation_rules``: the time limit was one pair of numbers (48 / 60 months)
   for the stages ticked in ``time_limit_stages`` (only 孵化器 by default, so a 苗圃 resident
   was never 超期在孵).  It becomes ``time_limits`` per stage: the saved numbers for 苗圃 and
   孵化器 (the new default stages) and for any other stage the administrator had ticked.
"""

import json

from peewee import AutoField, CharField, ForeignKeyField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate

NAME = "chain_steps"
RULES_SETTING = "incubation_rules"
OLD_KEYS = ("time_limit_months", "long_cycle_time_limit_months", "time_limit_stages")
DEFAULT_LIMITED_STAGES = ("苗圃", "孵化器")
STAGES = ("苗圃", "孵化器", "加速器", "产业化基地")


class Residency(Model):
    """Frozen copy of the part of db.models.Residency this step refers to."""

    id = AutoField()

    class Meta:
        table_name = "residency"


class Setting(Model):
    """Frozen copy of db.models.Setting as of schema version 12."""

    id = AutoField()
    key = CharField(max_length=100, unique=True)
    value = TextField(null=True)

    class Meta:
        table_name = "setting"


def up(db, is_sqlite):
    migrator = SchemaMigrator.from_database(db)
    with db.bind_ctx([Residency, Setting]):
        migrate(
            migrator.add_column(
                "residency",
                "moved_from_id",
                ForeignKeyField(Residency, field=Residency.id, null=True),
            )
        )
        db.execute_sql(
            "UPDATE residency SET moved_from_id = ("
            "SELECT p.id FROM residency p WHERE p.enterprise_id = residency.enterprise_id"
            " AND p.id <> residency.id AND p.left_on = residency.entered_on"
            " AND p.exit_reason IN ('晋级', '迁出') ORDER BY p.id DESC LIMIT 1)"
        )
        db.execute_sql(
            "UPDATE residency SET notes = basis, basis = NULL"
            " WHERE exit_reason = '毕业' AND basis IS NOT NULL AND notes IS NULL"
        )
        row = Setting.get_or_none(Setting.key == RULES_SETTING)
        if row is not None and row.value:
            rules = convert_rules(json.loads(row.value))
            row.value = json.dumps(rules, ensure_ascii=False)
            row.save()


def convert_rules(saved):
    """The saved rules with ``time_limits`` per stage in place of the three old keys."""
    if not any(key in saved for key in OLD_KEYS):
        return saved
    rules = {k: value for k, value in saved.items() if k not in OLD_KEYS}
    limit = {
        "months": saved.get("time_limit_months", 48),
        "long_cycle_months": saved.get("long_cycle_time_limit_months", 60),
    }
    ticked = set(saved.get("time_limit_stages") or ()) | set(DEFAULT_LIMITED_STAGES)
    rules["time_limits"] = {stage: dict(limit) for stage in STAGES if stage in ticked}
    return rules
