"""Migration 0004: the 2018–2020 action plan as data — its targets and its 22 key tasks.

Schema: ``target`` gains ``measure`` (the key of the computed measure that yields the actual,
NULL for hand-entered indicators), ``assessment`` (按时间进度 / 直接比较: whether the verdict
weighs the share of the plan's time elapsed) and ``clause`` (where in the plan the target is
written, e.g. 二、(二) or 任务 7); ``plan_task`` gains ``section`` (the 三、重点任务 heading).

Data: the plan 《甘井子区创新驱动三年行动计划(2018—2020年)》 of 2018-07-27 with its full text
(``action_plan_2018_2020.txt`` beside this file, a verbatim copy of seed/), one row per target
with the sentence of the plan it comes from, and the numbered tasks of 三、重点任务 parsed from
the text (title, 牵头单位, 配合单位 from the brackets).  The rows are the users' to edit
afterwards.  Uses plain tables, never the app's models.
"""

import datetime
import importlib.resources
import re

from peewee import CharField, Table
from playhouse.migrate import SchemaMigrator, migrate

NAME = "action_plan"

PLAN_NAME = "甘井子区创新驱动三年行动计划(2018—2020年)"
PLAN_DOCUMENT = "甘井子区人民政府关于印发甘井子区创新驱动三年行动计划(2018—2020年)的通知"
PLAN_ISSUED = datetime.date(2018, 7, 27)
PLAN_ENDS = datetime.date(2020, 12, 31)
TEXT_FILE = "action_plan_2018_2020.txt"
TASK_COUNT = 22

ELAPSED = "按时间进度"
DIRECT = "直接比较"

AI = "人工智能及新一代信息技术"
MARINE = "海洋工程装备制造"
ENERGY = "智能和清洁能源装备"
HEALTH = "生命健康"
GREEN = "节能环保"
MATERIALS = "新材料"

LEADING_5 = "二、(二) 为 5 家，与任务 7（10 家）不一致：计划自相矛盾，两条均保留"
LEADING_10 = "任务 7 为 10 家，与二、(二)（5 家）不一致：计划自相矛盾，两条均保留"

# (clause, indicator, scope, value, unit, measure, assessment, phrase of the plan, note)
# The source sentence is cut from the plan's text around ``phrase`` (which must occur in it).
TARGETS = (
    ("二、(一)", "R&D经费支出占GDP比重", "区", "3.2", "%", None, ELAPSED,
     "经费支出占地区生产总值(GDP)的比重达到3.2%", None),
    ("二、(一)；任务 16", "每万人发明专利拥有量", "区", "25", "件", None, ELAPSED,
     "每万人发明专利拥有量达25件", "任务 16 重申同一目标"),
    ("二、(一)", "科技进步贡献率", "区", "60", "%", None, ELAPSED,
     "科技进步贡献率超过60%", "计划原文为「超过」60%"),
    ("二、(二)", "高新技术产品增加值年均增长", "区", "15", "%", None, DIRECT,
     "高新技术产品增加值年均增长15%以上", "增长率按年直接比较，不按时间进度"),
    ("二、(二)", "产值超10亿元的创新型领军企业", "区", "5", "家", "leading_output", ELAPSED,
     "培育产值超10亿元的创新型领军企业5家", LEADING_5),
    ("二、(二)；任务 8", "高新技术企业", "区", "140", "家", "valid_high_tech", ELAPSED,
     "高新技术企业140家", None),
    ("二、(二)；任务 8", "科技型中小企业", "区", "400", "家", "valid_tech_sme", ELAPSED,
     "各类科技型中小企业400家以上", "任务 8 同为 400 家"),
    ("二、(三)", "技术合同交易额", "区", "34", "亿元", "tech_contract_sum", ELAPSED,
     "技术合同交易额达到34亿元", None),
    ("任务 7", "产值超10亿元的大型创新领军企业", "区", "10", "家", "leading_output", ELAPSED,
     "培育10家产值规模超10亿元的大型创新领军企业", LEADING_10),
    ("任务 9", "产业技术创新平台", "区", "5", "家", None, ELAPSED,
     "培育各领域产业技术创新平台5家", None),
    ("任务 10", "产业技术创新战略联盟行业小组", "区", "10", "个", None, ELAPSED,
     "各领域行业小组达到10个", None),
    ("任务 10", "产业技术创新战略联盟成员单位", "区", "300", "家", None, ELAPSED,
     "联盟成员单位达到300家", None),
    ("任务 11", "新组建研发机构", "区", "15", "家", None, ELAPSED,
     "新组建国家级、省级、市级各类研发机构15家", "国家级、省级、市级，累计"),
    ("任务 13", "新建省级以上高新技术产业园区", "区", "1", "家", None, ELAPSED,
     "新建1家省级以上高新技术产业园区", None),
    ("任务 15", "技术对接活动", "区", "30", "次", None, ELAPSED,
     "累计开展技术对接活动达到30次", "累计数"),
    ("任务 15", "向企业转化科技成果", "区", "200", "项", None, ELAPSED,
     "向企业转化科技成果200项", "累计数"),
    ("任务 17", "新增孵化器、众创空间、加速器", "区", "3", "家", "new_carriers", ELAPSED,
     "新增科技企业孵化器、众创空间、加速器等3家", "科技企业孵化器、众创空间、加速器等"),
    ("四、(三)", "新引进创新创业人才", "区", "1000", "人", None, ELAPSED,
     "新引进各类创新创业人才1000人", "累计数"),
    ("四、(三)", "引进高层次人才", "区", "100", "人", None, ELAPSED,
     "引进高层次人才100人", "累计数"),
    # per field (scope = the field's name in the registry's industry list)
    ("任务 1", "规模以上骨干企业", AI, "5", "家", "above_scale_core", ELAPSED,
     "人工智能及其相关产业实现产值10亿元", None),
    ("任务 1", "产值", AI, "10", "亿元", "output_sum", ELAPSED,
     "人工智能及其相关产业实现产值10亿元", None),
    ("任务 2", "规模以上骨干企业", MARINE, "10", "家", "above_scale_core", ELAPSED,
     "海工装备制造产业实现产值70亿元以上", None),
    ("任务 2", "产值", MARINE, "70", "亿元", "output_sum", ELAPSED,
     "海工装备制造产业实现产值70亿元以上", None),
    ("任务 3", "规模以上骨干企业", ENERGY, "10", "家", "above_scale_core", ELAPSED,
     "智能和清洁能源装备制造产业实现产值150亿元以上", None),
    ("任务 3", "产值", ENERGY, "150", "亿元", "output_sum", ELAPSED,
     "智能和清洁能源装备制造产业实现产值150亿元以上", None),
    ("任务 4", "规模以上骨干企业", HEALTH, "5", "家", "above_scale_core", ELAPSED,
     "生命健康产业实现产值20亿元", None),
    ("任务 4", "科技型中小企业", HEALTH, "5", "家", "valid_tech_sme", ELAPSED,
     "生命健康产业实现产值20亿元", None),
    ("任务 4", "产值", HEALTH, "20", "亿元", "output_sum", ELAPSED,
     "生命健康产业实现产值20亿元", None),
    ("任务 5", "规模以上骨干企业", GREEN, "2", "家", "above_scale_core", ELAPSED,
     "节能环保产业实现产值10亿元", None),
    ("任务 5", "科技型中小企业", GREEN, "10", "家", "valid_tech_sme", ELAPSED,
     "节能环保产业实现产值10亿元", None),
    ("任务 5", "产值", GREEN, "10", "亿元", "output_sum", ELAPSED,
     "节能环保产业实现产值10亿元", None),
    ("任务 6", "规模以上骨干企业", MATERIALS, "5", "家", "above_scale_core", ELAPSED,
     "新材料产业实现产值10亿元", None),
    ("任务 6", "产值", MATERIALS, "10", "亿元", "output_sum", ELAPSED,
     "新材料产业实现产值10亿元", None),
)  # fmt: skip

_TASK = re.compile(r"^(\d+)\.(.+?)。\(牵头单位:(.+?)(?:,配合单位:(.+?))?\)$")
_SECTION = re.compile(r"^\(([一二三四五六七八九十]+)\)(.+)$")
_SENTENCE_END = "。;；\n"


def plan_text():
    # through the import system, not the file system: also inside a frozen (PyInstaller) app
    return importlib.resources.files(__package__).joinpath(TEXT_FILE).read_text(encoding="utf-8")


def sentence(text, phrase):
    """The sentence (or ;-clause) of ``text`` holding ``phrase``, from 到20xx年 when present."""
    at = text.index(phrase)
    start = max(text.rfind(c, 0, at) for c in _SENTENCE_END) + 1
    ends = [i for i in (text.find(c, at + len(phrase)) for c in _SENTENCE_END) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    piece = text[start:end].strip()
    lead = piece.rfind("到20", 0, piece.index(phrase))
    return piece[lead:] if lead > 0 else piece


def parse_tasks(text):
    """[(number, section, title, lead_units, co_units)] of 三、重点任务, in order."""
    body = text[text.index("三、重点任务") : text.index("四、保障措施")]
    tasks, section = [], None
    for line in body.splitlines():
        line = line.strip()
        found = _SECTION.match(line)
        if found:
            section = line
            continue
        found = _TASK.match(line)
        if found:
            number, title, lead, co = found.groups()
            tasks.append((int(number), section, title, lead, co))
    numbers = [t[0] for t in tasks]
    if numbers != list(range(1, TASK_COUNT + 1)):
        raise ValueError(f"the plan's tasks did not parse: {numbers}")
    return tasks


def up(db, is_sqlite):
    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.add_column("target", "measure", CharField(max_length=40, null=True)),
        migrator.add_column("target", "assessment", CharField(max_length=10, default=ELAPSED)),
        migrator.add_column("target", "clause", CharField(max_length=40, null=True)),
        migrator.add_column("plan_task", "section", CharField(max_length=100, null=True)),
    )
    text = plan_text()
    stamp = datetime.datetime.now().replace(microsecond=0)
    common = {"created_at": stamp, "updated_at": stamp, "version": 1}
    plan = dict(
        name=PLAN_NAME,
        starts_on=PLAN_ISSUED,
        ends_on=PLAN_ENDS,
        document=PLAN_DOCUMENT,
        issued_on=PLAN_ISSUED,
        source_text=text,
        **common,
    )
    plans = Table("plan", ["id", *plan]).bind(db)
    plans.insert(plan).execute()
    # looked up, not taken from the insert: a bare Table has no key for PostgreSQL's RETURNING
    plan_id = plans.select(plans.id).where(plans.name == PLAN_NAME).scalar()
    targets = [
        dict(
            plan_id=plan_id,
            indicator=indicator,
            period="2020",
            scope=scope,
            value=value,
            unit=unit,
            comparison=">=",
            source=sentence(text, phrase),
            note=note,
            sort_order=i,
            measure=measure,
            assessment=assessment,
            clause=clause,
            **common,
        )
        for i, (clause, indicator, scope, value, unit, measure, assessment, phrase, note) in (
            enumerate(TARGETS, 1)
        )
    ]
    Table("target", list(targets[0])).bind(db).insert(targets).execute()
    tasks = [
        dict(
            plan_id=plan_id,
            number=number,
            section=section,
            title=title,
            lead_units=lead,
            co_units=co,
            **common,
        )
        for number, section, title, lead, co in parse_tasks(text)
    ]
    Table("plan_task", list(tasks[0])).bind(db).insert(tasks).execute()
