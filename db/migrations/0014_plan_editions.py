"""Migration 0014: plans the administrator keeps — rhythm, status, street splits, growth target.

Schema: ``plan`` gains ``rhythm`` (考核节奏: 半年 / 季度 / 年) and ``status`` (草稿 / 已发布 /
已废止; a draft is seen by the administrator only); ``target`` gains ``parent_id`` (the
district or field target this row is a street's part of, 分解).  Plans already recorded are
published and half-yearly.

Data: the shipped 2018–2020 plan gains the target its task 12 sets and migration 0004 left
out — 「生态城主要经济指标同比增速高于全区增速」: indicator 主要经济指标同比增速, scope
大连生态科技创新城, the growth of its annual output (产值, from the annual reports) over the
year before, compared with the district's growth (comparison ``增速>区``, value 0
percentage points).  Skipped when the plan is no longer in the database.  Uses plain
tables, never the app's models.
"""

import datetime
import importlib

from peewee import Table

NAME = "plan_editions"
PLAN_NAME = "甘井子区创新驱动三年行动计划(2018—2020年)"
ECO_CITY = "大连生态科技创新城"
PHRASE = "生态城主要经济指标同比增速高于全区增速"
GROWTH = "增速>区"
INDICATOR = "主要经济指标同比增速"


def up(db, is_sqlite):
    # plain ALTER TABLE: SQLite would otherwise rebuild ``plan``, which ``target`` refers to
    for column, default in (("rhythm", "半年"), ("status", "已发布")):
        db.execute_sql(
            f"ALTER TABLE plan ADD COLUMN {column} VARCHAR(10) NOT NULL DEFAULT '{default}'"
        )
    db.execute_sql("ALTER TABLE target ADD COLUMN parent_id INTEGER REFERENCES target (id)")
    plan = Table("plan", ("id", "name", "source_text")).bind(db)
    row = plan.select(plan.id, plan.source_text).where(plan.name == PLAN_NAME).first()
    if row is None:
        return
    target = Table("target", ("id", "plan_id", "sort_order", "indicator")).bind(db)
    if (
        target.select()
        .where((target.plan_id == row["id"]) & (target.indicator == INDICATOR))
        .count()
    ):
        return
    last = target.select(target.sort_order).where(target.plan_id == row["id"])
    order = max((r["sort_order"] or 0 for r in last), default=0) + 1
    seed = importlib.import_module("db.migrations.0004_action_plan")
    text = row["source_text"] or seed.plan_text()
    stamp = datetime.datetime.now().replace(microsecond=0)
    values = dict(
        plan_id=row["id"],
        indicator=INDICATOR,
        period="2020",
        scope=ECO_CITY,
        value="0",
        unit="个百分点",
        comparison=GROWTH,
        source=seed.sentence(text, PHRASE) if PHRASE in text else PHRASE,
        note="主要经济指标按年报产值计；增速为数据年度比上年，按年直接比较",
        sort_order=order,
        measure="output_sum",
        assessment="直接比较",
        clause="任务 12",
        created_at=stamp,
        updated_at=stamp,
        version=1,
    )
    Table("target", list(values)).bind(db).insert(values).execute()
